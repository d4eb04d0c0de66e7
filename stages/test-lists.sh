#!/usr/bin/env bash
# Every test list of the base (its "tests" and "check-tests" records) names
# only KVM selftests that its tree builds, for emulators that exist, with a
# guest timeout: a test renamed between bases (7.3 renamed
# vmx_dirty_log_test to nested_dirty_log_test) otherwise breaks only the
# main job, which make check does not run. Needs the selftests built whole
# (steps/build-selftests.sh without arguments).
# Then its mutant: a copy of the first list with a test renamed must be
# reported.
# Usage: stages/test-lists.sh
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

# check_list FILE: each problem of FILE on stdout; status 1 if any. A test
# is found as the matrix finds it (lib/common.sh's selftest_path), an emulator as
# steps/boot.sh does (emulators/NAME.sh).
check_list() {
	local n=0 name emu tmo rest path bad=0
	while read -r name emu tmo rest; do
		n=$((n + 1))
		case $name in '' | '#'*) continue ;; esac
		if [ "$emu" != all ] && [ ! -r "$TOP/emulators/$emu.sh" ]; then
			echo "$1:$n: unknown emulator \"$emu\""; bad=1
		fi
		if ! [[ $tmo =~ ^[0-9]+$ ]]; then
			echo "$1:$n: no guest timeout"; bad=1
		fi
		path=$SELFTESTS/$(selftest_path "${name%.sh}")
		if [ ! -x "$path" ]; then
			echo "$1:$n: $name is not a selftest of this tree (no $path)"; bad=1
		elif [ "$name" != "${name%.sh}" ] &&
		     [ ! -r "$SRC/tools/testing/selftests/kvm/$(selftest_path "$name")" ]; then
			echo "$1:$n: $name is not a wrapper script of this tree"; bad=1
		fi
	done <"$1"
	return $bad
}

[ -d "$SELFTESTS" ] || die "no selftests at $SELFTESTS (run steps/build-selftests.sh)"
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
