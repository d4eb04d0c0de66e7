#!/usr/bin/env bash
# Build-time mutants: each build/*.patch of the base's mutants directory
# breaks one property of the SPTE layout that a static_assert guards.
# Applied onto the series tip in the patch tree, it must make
# arch/x86/kvm/mmu/spte.o fail to build with the error named on its
# "Expect:" line. A mutant that builds, or fails
# otherwise, means the guard is weaker than claimed.
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=lib/patch-tree.sh
. "$TOP/lib/patch-tree.sh"
# shellcheck source=lib/mutants.sh
. "$TOP/lib/mutants.sh"

tip=$(git -C "$SRC" rev-parse HEAD)

# The guard: spte.o of the mutant tree does not build.
build_guard() {
	ptree_with "$tip" "$2" || { echo "does not apply to the series tip"; return 2; }
	ptree_make arch/x86/kvm/mmu/spte.o || return 1
}
bad=0
check_mutants build_guard "$MUTANTS"/build/*.patch || bad=1
ptree_at "$tip"
[ $bad = 0 ]
