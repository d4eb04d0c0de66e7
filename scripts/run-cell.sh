#!/usr/bin/env bash
# Run one cell of the MMU matrix (config/matrix): boot the kernel in the
# cell's emulator with its MMU mode, run the emulator's tests from the test
# list, and check that the mode really took effect.
# Usage: run-cell.sh EMULATOR CELL RUNDIR [TESTLIST]
#   TESTLIST defaults to config/mmu-tests; KERNEL defaults to $KOUT's bzImage,
#   KCONFIG (the kernel's .config) to the .config of KERNEL's build directory.
# Writes RUNDIR/EMULATOR-CELL/results.tsv: rows "boot" and "mode" first,
# then one per KUnit case run at boot ("kunit:SUITE.CASE"), one per test,
# then "kernel-log". Exit 0 when no row failed.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -ge 3 ] || die "usage: $0 EMULATOR CELL RUNDIR [TESTLIST]"
emu=$1 cell=$2 run=$3 tests=${4:-$TOP/config/mmu-tests}
KERNEL=${KERNEL:-$KOUT/arch/x86/boot/bzImage}
# The kernel's .config (default: that of its build directory), to know which
# KUnit suites must have run.
kconfig=${KCONFIG:-${KERNEL%/arch/x86/boot/bzImage}/.config}

read -r _ _ args expect < <(awk -v e="$emu" -v c="$cell" '$1 == e && $2 == c' "$TOP/config/matrix") ||
	die "no cell '$emu $cell' in config/matrix"
[ "$args" = - ] && args=""
args=${args//,/ }

# The emulator's share of the test list, and its initramfs (once per run).
list=$run/$emu.list initrd=$run/$emu-initrd.gz
"$TOP/scripts/make-test-initramfs.sh" "$emu" "$tests" "$run"

out=$run/$emu-$cell
rc=0
"$TOP/scripts/boot.sh" "$emu" "$KERNEL" "$initrd" "$out" "$args" 2>"$out.boot-err" || rc=$?
case $rc in
0) boot="pass	boot	$(cat "$out/wall-seconds")		" ;;
1) boot="fail	boot	$(cat "$out/wall-seconds")		kernel panic" ;;
2) boot="fail	boot	$(cat "$out/wall-seconds")		timeout: $(grep -m1 'exceeded' "$out.boot-err" | sed 's/^boot: //')" ;;
*) boot="fail	boot			$(head -n1 "$out.boot-err")" ;;
esac

# The mode: every expectation must be printed by the guest's init.
missing=()
for kv in $expect; do
	k=${kv%%=*} v=${kv#*=}
	case $k in
	cpu-virt|dev-kvm) pat="# $k: $v" ;;
	*) pat="# param: $k=$v" ;;
	esac
	grep -qxF "$pat" <(cut -f2- "$out/console.log" 2>/dev/null) || missing+=("$kv")
done
if [ ${#missing[@]} = 0 ]; then
	mode="pass	mode			$expect"
else
	mode="fail	mode			not in effect: ${missing[*]}"
fi

[ -f "$out/console.log" ] || : >"$out/console.log"
(
	# shellcheck source=/dev/null
	. "$TOP/emulators/$emu.sh"
	printf '%s\n' "${EMU_KNOWN_WARNINGS[@]}"
) >"$out/known-warnings"
"$TOP/scripts/parse-results.sh" "$out" "$list" "$out/known-warnings"
# The KUnit suites the kernel was built with (config/kunit-suites).
suites=()
if [ -f "$kconfig" ]; then
	while read -r suite opt; do
		grep -qx "$opt=y" "$kconfig" && suites+=("$suite")
	done < <(grep -v -e '^#' -e '^$' "$TOP/config/kunit-suites")
fi
"$TOP/scripts/parse-kunit.sh" "$out/console.log" "${suites[@]}" >"$out/kunit.tsv"
{ echo "$boot"; echo "$mode"; cat "$out/kunit.tsv" "$out/results.tsv"; } >"$out/results.tmp"
mv "$out/results.tmp" "$out/results.tsv"
cat "$out.boot-err" >&2
rm -f "$out.boot-err"
! grep -q '^fail' "$out/results.tsv"
