#!/usr/bin/env bash
# The SPTE format page, Documentation/virt/kvm/x86/spte.rst, against the
# headers and Sphinx, at the series tip in the patch tree:
#  - its bit tables, turned into static_asserts by spte-doc-asserts.sh, must
#    compile next to spte.h;
#  - each mutants/doc/*.patch (a header change that moves a documented bit)
#    must make them fail with the error on its "Expect:" line;
#  - "make htmldocs SPHINXDIRS=virt" must give no warning that the base
#    tree does not give too.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/patch-tree.sh
. "$TOP/scripts/patch-tree.sh"

doc=Documentation/virt/kvm/x86/spte.rst
obj=arch/x86/kvm/mmu/spte_doc_check
logs=$BUILD/spte-doc
mkdir -p "$logs"
tip=$(git -C "$SRC" rev-parse HEAD)
bad=0

# doc_asserts LOG: the page's tables as static_asserts, compiled in the patch tree.
doc_asserts() {
	"$TOP/scripts/spte-doc-asserts.sh" "$PTREE/$doc" >"$PTREE/$obj.c" 2>"$1" || return 2
	ptree_make "$obj.o" >"$1" 2>&1
}

ptree_at "$tip"
[ -f "$PTREE/$doc" ] || die "no $doc at the series tip"
if doc_asserts "$logs/tip.log"; then
	echo "tables: all $(grep -c '^static_assert' "$PTREE/$obj.c") rows match the headers"
else
	echo "tables: FAILED; log: $logs/tip.log"
	grep -m5 -e 'error' -e 'spte.rst' "$logs/tip.log" | indent
	bad=1
fi

for m in "$TOP"/mutants/doc/*.patch; do
	name=$(basename "$m" .patch)
	expect=$(sed -n 's/^Expect: //p' "$m" | head -n1)
	[ -n "$expect" ] || { echo "$name: no Expect: line"; bad=1; continue; }
	ptree_at "$tip"
	git -C "$PTREE" apply "$m" || { echo "$name: does not apply to the series tip"; bad=1; continue; }
	if doc_asserts "$logs/$name.log"; then
		echo "$name: SURVIVED (the tables still compile)"
		bad=1
	elif grep -qF -- "$expect" "$logs/$name.log"; then
		echo "$name: caught ($expect)"
	else
		echo "$name: fails, but not with: $expect; log: $logs/$name.log"
		bad=1
	fi
done

# Sphinx warnings, with the tree's path taken out, on the base and the tip.
for rev in "$BASE_TAG" "$tip"; do
	ptree_at "$rev"
	out=$logs/htmldocs-${rev:0:12}
	make -C "$PTREE" O="$out" SPHINXDIRS=virt htmldocs >"$out.log" 2>&1 ||
		{ echo "htmldocs failed at $rev; log: $out.log"; bad=1; }
	grep -E 'WARNING|ERROR' "$out.log" | sed "s|$PTREE/||" | sort -u >"$out.warnings"
done
new=$(comm -13 "$logs/htmldocs-${BASE_TAG:0:12}.warnings" "$logs/htmldocs-${tip:0:12}.warnings")
if [ -n "$new" ]; then
	echo "htmldocs: new warnings:"
	echo "$new" | indent
	bad=1
else
	echo "htmldocs: no new warning ($(wc -l <"$logs/htmldocs-${tip:0:12}.warnings") on both); HTML: $logs/htmldocs-${tip:0:12}/Documentation/output/virt/kvm/x86/spte.html"
fi
ptree_at "$tip"
[ $bad = 0 ]
