# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings are read by scripts/boot.sh
# Bochs 2.7 emulating Intel VMX with EPT (cpu model tigerlake; no MBEC).
# Debian's build has the debugger compiled in and no "nogui" display: it
# runs with display_library "term" under a pseudo-terminal (script) and an
# -rc file that holds "c" (continue). It boots an isolinux ISO. Sourced by
# scripts/boot.sh, which sets KERNEL, INITRD, CMDLINE, ISO and SERIAL.
EMU_NEEDS=(bochs script xorriso /usr/lib/ISOLINUX/isolinux.bin
	/usr/lib/syslinux/modules/bios/ldlinux.c32 /usr/share/bochs/BIOS-bochs-latest
	/usr/share/vgabios/vgabios.bin)
EMU_CPU=tigerlake
EMU_MEM_MB=2048
# Instructions per emulated second. Bochs' clock is virtual (sync=none):
# guest time is instructions / ips, not wall time.
EMU_IPS=200000000
emu_command() {
	local dir
	dir=$(dirname "$ISO")
	cat >"$dir/bochsrc" <<RC
megs: $EMU_MEM_MB
cpu: model=$EMU_CPU, count=1, ips=$EMU_IPS, reset_on_triple_fault=1
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
ata0-master: type=cdrom, path=$ISO, status=inserted
boot: cdrom
com1: enabled=1, mode=file, dev=$SERIAL
display_library: term
log: $dir/bochs.log
clock: sync=none, time0=946684800
info: action=ignore
error: action=ignore
panic: action=fatal
RC
	echo c >"$dir/bochs.cmds"
	EMU_CMD=(script -qfec "bochs -q -f $dir/bochsrc -rc $dir/bochs.cmds" /dev/null)
	make_iso
}

# With its debugger built in, Bochs' term display draws the VGA screen not
# on its own terminal (left to the debugger) but on a pseudo-terminal it
# opens itself, and says so: 'Bochs connected to screen "/dev/pts/N"'.
# Nobody reads that terminal unless asked to: once its buffer is full
# (about 20 KB: the boot screens, then 18 bytes of cursor refresh at a
# steady rate of emulated time) Bochs blocks in write() and the guest
# stands still, a hung test to the host. boot.sh calls this once Bochs
# runs (OUTDIR, Bochs' PID): the screen goes to OUTDIR/screen.log for as
# long as Bochs keeps the terminal open.
emu_started() {
	local log=$1/emulator.log pts="" i
	for i in $(seq 300); do
		pts=$(sed -n 's|.*Bochs connected to screen "\(/dev/pts/[0-9]*\)".*|\1|p' "$log" | head -n1)
		[ -n "$pts" ] && break
		kill -0 "$2" 2>/dev/null || break
		sleep 0.1
	done
	[ -n "$pts" ] || { echo "bochs: no 'Bochs connected to screen' line in $log after ${i}00 ms"; return 1; }
	cat "$pts" >"$1/screen.log" 2>/dev/null &
	EMU_HELPERS+=($!)
}

# isolinux ISO holding the kernel, the initramfs and the command line.
make_iso() {
	local tree=$ISO.d
	rm -rf "$tree"
	mkdir -p "$tree"
	cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 "$tree/"
	cp "$KERNEL" "$tree/bzImage"
	cp "$INITRD" "$tree/initrd.gz"
	printf 'DEFAULT linux\nPROMPT 0\nTIMEOUT 0\nLABEL linux\n  KERNEL /bzImage\n  APPEND initrd=/initrd.gz %s\n' \
		"$CMDLINE" >"$tree/isolinux.cfg"
	xorriso -as mkisofs -quiet -o "$ISO" -b isolinux.bin -c boot.cat \
		-no-emul-boot -boot-load-size 4 -boot-info-table "$tree" 2>/dev/null ||
		die "xorriso could not make $ISO"
	rm -rf "$tree"
}
# Wall-clock budgets (s) enforced by the host: one test, one boot.
EMU_TEST_TIMEOUT=900
EMU_RUN_TIMEOUT=2400
# Boot-time WARNs caused by Bochs' CPU model, not by KVM: its CPUID leaves
# disagree with each other (leaf 4 core count vs leaf 1 logical count;
# leaf 0xd XSAVE size vs the sum of its components). Seen on every boot,
# with and without the series. parse-results.sh counts them apart and does
# not fail the kernel log on them; any other WARN still fails it.
EMU_KNOWN_WARNINGS=(
	'WARNING: CPU: 0 PID: 0 at ([^ ]*/)?arch/x86/kernel/cpu/topology_common.c:[0-9]+ parse_legacy'
	'WARNING: CPU: 0 PID: 0 at ([^ ]*/)?arch/x86/kernel/fpu/xstate.c:[0-9]+ fpu__init_system_xstate'
)
