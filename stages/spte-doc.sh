#!/usr/bin/env bash
# The SPTE format page, Documentation/virt/kvm/x86/spte.rst, against the
# headers and Sphinx, at the series tip in the patch tree:
#  - its bit tables, turned into static_asserts by steps/spte-doc-asserts.sh, must
#    compile next to spte.h;
#  - "make htmldocs SPHINXDIRS=virt" must give no warning that the base
#    tree does not give too;
#  - each doc/*.patch of the base's mutants directory must be caught by its
#    guard ("Guard:" line, tables or htmldocs) with the text of its "Expect:"
#    line.
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=lib/patch-tree.sh
. "$TOP/lib/patch-tree.sh"

doc=Documentation/virt/kvm/x86/spte.rst
obj=arch/x86/kvm/mmu/spte_doc_check
logs=$BDIR/spte-doc
mkdir -p "$logs"
tip=$(git -C "$SRC" rev-parse "$BRANCH")
bad=0

# tables NAME: the page's tables as static_asserts, compiled in the patch
# tree; log in $logs/NAME.tables.log.
tables() {
	"$TOP/steps/spte-doc-asserts.sh" "$PTREE/$doc" >"$PTREE/$obj.c" 2>"$logs/$1.tables.log" || return 2
	ptree_make "$obj.o" >"$logs/$1.tables.log" 2>&1
}

# htmldocs NAME: build the virt documentation of the patch tree from
# scratch (Sphinx re-reads only changed files, and warns only for those);
# its warnings, without the tree's path, go to $logs/NAME.warnings.
htmldocs() {
	local out=$logs/$1.htmldocs
	rm -rf "$out"
	make -C "$PTREE" O="$out" SPHINXDIRS=virt htmldocs >"$out.log" 2>&1 ||
		{ echo "$1: htmldocs failed; log: $out.log"; bad=1; }
	grep -E 'WARNING|ERROR' "$out.log" | sed "s|$PTREE/||" | sort -u >"$logs/$1.warnings"
}

# new_warnings NAME: its warnings that the base does not give.
new_warnings() {
	comm -13 "$logs/base.warnings" "$logs/$1.warnings"
}

ptree_at "$BASE_TAG"
htmldocs base

ptree_at "$tip"
[ -f "$PTREE/$doc" ] || die "no $doc at the series tip"
if tables tip; then
	echo "tables: all $(grep -c '^static_assert' "$PTREE/$obj.c") rows match the headers"
else
	echo "tables: FAILED; log: $logs/tip.tables.log"
	grep -m5 -e 'error' -e 'spte.rst' "$logs/tip.tables.log" | indent
	bad=1
fi
htmldocs tip
if [ -n "$(new_warnings tip)" ]; then
	echo "htmldocs: new warnings:"
	new_warnings tip | indent
	bad=1
else
	echo "htmldocs: no new warning ($(wc -l <"$logs/tip.warnings") on both); HTML: $logs/tip.htmldocs/Documentation/output/virt/kvm/x86/spte.html"
fi

for m in "$MUTANTS"/doc/*.patch; do
	name=$(basename "$m" .patch)
	guard=$(sed -n 's/^Guard: //p' "$m" | head -n1)
	expect=$(sed -n 's/^Expect: //p' "$m" | head -n1)
	[ -n "$expect" ] || { echo "$name: no Expect: line"; bad=1; continue; }
	ptree_with "$tip" "$m" || { echo "$name: does not apply to the series tip"; bad=1; continue; }
	case $guard in
	tables)
		if tables "$name"; then
			echo "$name: SURVIVED (the tables still compile)"
			bad=1
		elif grep -qF -- "$expect" "$logs/$name.tables.log"; then
			echo "$name: caught by the tables ($expect)"
		else
			echo "$name: fails, but not with: $expect; log: $logs/$name.tables.log"
			bad=1
		fi ;;
	htmldocs)
		htmldocs "$name"
		if new_warnings "$name" | grep -qF -- "$expect"; then
			echo "$name: caught by htmldocs ($expect)"
		else
			echo "$name: SURVIVED (no new warning with: $expect)"
			bad=1
		fi ;;
	*) echo "$name: Guard: must be tables or htmldocs"; bad=1 ;;
	esac
done
ptree_at "$tip"
[ $bad = 0 ]
