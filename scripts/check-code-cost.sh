#!/usr/bin/env bash
# Code cost of the series: KVM (arch/x86/kvm/, built in) with the
# test kernel's config without KUnit (as in a production kernel, where
# VISIBLE_IF_KUNIT is "static" and static stubs vanish) is built at the base
# and at the series tip, and the two are compared: scripts/bloat-o-meter
# over all functions, and the number of instructions of each function of the
# MMIO fast path (config/code-cost). Only KVM is built: the series changes
# no code outside arch/x86/kvm/ that the kernel runs. Base and tip share one
# build directory, so that each is an incremental build of the other.
# Fails when the series grows the functions' total (bloat-o-meter) or any
# listed function, or when a listed function is missing.
# Usage: check-code-cost.sh [-m MUTANT]
#   -m: also check each cost/*.patch of the base's mutants (or MUTANT=path): applied on
#       the tip, it must grow a function named on its "Expect:" line.
# Writes $BDIR/code-cost/report.txt (the last comparison of the tip).
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/patch-tree.sh
. "$TOP/scripts/patch-tree.sh"

mutants=()
if [ "${1:-}" = -m ]; then
	if [ -n "${2:-}" ]; then mutants=("$2"); else mutants=("$MUTANTS"/cost/*.patch); fi
fi
for t in objdump ld python3; do command -v "$t" >/dev/null || die "no $t (Debian packages binutils, python3)"; done
[ -f "$KOUT/.config" ] || die "no configured kernel in $KOUT (run scripts/build-kernel.sh)"
list=$TOP/config/code-cost
out=$BDIR/code-cost
mkdir -p "$out"
tip=$(git -C "$SRC" rev-parse HEAD)

# build_at REV NAME: KVM of REV, KUnit off, in $out/obj, linked into one
# object, $out/NAME-kvm.o.
build_at() {
	local obj=$out/obj
	ptree_at "$1"
	mkdir -p "$obj"
	cp "$KOUT/.config" "$obj/.config.want"
	"$PTREE/scripts/config" --file "$obj/.config.want" -d KUNIT
	cmp -s "$obj/.config.want" "$obj/.config.src" || {
		cp "$obj/.config.want" "$obj/.config"
		cp "$obj/.config.want" "$obj/.config.src"
	}
	kmake "$PTREE" "$obj" -s olddefconfig arch/x86/kvm/ >"$out/$2.log" 2>&1 ||
		{ tail -n 20 "$out/$2.log"; return 1; }
	! grep -q '^CONFIG_KUNIT=y' "$obj/.config" || die "KUnit still on in $obj/.config"
	kvm_object "$2"
}

# kvm_object NAME: the objects of arch/x86/kvm/ (a thin archive, built-in.a)
# linked into one relocatable object, $out/NAME-kvm.o.
kvm_object() {
	ld -r -z noexecstack -o "$out/$1-kvm.o" --whole-archive "$out/obj/arch/x86/kvm/built-in.a"
}

# insns OBJECT SYMBOL: instructions in every function of that name.
insns() {
	objdump -d --no-show-raw-insn --disassemble="$2" "$1" | grep -cE '^ *[0-9a-f]+:\s' || true
}

# compare BASE_KVM_O SERIES_KVM_O: report, and exit 1 on growth.
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
			echo "$sym: not in kvm.o (base $nb, series $ns instructions): inlined away or renamed?"
			bad=1
		elif [ "$ns" -gt "$nb" ]; then
			echo "$sym: grew from $nb to $ns instructions"
			bad=1
		fi
	done <"$list"
	total=$(sed -n 's/^add\/remove.* up\/down: [0-9]*\/-\{0,1\}[0-9]* (\(-\{0,1\}[0-9]*\))$/\1/p' "$out/report.tmp" | head -n1)
	[ -n "$total" ] || { echo "no bloat-o-meter total"; bad=1; }
	if [ -n "$total" ] && [ "$total" -gt 0 ]; then
		echo "the functions of KVM grew by $total bytes"
		bad=1
	fi
	return $bad
}

build_at "$BASE_TAG" base || die "the base does not build; log: $out/base.log"
build_at "$tip" series || die "the series tip does not build; log: $out/series.log"
bad=0
compare "$out/base-kvm.o" "$out/series-kvm.o" || bad=1
mv "$out/report.tmp" "$out/report.txt"
cat "$out/report.txt"

for m in "${mutants[@]}"; do
	name=$(basename "$m" .patch)
	expect=$(sed -n 's/^Expect: //p' "$m" | head -n1)
	[ -n "$expect" ] || { echo "$name: no Expect: line"; bad=1; continue; }
	ptree_with "$tip" "$m" || { echo "$name: does not apply to the series tip"; bad=1; continue; }
	# Only what the mutant touches rebuilds (and again, back at the base,
	# on the next run).
	if ! kmake "$PTREE" "$out/obj" -s arch/x86/kvm/ >"$out/$name.log" 2>&1; then
		echo "$name: does not build; log: $out/$name.log"
		bad=1
		continue
	fi
	kvm_object "$name"
	verdict=$(compare "$out/base-kvm.o" "$out/$name-kvm.o" 2>&1) && rc=0 || rc=$?
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
