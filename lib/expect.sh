# shellcheck shell=bash
# The bad-input stages' helper (stages/bad-input-*.sh): expect NAME WANT_RC
# PATTERN CMD... Sourced after lib/common.sh; sets $tmp (removed on exit)
# and $bad (1 once an expectation failed).
# shellcheck disable=SC2034 # bad is read by the stage that sources this

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0

# expect NAME WANT_RC PATTERN CMD...: CMD must exit WANT_RC (any non-zero
# for "nz") within 120 s, and its output must match PATTERN (grep -E).
expect() {
	local name=$1 want=$2 pat=$3 rc=0
	shift 3
	timeout 120 "$@" >"$tmp/out" 2>&1 || rc=$?
	if [ "$rc" = 124 ]; then
		echo "$name: HUNG (killed after 120 s)"; bad=1
	elif { [ "$want" = nz ] && [ "$rc" = 0 ]; } || { [ "$want" != nz ] && [ "$rc" != "$want" ]; }; then
		echo "$name: exit $rc, wanted $want"; indent <"$tmp/out"; bad=1
	elif ! grep -qE -- "$pat" "$tmp/out"; then
		echo "$name: exit $rc, but no message matching /$pat/"; indent <"$tmp/out"; bad=1
	else
		echo "$name: exit $rc, says: $(grep -m1 -E -- "$pat" "$tmp/out")"
	fi
}
