#!/usr/bin/env bash
# The report of a long run (bin/check.sh long): its stages, each base's
# matrix (cell x test) and mutant verdicts, as reports/long-<date>.md.
# Usage: steps/long-report.sh RUNDIR [REPORT]
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

{ [ $# -ge 1 ] && [ -s "$1/stages.tsv" ]; } || die "usage: $0 RUNDIR [REPORT] (RUNDIR of bin/check.sh long)"
run=$1
report=${2:-$TOP/reports/long-$(date -u +%Y-%m-%d).md}
mkdir -p "$(dirname "$report")"

{
	echo "# Long run, $(date -u +%Y-%m-%d)"
	echo
	echo "- Command: \`make long\` (bin/check.sh long), run directory \`$(basename "$run")\`"
	for d in "$run"/*/; do
		b=$(basename "$d")
		[ -r "$TOP/config/bases/$b" ] || continue
		src=$BUILD/$b/linux
		echo "- Base $b: $(git -C "$src" log -1 --format=%s "base-$b" 2>/dev/null || echo '?'); series tip $(git -C "$src" log -1 --format='%h %s' HEAD 2>/dev/null || echo '?')"
	done
	echo
	echo "## Stages"
	echo
	echo "| stage | status | seconds |"
	echo "| --- | --- | --- |"
	awk -F'\t' 'NR > 1 { printf "| %s | %s | %s |\n", $1, $2, $3 }' "$run/stages.tsv"
	for d in "$run"/*/; do
		b=$(basename "$d")
		[ -s "$d/matrix/matrix.tsv" ] || continue
		echo
		echo "## Base $b: matrix"
		echo
		results md-matrix "$d/matrix/matrix.tsv"
		log=$run/logs/$b/runtime-mutants.log
		if [ -s "$log" ]; then
			echo
			echo "## Base $b: runtime mutants"
			echo
			sed 's/^/- /' "$log"
		fi
		for s in build-mutants code-cost spte-doc; do
			log=$run/logs/$b/$s.log
			[ -s "$log" ] || continue
			echo
			echo "## Base $b: $s"
			echo
			echo '```'
			cat "$log"
			echo '```'
		done
	done
} >"$report"
echo "report: $report"
