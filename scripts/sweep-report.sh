#!/usr/bin/env bash
# The report of a selftest sweep (scripts/sweep.sh), in Markdown: what ran,
# the rows that differ between base and series, the failures and skips
# common to both with their reasons, and the counts.
# Usage: sweep-report.sh RUNDIR   (a sweep's run directory)
#   env SWEEP_NOTE: a line of context for the report (what was not run, why)
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# = 1 ] || die "usage: $0 RUNDIR"
run=$1 list=$1/tests
for f in "$list" "$run/base/matrix.tsv" "$run/series/matrix.tsv"; do
	[ -s "$f" ] || die "no $f: not a finished sweep"
done
[ -f "$run/common.tsv" ] || die "no $run/common.tsv: not a finished sweep"

# md_rows FILE: the TSV rows of FILE as rows of a Markdown table.
md_rows() {
	sed 's/|/\\|/g; s/\t/ | /g; s/^/| /; s/$/ |/' "$1"
}
mapfile -t emus < <(awk '{ print $2 }' "$list" | awk '!seen[$0]++')
mapfile -t cells < <(cut -f1,2 "$run/series/matrix.tsv" | sort -u | tr '\t' /)
base_ver=$(git -C "$SRC" log -1 --format=%s "$BASE_TAG")
tip=$(git -C "$SRC" log -1 --format='%h %s' HEAD)
{
	echo "# Selftest sweep, $(date -u +%Y-%m-%d)"
	echo
	echo "- Base: $base_ver (\`$BASE_TAG\`, $(git -C "$SRC" rev-parse --short=12 "$BASE_TAG"))"
	echo "- Series: $(git -C "$SRC" rev-list --count "$BASE_TAG..HEAD") patches, tip $tip"
	echo "- Tests: every KVM selftest built for x86_64 from the series tree ($(cut -d' ' -f1 "$list" | sort -u | wc -l)), default arguments, on both kernels"
	echo "- Cells: ${cells[*]} (default MMU mode); guest timeout per test: $(for e in "${emus[@]}"; do printf '%s %s s\n' "$e" "$(awk -v e="$e" '$2 == e { print $3; exit }' "$list")"; done | paste -sd, | sed 's/,/, /g')"
	echo "- Command: \`scripts/sweep.sh ${emus[*]}\`"
	for e in qemu bochs; do
		[[ " ${emus[*]} " == *" $e "* ]] || echo "- Not run: $e"
	done
	[ -z "${SWEEP_NOTE:-}" ] || echo "- Note: $SWEEP_NOTE"
	echo
	echo "## Rows that differ between base and series"
	echo
	if [ -s "$run/diff.tsv" ]; then
		echo "| emulator | cell | test | base | series | verdict | reason |"
		echo "| --- | --- | --- | --- | --- | --- | --- |"
		md_rows "$run/diff.tsv"
	else
		echo "None."
	fi
	echo
	echo "## Failures and skips common to base and series"
	echo
	echo "| emulator | cell | test | status | reason (series) |"
	echo "| --- | --- | --- | --- | --- |"
	md_rows "$run/common.tsv"
	echo
	echo "## Counts"
	echo
	for side in base series; do
		printf -- '- %s: %s\n' "$side" "$(cut -f3 "$run/$side/matrix.tsv" | sort | uniq -c | xargs)"
	done
}
