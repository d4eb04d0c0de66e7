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

tip=$(git -C "$SRC" rev-parse HEAD)
bad=0 n=0
for m in "$MUTANTS"/build/*.patch; do
	n=$((n + 1))
	name=$(basename "$m" .patch)
	expect=$(sed -n 's/^Expect: //p' "$m" | head -n1)
	[ -n "$expect" ] || { echo "$name: no Expect: line"; bad=1; continue; }
	if ! ptree_with "$tip" "$m" 2>"$POUT.apply"; then
		echo "$name: does not apply to the series tip"
		indent <"$POUT.apply"
		bad=1
		continue
	fi
	if ptree_make arch/x86/kvm/mmu/spte.o >"$POUT.mutant.log" 2>&1; then
		echo "$name: SURVIVED (builds)"
		bad=1
	elif grep -qF -- "$expect" "$POUT.mutant.log"; then
		echo "$name: caught ($expect)"
	else
		echo "$name: fails to build, but not with: $expect"
		grep -m5 'error' "$POUT.mutant.log" | indent
		bad=1
	fi
done
ptree_at "$tip"
[ "$n" -gt 0 ] || die "no mutants in $MUTANTS/build"
[ $bad = 0 ]
