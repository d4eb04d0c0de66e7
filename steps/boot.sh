#!/usr/bin/env bash
# Boot the test kernel in one emulator and follow its serial console until
# the guest's init says it is done, the kernel panics, a test or the whole
# run exceeds its wall-clock budget, or the emulator exits.
#
# Usage: steps/boot.sh EMULATOR KERNEL INITRD OUTDIR "CMDLINE"
#   EMULATOR: a file emulators/EMULATOR.sh (qemu, bochs)
#   env RUN_TIMEOUT, TEST_TIMEOUT (s): override the emulator's wall-clock
#   budgets for the whole boot and for one test
# Writes OUTDIR/serial.log (raw) and OUTDIR/console.log ("<host s>\t<line>").
# Exit: 0 done, 1 panic, 2 timeout, 3 emulator exited early.
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

[ $# = 5 ] || die "usage: $0 EMULATOR KERNEL INITRD OUTDIR CMDLINE"
emu=$1 KERNEL=$2 INITRD=$3 out=$4
settings=$TOP/emulators/$emu.sh
[ -r "$settings" ] || die "unknown emulator '$emu' (no $settings)"
[ -r "$KERNEL" ] || die "no kernel $KERNEL"
[ -r "$INITRD" ] || die "no initramfs $INITRD"
# shellcheck source=/dev/null
. "$settings"
# Words "emu.cpu+=PROP" of CMDLINE are for the emulator, not the kernel: a
# property added to its CPU (e.g. phys-bits=52), where its settings allow.
CMDLINE="console=ttyS0,115200 panic=-1"
for w in $5; do
	case $w in
	emu.cpu+=*)
		[ -n "${EMU_CPU_PROPS:-}" ] || die "$emu takes no CPU property ($w)"
		EMU_CPU+=,${w#emu.cpu+=} ;;
	*) CMDLINE+=" $w" ;;
	esac
done
RUN_TIMEOUT=${RUN_TIMEOUT:-$EMU_RUN_TIMEOUT}
# A test's wall budget: TEST_TIMEOUT if set, for every test. Otherwise the
# emulator's EMU_TEST_TIMEOUT, raised where guest time is wall time
# (EMU_GUEST_CLOCK=real) to the test's own guest timeout (guest/init prints
# it) plus a minute: the guest kills the test first, and says why.
fixed_budget=${TEST_TIMEOUT:+1}
TEST_TIMEOUT=${TEST_TIMEOUT:-$EMU_TEST_TIMEOUT}
for t in "${EMU_NEEDS[@]}"; do
	case $t in
	/*) [ -e "$t" ] || die "$emu needs $t (run steps/install-deps.sh)" ;;
	*) command -v "$t" >/dev/null || die "$emu needs '$t' (run steps/install-deps.sh)" ;;
	esac
done

mkdir -p "$out"
out=$(cd "$out" && pwd)
SERIAL=$out/serial.log ISO=$out/boot.iso
export KERNEL INITRD CMDLINE SERIAL ISO
rm -f "$SERIAL" "$out/console.log"
: >"$SERIAL"
emu_command

setsid "${EMU_CMD[@]}" </dev/null >"$out/emulator.log" 2>&1 &
epid=$!
EMU_HELPERS=()
# shellcheck disable=SC2317 # called by the EXIT trap
stop() {
	[ ${#EMU_HELPERS[@]} = 0 ] || kill "${EMU_HELPERS[@]}" 2>/dev/null || true
	kill -- -"$epid" 2>/dev/null || return 0
	sleep 1
	kill -9 -- -"$epid" 2>/dev/null || true
	wait "$epid" 2>/dev/null || true
}
trap stop EXIT
# What the emulator needs from the host while it runs, if anything (its
# settings file defines emu_started; it may add PIDs to EMU_HELPERS).
if declare -F emu_started >/dev/null && ! emu_started "$out" "$epid" >&2; then
	die "$emu did not start as expected; see $out/emulator.log"
fi

exec {fd}< <(exec tail -n +1 -F "$SERIAL" 2>/dev/null)
tpid=$!
start=$SECONDS test_start=$SECONDS test_name="" budget=$TEST_TIMEOUT partial="" rc="" panic_at="" panic=""
while :; do
	if IFS= read -r -t 2 -u "$fd" line; then
		line=$partial$line partial=""
		line=${line%$'\r'}
		printf '%d\t%s\n' "$((SECONDS - start))" "$line" >>"$out/console.log"
		case $line in
		*"# kvm-tests: done"*) rc=0; break ;;
		*"Kernel panic - not syncing"*) panic_at=${panic_at:-$SECONDS} panic=${panic:-${line#*\] }} ;;
		"# start: "*) test_name=${line#\# start: } test_start=$SECONDS budget=$TEST_TIMEOUT ;;
		"# kvm-tests: timeout "*)
			t=${line#\# kvm-tests: timeout }
			if [ -z "$fixed_budget" ] && [ "${EMU_GUEST_CLOCK:-}" = real ] &&
				[[ $t =~ ^[0-9]+$ ]] && [ $((t + 60)) -gt "$budget" ]; then
				budget=$((t + 60))
			fi ;;
		"ok "*|"not ok "*) test_name="" ;;
		esac
	else
		partial+=$line
	fi
	if [ -n "$panic_at" ] && [ $((SECONDS - panic_at)) -ge 3 ]; then
		printf '%d\t%s\n' "$((SECONDS - start))" "# host: $panic" >>"$out/console.log"
		rc=1; echo "boot: $panic" >&2; break
	fi
	if [ -n "$test_name" ] && [ $((SECONDS - test_start)) -ge "$budget" ]; then
		printf '%d\t%s\n' "$((SECONDS - start))" "# host: test $test_name exceeded ${budget}s wall" >>"$out/console.log"
		rc=2; echo "boot: test $test_name exceeded ${budget}s" >&2; break
	fi
	if [ $((SECONDS - start)) -ge "$RUN_TIMEOUT" ]; then
		printf '%d\t%s\n' "$((SECONDS - start))" "# host: run exceeded ${RUN_TIMEOUT}s wall" >>"$out/console.log"
		rc=2; echo "boot: run exceeded ${RUN_TIMEOUT}s" >&2; break
	fi
	if ! kill -0 "$epid" 2>/dev/null; then
		# Drain what the emulator wrote before it went.
		sleep 1
		while IFS= read -r -t 1 -u "$fd" line; do
			line=${line%$'\r'}
			printf '%d\t%s\n' "$((SECONDS - start))" "$line" >>"$out/console.log"
			case $line in
			*"Kernel panic - not syncing"*) panic_at=$SECONDS panic=${panic:-${line#*\] }} ;;
			esac
		done
		if grep -q '# kvm-tests: done' "$out/console.log"; then rc=0; break; fi
		if [ -n "$panic_at" ]; then
			printf '%d\t%s\n' "$((SECONDS - start))" "# host: $panic" >>"$out/console.log"
			rc=1; echo "boot: $panic" >&2; break
		fi
		printf '%d\t%s\n' "$((SECONDS - start))" "# host: $emu exited early" >>"$out/console.log"
		rc=3; echo "boot: $emu exited early; see $out/emulator.log" >&2; break
	fi
done
kill "$tpid" 2>/dev/null || true
exec {fd}<&-
echo "$((SECONDS - start))" >"$out/wall-seconds"
if [ "$rc" != 0 ]; then
	echo "boot: last console lines ($out/console.log):" >&2
	tail -n 15 "$out/console.log" | cut -f2- | sed 's/^/  | /' >&2
fi
exit "$rc"
