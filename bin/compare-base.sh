#!/usr/bin/env bash
# Run the MMU matrix on the unpatched base kernel and on the series, and
# list every row whose status differs. A row that is worse with the series
# (pass or skip on the base, fail with it) fails the comparison.
# Usage: bin/compare-base.sh [-s RUNDIR] [-b RUNDIR] [-o RUNDIR] [-t TESTLIST] [-c EMU/CELL,...] [EMULATOR...]
#   -s: take the series' results from RUNDIR/matrix.tsv (say, the matrix of
#       the last main job, build/runs/main-latest/matrix) instead of running
#       the matrix on the series again.
#   -b: likewise, the base's results (the base/ of an earlier comparison)
#   -o: where to write (default $BUILD/runs/compare-<time>)
#   -t, -c: the test list and the cells, as for steps/run-matrix.sh
# Output: RUNDIR/{base,series}/matrix.tsv, diff.tsv (rows that differ:
# emulator, cell, test, base, series, verdict, reason (the series', or
# "base: " and the base's when the series has none); verdict WORSE, better
# or new: a row the base does not have) and common.tsv (failures and skips
# on both: emulator, cell, test, status, reason).
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=lib/patch-tree.sh
. "$TOP/lib/patch-tree.sh"

series="" base="" run=$(run_dir compare) margs=()
while getopts s:b:o:t:c: opt; do
	case $opt in
	s) series=$OPTARG; [ -s "$series/matrix.tsv" ] || die "no $series/matrix.tsv" ;;
	b) base=$OPTARG; [ -s "$base/matrix.tsv" ] || die "no $base/matrix.tsv" ;;
	o) run=$OPTARG ;;
	t) margs+=(-t "$OPTARG") ;;
	c) margs+=(-c "$OPTARG") ;;
	*) die "usage: $0 [-s RUNDIR] [-b RUNDIR] [-o RUNDIR] [-t TESTLIST] [-c EMU/CELL,...] [EMULATOR...]" ;;
	esac
done
shift $((OPTIND - 1))
mkdir -p "$run"
tip=$(git -C "$SRC" rev-parse HEAD)

# take RUNDIR SIDE: that side's results from an earlier run (only the
# emulators asked for).
take() {
	cp -r "$1" "$run/$2"
	if [ $# -gt 2 ]; then
		awk -F'\t' -v e=" ${*:3} " 'index(e, " " $1 " ")' "$1/matrix.tsv" >"$run/$2/matrix.tsv"
	fi
	cp "$1/../logs/matrix.log" "$run/$2.log" 2>/dev/null ||
		echo "($2 results from $1)" >"$run/$2.log"
}

# The two sides run at once, sharing JOBS (each emulator takes one CPU):
# the same cell time in all as one side after the other, but a run of
# fewer cells than JOBS (the sweep: one per emulator) takes half as long.
jobs=${JOBS:-$(nproc)}
[ -z "$base" ] && [ -z "$series" ] && jobs=$(( jobs > 1 ? jobs / 2 : 1 ))
bpid=""
if [ -n "$base" ]; then
	take "$base" base "$@"
else
	banner "base kernel ($BASE_TAG) in $PTREE"
	ptree_at "$BASE_TAG"
	ptree_make bzImage >"$run/base-build.log" 2>&1 ||
		die "base kernel does not build; log: $run/base-build.log"
	cp "$POUT/arch/x86/boot/bzImage" "$run/base-bzImage"
	cp "$POUT/.config" "$run/base.config"
	ptree_at "$tip"
	banner "matrix on the base"
	JOBS=$jobs KERNEL=$run/base-bzImage KCONFIG=$run/base.config "$TOP/steps/run-matrix.sh" \
		-o "$run/base" "${margs[@]}" "$@" >"$run/base.log" 2>&1 &
	bpid=$!
fi
if [ -n "$series" ]; then
	take "$series" series "$@"
else
	banner "matrix on the series"
	JOBS=$jobs "$TOP/steps/run-matrix.sh" -o "$run/series" "${margs[@]}" "$@" >"$run/series.log" 2>&1 || true
fi
[ -z "$bpid" ] || wait "$bpid" || true
[ -s "$run/base/matrix.tsv" ] || die "no results from the base; log: $run/base.log"
[ -s "$run/series/matrix.tsv" ] || die "no results from the series; log: $run/series.log"

results diff "$run/base/matrix.tsv" "$run/series/matrix.tsv" >"$run/diff.tsv" && rc=0 || rc=1
echo "base:   $(tail -n1 "$run/base.log")"
echo "series: $(tail -n1 "$run/series.log")"
if [ -s "$run/diff.tsv" ]; then
	echo "rows that differ (emulator, mode, test, base, series, verdict, reason):"
	indent <"$run/diff.tsv"
else
	echo "no row differs between the base and the series"
fi
# Rows that fail or skip alike on both: emulator, cell, test, status, reason
# (the series').
results common "$run/base/matrix.tsv" "$run/series/matrix.tsv" >"$run/common.tsv"
echo "failures and skips on both:"
awk -F'\t' '{ printf "  %s %s %s: %s %s\n", $1, $2, $3, $4, $5 }' "$run/common.tsv"
echo "results: $run"
exit "$rc"
