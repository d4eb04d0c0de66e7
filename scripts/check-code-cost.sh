#!/usr/bin/env bash
# Code cost of the series: the test kernel's config without KUnit (as in a
# production kernel, where VISIBLE_IF_KUNIT is "static" and static stubs
# vanish) is built at the base and at the series tip, and the two vmlinux
# are compared: scripts/bloat-o-meter over all functions, and the number of
# instructions of each function of the MMIO fast path (config/code-cost).
# Fails when the series grows the functions' total (bloat-o-meter) or any
# listed function, or when a listed function is missing.
# Usage: check-code-cost.sh [-m MUTANT]
#   -m: also check each mutants/cost/*.patch (or MUTANT=path): applied on
#       the tip, it must grow a function named on its "Expect:" line.
# Writes $BUILD/code-cost/report.txt (the last comparison of the tip).
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/patch-tree.sh
. "$TOP/scripts/patch-tree.sh"

mutants=()
if [ "${1:-}" = -m ]; then
	if [ -n "${2:-}" ]; then mutants=("$2"); else mutants=("$TOP"/mutants/cost/*.patch); fi
fi
for t in objdump python3; do command -v "$t" >/dev/null || die "no $t (Debian packages binutils, python3)"; done
[ -f "$KOUT/.config" ] || die "no configured kernel in $KOUT (run scripts/build-kernel.sh)"
list=$TOP/config/code-cost
out=$BUILD/code-cost
mkdir -p "$out"
tip=$(git -C "$SRC" rev-parse HEAD)

# build_at REV DIR: vmlinux of REV in DIR, KUnit off.
build_at() {
	ptree_at "$1"
	mkdir -p "$2"
	cp "$KOUT/.config" "$2/.config.want"
	"$PTREE/scripts/config" --file "$2/.config.want" -d KUNIT
	cmp -s "$2/.config.want" "$2/.config.src" || {
		cp "$2/.config.want" "$2/.config"
		cp "$2/.config.want" "$2/.config.src"
	}
	kmake "$PTREE" "$2" -s olddefconfig vmlinux >"$2.log" 2>&1 ||
		{ tail -n 20 "$2.log"; return 1; }
	! grep -q '^CONFIG_KUNIT=y' "$2/.config" || die "KUnit still on in $2/.config"
}

# insns VMLINUX SYMBOL: instructions in every function of that name.
insns() {
	objdump -d --no-show-raw-insn --disassemble="$2" "$1" | grep -cE '^ *[0-9a-f]+:\s' || true
}

# compare BASE_VMLINUX SERIES_VMLINUX: report, and exit 1 on growth.
compare() {
	local b=$1 s=$2 bad=0 sym nb ns total
	{
		echo "# bloat-o-meter base series (functions)"
		"$PTREE/scripts/bloat-o-meter" -t "$b" "$s"
		echo "# instructions per function of the MMIO fast path: base series change"
	} >"$out/report.tmp"
	while read -r sym _; do
		case $sym in ''|'#'*) continue ;; esac
		nb=$(insns "$b" "$sym") ns=$(insns "$s" "$sym")
		printf '%-32s %5d %5d %+d\n' "$sym" "$nb" "$ns" $((ns - nb)) >>"$out/report.tmp"
		if [ "$nb" = 0 ] || [ "$ns" = 0 ]; then
			echo "$sym: not in vmlinux (base $nb, series $ns instructions): inlined away or renamed?"
			bad=1
		elif [ "$ns" -gt "$nb" ]; then
			echo "$sym: grew from $nb to $ns instructions"
			bad=1
		fi
	done <"$list"
	total=$(sed -n 's/^add\/remove.* up\/down: [0-9]*\/-\{0,1\}[0-9]* (\(-\{0,1\}[0-9]*\))$/\1/p' "$out/report.tmp" | head -n1)
	[ -n "$total" ] || { echo "no bloat-o-meter total"; bad=1; }
	if [ -n "$total" ] && [ "$total" -gt 0 ]; then
		echo "the functions of vmlinux grew by $total bytes"
		bad=1
	fi
	return $bad
}

build_at "$BASE_TAG" "$out/base" || die "the base does not build; log: $out/base.log"
build_at "$tip" "$out/series" || die "the series tip does not build; log: $out/series.log"
bad=0
compare "$out/base/vmlinux" "$out/series/vmlinux" || bad=1
mv "$out/report.tmp" "$out/report.txt"
cat "$out/report.txt"

for m in "${mutants[@]}"; do
	name=$(basename "$m" .patch)
	expect=$(sed -n 's/^Expect: //p' "$m" | head -n1)
	[ -n "$expect" ] || { echo "$name: no Expect: line"; bad=1; continue; }
	ptree_with "$tip" "$m" || { echo "$name: does not apply to the series tip"; bad=1; continue; }
	# Built in the series' directory: only what the mutant touches rebuilds
	# (and again, back at the tip, on the next run).
	if ! kmake "$PTREE" "$out/series" -s vmlinux >"$out/$name.log" 2>&1; then
		echo "$name: does not build; log: $out/$name.log"
		bad=1
		continue
	fi
	verdict=$(compare "$out/base/vmlinux" "$out/series/vmlinux" 2>&1) && rc=0 || rc=$?
	if [ "$rc" != 0 ] && grep -qF -- "$expect" <<<"$verdict"; then
		echo "$name: caught ($(grep -F -- "$expect" <<<"$verdict" | head -n1))"
	else
		echo "$name: SURVIVED (no growth of $expect: ${verdict:-none})"
		bad=1
	fi
	rm -f "$out/report.tmp"
done
ptree_at "$tip"
[ $bad = 0 ]
