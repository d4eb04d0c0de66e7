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
# shellcheck source=lib/mutants.sh
. "$TOP/lib/mutants.sh"

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

# The guard, by the mutant's Guard: line: the tables fail to compile, or
# htmldocs gives a new warning.
doc_guard() {
	ptree_with "$tip" "$2" || { echo "does not apply to the series tip"; return 2; }
	case $(mutant_field "$2" Guard) in
	tables) ! tables "$1" || return 0; cat "$logs/$1.tables.log"; return 1 ;;
	htmldocs) htmldocs "$1"; ! new_warnings "$1" | grep . ;;
	*) echo "Guard: must be tables or htmldocs"; return 2 ;;
	esac
}
check_mutants doc_guard "$MUTANTS"/doc/*.patch || bad=1
ptree_at "$tip"
[ $bad = 0 ]
