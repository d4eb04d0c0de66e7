#!/usr/bin/env bash
# The fast loop, for someone who changed one patch in the base tree
# (build/<base>/linux; README, "Working on a series"): re-verify what that
# commit can affect, not everything make check does.
#  - build: the kernel and the selftests, incrementally;
#  - the static guards of the files it touches: the build mutants and the
#    SPTE documentation page (with its doc mutants) when it touches a file
#    one of their diffs touches;
#  - the tests that exercise it: the selftests it touches, else (a kernel
#    change) the base's check-tests, in each emulator's default cell (the
#    KUnit suites run at every boot);
#  - the runtime mutants whose diff touches one of its files, or whose test
#    is one it touches, each in one cell.
# Then "N passed, N failed". It does not apply the series again: it tests
# the tree as it is (make export-series writes the patches back).
# Usage: bin/quick.sh [REV]   (default HEAD: the commit you just amended)
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=lib/stage.sh
. "$TOP/lib/stage.sh"
# shellcheck source=lib/mutants.sh
. "$TOP/lib/mutants.sh"

rev=${1:-HEAD}
git -C "$SRC" rev-parse -q --verify "$rev^{commit}" >/dev/null ||
	die "no commit '$rev' in $SRC (make series first)"
mapfile -t files < <(git -C "$SRC" diff-tree --no-commit-id --name-only -r "$rev")
[ ${#files[@]} -gt 0 ] || die "commit $rev of $SRC touches no file"
new_run quick
echo "run directory: $RUN"
echo "commit $(git -C "$SRC" log -1 --format='%h %s' "$rev"): ${files[*]}"

# touched DIFF...: whether one of the diffs touches a file of the commit.
touched() {
	local f
	for f in "${files[@]}"; do
		grep -qxF -e "+++ b/$f" -e "--- a/$f" "$@" 2>/dev/null && return 0
	done
	return 1
}

# The selftests the commit touches, as test lists name them (x86/NAME), and
# whether it touches the kernel itself.
xdir=$(base_field selftests-x86)
tests=()
kernel=0
for f in "${files[@]}"; do
	case $f in
	tools/testing/selftests/kvm/"${xdir:-x86}"/*.c)
		t=${f##*/}
		tests+=("x86/${t%.c}") ;;
	tools/*|Documentation/*) ;;
	*) kernel=1 ;;
	esac
done

stage build-kernel "$TOP/steps/build-kernel.sh" || finish_run
stage build-selftests "$TOP/steps/build-selftests.sh" "${tests[@]}" || finish_run

# Static guards.
if touched "$MUTANTS"/build/*.patch; then
	stage build-mutants "$TOP/stages/build-mutants.sh" || true
fi
if touched "$MUTANTS"/doc/*.patch; then
	stage spte-doc "$TOP/stages/spte-doc.sh" || true
fi

# The tests: its selftests, or for a kernel change the base's check-tests,
# in each emulator's default cell.
list=$RUN/tests
check_tests=$TOP/config/$(base_field check-tests)
if [ ${#tests[@]} -gt 0 ]; then
	for t in "${tests[@]}"; do
		grep -E "^$t(\.sh)? " "$check_tests" "$TOP/config/$(base_field tests)" | head -n1 | cut -d: -f2-
	done >"$list"
	[ -s "$list" ] || die "the base's test lists name none of ${tests[*]}"
elif [ "$kernel" = 1 ]; then
	cp "$check_tests" "$list"
fi
cells=()
while read -r e; do
	cells+=("$(default_cell "$e")")
done < <(base_field check-cells | tr ' ' '\n' | cut -d/ -f1 | sort -u)
if [ -s "$list" ]; then
	stage tests "$TOP/steps/run-matrix.sh" -o "$RUN/matrix" -t "$list" \
		-c "$(IFS=,; echo "${cells[*]}")" || true
	indent <"$RUN/logs/tests.log" | tail -n 40
fi

# Runtime mutants of its files or of its tests, one cell each.
mutants=()
for m in "$MUTANTS"/runtime/*.patch; do
	name=$(basename "$m" .patch)
	diff=$(mutant_field "$m" Diff-from)
	test=$(mutant_field "$m" Test | cut -d' ' -f1)
	if touched "$MUTANTS/runtime/${diff:-$name.patch}" ||
		{ [ -n "$test" ] && [[ " ${tests[*]} " == *" ${test%.sh} "* ]]; }; then
		mutants+=("$name")
	fi
done
if [ ${#mutants[@]} -gt 0 ]; then
	stage runtime-mutants "$TOP/stages/runtime-mutants.sh" -o "$RUN/runtime-mutants" \
		-m "$(IFS=,; echo "${mutants[*]}")" -t "$check_tests" -1 || true
	indent <"$RUN/logs/runtime-mutants.log"
fi
finish_run
