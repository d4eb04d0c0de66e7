#!/usr/bin/env bash
# scripts/checkpatch.pl --strict on every patch of the series: no error,
# warning or check. An exception must be argued in the patch's notes for
# reviewers (below "---") and listed in config/checkpatch-exceptions
# ("<patch file> <TYPE>").
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

[ -f "$SRC/scripts/checkpatch.pl" ] ||
	die "no $SRC/scripts/checkpatch.pl: make the base tree first (steps/apply-series.sh)"
exceptions=$TOP/config/checkpatch-exceptions
bad=0
while IFS= read -r p; do
	name=$(basename "$p")
	ignore=$(awk -v n="$name" '$1 == n { printf "%s%s", sep, $2; sep = "," }' "$exceptions")
	# An exception stands only if the patch's notes for reviewers (below
	# "---", above the diff) argue it, by name.
	for type in ${ignore//,/ }; do
		sed -n '/^---$/,/^diff --git/p' "$p" | grep -qw -- "$type" ||
			{ echo "$name: exception $type is not argued in the notes below ---"; bad=1; }
	done
	# Debian's python3 first: checkpatch runs scripts/spdxcheck.py, which
	# needs python3-ply.
	out=$(cd "$SRC" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl --strict --showfile \
		${ignore:+--ignore "$ignore"} "$p" 2>&1) || true
	if grep -q 'total: 0 errors, 0 warnings, 0 checks' <<<"$out" &&
	   ! grep -q 'Traceback' <<<"$out"; then
		echo "$name: clean${ignore:+ (argued exceptions: $ignore)}"
	else
		echo "$name:"
		indent <<<"$out"
		bad=1
	fi
done < <(series_patches)
[ $bad = 0 ]
