#!/usr/bin/env bash
# Run one cell of the MMU matrix (config/matrix): boot the kernel in the
# cell's emulator with its MMU mode, run the emulator's tests from the test
# list, and check that the mode really took effect.
# Usage: steps/run-cell.sh EMULATOR CELL RUNDIR [TESTLIST]
#   TESTLIST defaults to the base's "tests" (config/bases/$BASE); KERNEL defaults to $KOUT's bzImage,
#   KCONFIG (the kernel's .config) to the .config of KERNEL's build directory.
# Writes RUNDIR/EMULATOR-CELL/results.tsv: rows "boot" and "mode" first,
# then one per KUnit case run at boot ("kunit:SUITE.CASE"), one per test,
# then "kernel-log". Exit 0 when no row failed.
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

[ $# -ge 3 ] || die "usage: $0 EMULATOR CELL RUNDIR [TESTLIST]"
emu=$1 cell=$2 run=$3 tests=${4:-$TOP/config/$(base_field tests)}
KERNEL=${KERNEL:-$KOUT/arch/x86/boot/bzImage}
# The kernel's .config (default: that of its build directory), to know which
# KUnit suites must have run.
kconfig=${KCONFIG:-${KERNEL%/arch/x86/boot/bzImage}/.config}

line=$(matrix_cell "$emu/$cell") || die "no cell '$emu $cell' in config/matrix"
read -r _ _ args expect <<<"$line"
[ "$args" = - ] && args=""
args=${args//,/ }

# The emulator's share of the test list, and its initramfs (once per run).
list=$run/$emu.list initrd=$run/$emu-initrd.gz
"$TOP/steps/emulator-initramfs.sh" "$emu" "$tests" "$run"

# The number of the test a boot's console shows in progress (started, no
# result), if any.
in_progress() {
	awk -F'\t' '$2 ~ /^# start: / { split($2, f, " "); i = f[3] }
		$2 ~ /^(not )?ok [0-9]+ / { i = "" }
		END { print i }' "$1"
}

# A boot that the host stops in the middle of a test (the test's wall-clock
# budget, a kernel panic, the emulator gone) boots again from the next test
# (guest/init: kvmtests.from), so that one test does not hide the results
# of those after it; the test's own row fails with what the host saw. The
# boots of a cell share one wall-clock budget, RUN_TIMEOUT or the
# emulator's. A resumed boot runs no KUnit suite (the first boot did), and
# its console is appended to the first one's, host seconds running on.
out=$run/$emu-$cell
budget=${RUN_TIMEOUT:-$(emu_setting "$emu" EMU_RUN_TIMEOUT)}
ntests=$(grep -c -v -e '^#' -e '^$' "$list" || true)
part=$out wall=0 from=1 resumed=()
: >"$out.boot-err"
while :; do
	rc=0 bootargs=$args
	[ ${#resumed[@]} = 0 ] || bootargs="${args:+$args }kunit.enable=0 kvmtests.from=$from"
	RUN_TIMEOUT=$((budget - wall)) "$TOP/steps/boot.sh" "$emu" "$KERNEL" "$initrd" "$part" \
		"$bootargs" 2>>"$out.boot-err" || rc=$?
	if [ "$part" != "$out" ]; then
		awk -F'\t' -v o="$wall" 'BEGIN { OFS = "\t" } { $1 += o; print }' "$part/console.log" >>"$out/console.log"
	fi
	wall=$((wall + $(cat "$part/wall-seconds" 2>/dev/null || echo 0)))
	[ "$rc" = 0 ] && break
	i=$(in_progress "$part/console.log")
	if [ -z "$i" ] || [ "$i" -ge "$ntests" ] || [ $((budget - wall)) -le 60 ]; then
		break
	fi
	from=$((i + 1))
	resumed+=("$i")
	part=$out/resume-${#resumed[@]}
	printf '%d\t%s\n' "$wall" "# resume: boot again from test $from" >>"$out/console.log"
done
echo "$wall" >"$out/wall-seconds"
note=${resumed[*]:+booted again after test(s) ${resumed[*]}}
case $rc in
0) boot="pass	boot	$wall		$note" ;;
1) boot="fail	boot	$wall		$(grep -m1 'Kernel panic' "$out.boot-err" | sed 's/^boot: //')${note:+; $note}" ;;
2) boot="fail	boot	$wall		timeout: $(grep 'exceeded' "$out.boot-err" | tail -n1 | sed 's/^boot: //')${note:+; $note}" ;;
*) boot="fail	boot			$(grep -m1 -v '^  |' "$out.boot-err")${note:+; $note}" ;;
esac

# The mode: every expectation must be printed by the guest's init.
missing=()
for kv in $expect; do
	k=${kv%%=*} v=${kv#*=}
	case $k in
	cpu-virt|dev-kvm|churn) pat="# $k: $v" ;;
	# A VMX capability: a word of the "vmx flags" line (guest/init).
	vmx-flag) grep -qE "^# vmx-flags: (.* )?$v( |\$)" <(cut -f2- "$out/console.log" 2>/dev/null) ||
			missing+=("$kv")
		continue ;;
	*) pat="# param: $k=$v" ;;
	esac
	# The whole line, but for a kernel message that the console may have
	# appended to it (printk interleaves with init's output).
	grep -qE "^$(sed 's/[][\.*^$+?(){}|/]/\\&/g' <<<"$pat")(\[ *[0-9]+\.[0-9]+\].*)?\$" \
		<(cut -f2- "$out/console.log" 2>/dev/null) || missing+=("$kv")
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
results console "$out/console.log" "$list" "$out/known-warnings" >"$out/tests.tsv"
# The KUnit suites the kernel was built with (config/kunit-suites).
suites=()
if [ -f "$kconfig" ]; then
	while read -r suite opt _; do
		grep -qx "$opt=y" "$kconfig" && suites+=("$suite")
	done < <(grep -v -e '^#' -e '^$' "$TOP/config/kunit-suites")
fi
results kunit "$out/console.log" "${suites[@]}" >"$out/kunit.tsv"
{ echo "$boot"; echo "$mode"; cat "$out/kunit.tsv" "$out/tests.tsv"; } >"$out/results.tsv"
cat "$out.boot-err" >&2
rm -f "$out.boot-err"
! grep -q '^fail' "$out/results.tsv"
