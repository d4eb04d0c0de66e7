#!/usr/bin/env bash
# The report of a selftest sweep (bin/sweep.sh), in Markdown: what ran,
# then for each part (every test in the default cells; the MMU subset in
# every cell) the rows that differ between base and series, the failures
# and skips common to both with their reasons, and the counts.
# Usage: steps/sweep-report.sh RUNDIR   (a sweep's run directory)
#   env SWEEP_NOTE: a line of context for the report (what was not run, why)
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

[ $# = 1 ] || die "usage: $0 RUNDIR"
run=$1 list=$1/tests
for f in "$list" "$run/budgets"; do
	[ -s "$f" ] || die "no $f: not a finished sweep"
done
for d in "$run" "$run/mmu"; do
	for f in base/matrix.tsv series/matrix.tsv; do
		[ -s "$d/$f" ] || die "no $d/$f: not a finished sweep"
	done
	for f in diff.tsv common.tsv; do
		[ -f "$d/$f" ] || die "no $d/$f: not a finished sweep"
	done
done

# cells DIR: the cells of a comparison, EMU/CELL, space-separated.
cells() {
	cut -f1,2 "$1/series/matrix.tsv" | awk '!seen[$0]++' | tr '\t' / | xargs
}
# part DIR: the sections of one comparison.
part() {
	echo "### Rows that differ between base and series"
	echo
	if [ -s "$1/diff.tsv" ]; then
		echo "| emulator | cell | test | base | series | verdict | reason |"
		echo "| --- | --- | --- | --- | --- | --- | --- |"
		results md-rows "$1/diff.tsv"
	else
		echo "None."
	fi
	if [ -s "$1/reruns.tsv" ]; then
		echo
		echo "Run again, each kernel alone on the machine (steps/sweep-rerun.sh):"
		echo
		echo "| emulator | cell | test | base | series | base, again | series, again |"
		echo "| --- | --- | --- | --- | --- | --- | --- |"
		results md-rows "$1/reruns.tsv"
	fi
	echo
	echo "### Failures and skips common to base and series"
	echo
	if [ -s "$1/common.tsv" ]; then
		echo "| emulator | cell | test | status | reason (series) | cause |"
		echo "| --- | --- | --- | --- | --- | --- |"
		# The cause, where config/sweep-causes has one for the test.
		results causes "$TOP/config/sweep-causes" "$1/common.tsv" >"$1/common-causes.tsv"
		results md-rows "$1/common-causes.tsv"
	else
		echo "None."
	fi
	echo
	echo "### Counts"
	echo
	for side in base series; do
		printf -- '- %s: %s\n' "$side" "$(cut -f3 "$1/$side/matrix.tsv" | sort | uniq -c | xargs)"
	done
}
mapfile -t emus < <(awk '{ print $2 }' "$list" | awk '!seen[$0]++')
base_ver=$(git -C "$SRC" log -1 --format=%s "$BASE_TAG")
tip=$(git -C "$SRC" log -1 --format='%h %s' HEAD)
echo "# Selftest sweep, $(date -u +%Y-%m-%d)"
echo
echo "- Base: $base_ver (\`$BASE_TAG\`, $(git -C "$SRC" rev-parse --short=12 "$BASE_TAG"))"
echo "- Series: $(git -C "$SRC" rev-list --count "$BASE_TAG..HEAD") patches, tip $tip"
echo "- Command: \`BASE=$BASE bin/sweep.sh ${emus[*]}\`"
for e in $(emulators); do
	[[ " ${emus[*]} " == *" $e "* ]] || echo "- Not run: $e"
done
[ -z "${SWEEP_NOTE:-}" ] || echo "- Note: $SWEEP_NOTE"
echo
echo "## Every test, default MMU mode"
echo
echo "- Tests: every KVM selftest built for x86_64 from the series tree ($(cut -d' ' -f1 "$list" | sort -u | wc -l)), default arguments, on both kernels"
echo "- Cells: $(cells "$run")"
echo "- Budgets per test (guest timeout, host wall clock): $(awk '{ printf "%s%s %s s, %s s", (NR > 1 ? "; " : ""), $1, $3, $4 }' "$run/budgets")"
echo
part "$run"
echo
echo "## MMU subset, every cell"
echo
echo "- Tests: config/$(base_field tests) (arguments and guest timeouts there; host budgets: emulators/*.sh), as in \`make run\`"
echo "- Cells: $(cells "$run/mmu")"
echo
part "$run/mmu"
