#!/usr/bin/env bash
# Every test list of the base (its "tests" and "check-tests" records) names
# only KVM selftests that its tree builds, for emulators that exist, with a
# guest timeout: a test renamed between bases (7.3 renamed
# vmx_dirty_log_test to nested_dirty_log_test) otherwise breaks only the
# main job, which make check does not run. Needs the selftests built whole
# (scripts/build-selftests.sh without arguments).
# Then its mutant: a copy of the first list with a test renamed must be
# reported.
# Usage: check-test-lists.sh
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

# check_list FILE: each problem of FILE on stdout; status 1 if any.
check_list() {
	awk -v dir="$SELFTESTS" -v x86="$(base_field selftests-x86)" -v f="$1" '
		/^[ \t]*(#|$)/ { next }
		{
			t = $1
			sub(/^x86\//, x86 "/", t)
			if ($2 != "all" && $2 != "qemu" && $2 != "bochs")
				bad = bad f ":" FNR ": unknown emulator \"" $2 "\"\n"
			if ($3 !~ /^[0-9]+$/)
				bad = bad f ":" FNR ": no guest timeout\n"
			cmd = "test -x \"" dir "/" t "\""
			if (system(cmd) != 0)
				bad = bad f ":" FNR ": " $1 " is not a selftest of this tree (no " dir "/" t ")\n"
		}
		END { printf "%s", bad; exit bad != "" }' "$1"
}

[ -d "$SELFTESTS" ] || die "no selftests at $SELFTESTS (run scripts/build-selftests.sh)"
rc=0 lists=()
for key in tests check-tests; do
	l=$(base_field "$key")
	[ -n "$l" ] || continue
	[ -r "$TOP/config/$l" ] || die "config/bases/$BASE: $key names config/$l, which does not exist"
	[[ " ${lists[*]} " == *" $l "* ]] || lists+=("$l")
done
[ ${#lists[@]} -gt 0 ] || die "config/bases/$BASE names no test list"
for l in "${lists[@]}"; do
	n=$(grep -cvE '^[[:space:]]*(#|$)' "$TOP/config/$l" || true)
	if check_list "$TOP/config/$l"; then
		echo "config/$l: $n tests, all built by this tree"
	else
		rc=1
	fi
done

# The mutant: the first test of the first list renamed.
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
awk '!done && !/^[ \t]*(#|$)/ { $1 = $1 "_renamed"; done = 1 } { print }' \
	"$TOP/config/${lists[0]}" >"$tmp"
if out=$(check_list "$tmp"); then
	echo "mutant test-renamed: NOT caught (a list naming a test that does not exist passed)"
	rc=1
else
	echo "mutant test-renamed: caught ($(grep -m1 _renamed <<<"$out" | sed 's/^[^ ]* //'))"
fi
exit $rc
