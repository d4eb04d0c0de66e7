#!/usr/bin/env bash
# Run again the tests whose row differs between the base and the series
# in one emulator's part of a sweep (bin/sweep.sh), each kernel on its
# own, a few rounds: a test that differs once may be flaky under
# emulation, where guest clocks and host load meet. The rows only the
# series has (its KUnit cases) are not run again.
# Usage: steps/sweep-rerun.sh [-n ROUNDS] RUNDIR EMULATOR   (ROUNDS default 3)
# Reads RUNDIR/budgets, RUNDIR/EMULATOR/{diff.tsv,tests,base-bzImage,
# base.config} and the series kernel ($KOUT). Writes RUNDIR/EMULATOR/rerun-<side>-<round>/ and
# RUNDIR/EMULATOR/reruns.tsv: emulator, cell, test, base and series in the
# sweep, then each side's statuses in the reruns (space-separated).
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

rounds=3
if [ "${1:-}" = -n ]; then rounds=$2; shift 2; fi
[ $# = 2 ] || die "usage: $0 [-n ROUNDS] RUNDIR EMULATOR"
dir=$1/$2 emu=$2
[[ $rounds =~ ^[0-9]+$ ]] || die "bad number of rounds '$rounds'"
for f in diff.tsv tests base-bzImage base.config; do
	[ -e "$dir/$f" ] || die "no $dir/$f: not an emulator's part of a sweep"
done
# The wall budget per test the sweep gave this emulator.
wall=$(awk -v e="$emu" '$1 == e { print $4 }' "$1/budgets" 2>/dev/null)
[ -n "$wall" ] || die "no budget for $emu in $1/budgets"
# reruns.tsv is written last, when complete: bin/sweep.sh takes one that
# exists as done.
rm -f "$dir/reruns.tsv"
awk -F'\t' '$6 != "new"' "$dir/diff.tsv" >"$dir/rerun.diff"
if [ ! -s "$dir/rerun.diff" ]; then
	: >"$dir/reruns.tsv"
	echo "$emu: no row differs, nothing to run again"
	exit 0
fi
cell=$(cut -f1,2 "$dir/rerun.diff" | head -n1 | tr '\t' /)
# The lines of the sweep's test list (test, emulator, guest timeout) for
# the differing tests.
awk 'NR == FNR { d[$3] = 1; next } $1 in d' "$dir/rerun.diff" "$dir/tests" >"$dir/rerun.tests"
[ "$(wc -l <"$dir/rerun.tests")" = "$(cut -f3 "$dir/rerun.diff" | sort -u | wc -l)" ] ||
	die "the differing tests ($(cut -f3 "$dir/rerun.diff" | tr '\n' ' ')) are not all in $dir/tests"
echo "$emu: $(wc -l <"$dir/rerun.tests") test(s) again, $rounds round(s), each kernel alone"
for i in $(seq "$rounds"); do
	for side in base series; do
		k=()
		[ "$side" = base ] && k=(KERNEL="$dir/base-bzImage" KCONFIG="$dir/base.config")
		env "${k[@]}" JOBS=1 TEST_TIMEOUT="$wall" "$TOP/steps/run-matrix.sh" -o "$dir/rerun-$side-$i" \
			-t "$dir/rerun.tests" -c "$cell" "$emu" >"$dir/rerun-$side-$i.log" 2>&1 || true
	done
done
# One row per differing test: the sweep's statuses, then the reruns' ("-"
# for a round with no result for the test).
while IFS=$'\t' read -r e c t b s _; do
	r=()
	for side in base series; do
		st=()
		for i in $(seq "$rounds"); do
			x=$(awk -F'\t' -v t="$t" '$4 == t { print $3 }' "$dir/rerun-$side-$i/matrix.tsv" 2>/dev/null || true)
			st+=("${x:--}")
		done
		r+=("${st[*]}")
	done
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$e" "$c" "$t" "$b" "$s" "${r[0]}" "${r[1]}"
done <"$dir/rerun.diff" >"$dir/reruns.tsv.new"
mv "$dir/reruns.tsv.new" "$dir/reruns.tsv"
indent <"$dir/reruns.tsv"
