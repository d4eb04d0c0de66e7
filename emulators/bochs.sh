# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings are read by steps/boot.sh
# Bochs 3.0 emulating Intel VMX with EPT and mode-based execute control
# (MBEC), cpu model tigerlake. Built from Debian trixie's source by
# steps/build-bochs.sh (config/bochs: version, sha256, configure flags,
# our patches) into the cache; bookworm's bochsbios and vgabios give the
# BIOS. What Bochs does with MBEC: emulators/bochs-mbec.md. It boots an
# isolinux ISO. Sourced by steps/boot.sh, which sets KERNEL, INITRD,
# CMDLINE, ISO and SERIAL.
EMU_NEEDS=(prlimit xorriso /usr/lib/ISOLINUX/isolinux.bin
	/usr/lib/syslinux/modules/bios/ldlinux.c32 /usr/share/bochs/BIOS-bochs-latest
	/usr/share/vgabios/vgabios.bin)
# tigerlake: EPT with A/D bits, MBEC (secondary execution control bit 22)
# and the advanced VM-exit information for EPT violations that kvm_intel
# needs to use it (IA32_VMX_EPT_VPID_CAP bit 22, tied to MBEC in Bochs);
# the model of the Bochs 2.7 cells, so results compare. sapphire_rapids
# adds nothing to EPT but LA57 (a 5-level host) and AMX, UINTR (Bochs built
# with more options, larger XSAVE state).
EMU_CPU=tigerlake
# APICv: VM entry requires the posted-interrupt descriptor address to have
# bits 5:0 clear and no bit set beyond the physical-address width (SDM,
# checks on VM-execution control fields). Bochs 3.0 requires 4 KiB
# alignment instead (cpu/vmx.cc, VMenterLoadCheckVmControls). KVM writes
# __pa(&vmx->vt.pi_desc), 64-byte aligned within the vCPU structure:
# 0x45d940 and 0xd95940 for two test VMs, well within Bochs' 40-bit width.
# So with APICv on (kvm_intel's default; tigerlake has posted interrupts)
# the first KVM_RUN of a VM with an in-kernel LAPIC failed. Smallest
# reproducer: x86/userspace_io_test gets KVM_EXIT_FAIL_ENTRY, and Bochs
# logs "Posted Interrupt Descriptor phy addr malformed". A bug in Bochs
# (upstream issue 556, filed after the 3.0 release). kvm_intel.enable_apicv=0
# also gets the tests through, but leaves KVM's APICv paths untested on
# the only Intel emulator we have; instead steps/build-bochs.sh applies
# config/bochs-patches/vmx-posted-interrupt-descriptor-alignment.patch,
# which makes the check the SDM's, and the cells keep APICv on.
EMU_MEM_MB=2048
# Instructions per emulated second. Bochs' clock is virtual (sync=none):
# guest time is instructions / ips, not wall time.
EMU_IPS=200000000
# The largest file Bochs may write (MiB): its log, and the serial console.
# The log has Bochs' errors ("error: action=report"), for the reason a VM
# entry failed; but Bochs also logs one error line per EPT violation, and
# a guest stuck in a loop of them wrote about 1 GB in 10 minutes. Past
# the limit a write fails (EFBIG; SIGXFSZ is ignored) and Bochs runs on,
# logging nothing more: the log keeps its beginning, where a failed VM
# entry is reported.
EMU_MAX_FILE_MB=128

# bochs_bin: the path of the Bochs binary, built if it is not in the cache
# yet. BOCHS=path runs another one (e.g. a build with a diagnostic patch).
bochs_bin() {
	if [ -n "${BOCHS:-}" ]; then
		echo "$BOCHS"
	else
		"$TOP/steps/build-bochs.sh" | tail -n1
	fi
}

# Bochs runs without a display (display_library nogui; the console is the
# serial port), in the process group that steps/boot.sh ends with SIGTERM
# then SIGKILL. It used to draw the VGA screen with its term display on a
# terminal that script(1) gave it; Bochs could only be stopped by closing
# that terminal, and its SIGHUP handler, which quits from inside the
# handler, now and then deadlocked: a Bochs of a finished cell stayed
# behind, asleep on a futex with its guest's memory (1 of 27 boots of
# make check's runtime mutants, 2026-12-07).
emu_command() {
	local dir bin limit
	dir=$(dirname "$ISO")
	bin=$(bochs_bin) || die "no Bochs binary (steps/build-bochs.sh failed)"
	[ -x "$bin" ] || die "Bochs binary $bin is not executable"
	cat >"$dir/bochsrc" <<RC
megs: $EMU_MEM_MB
cpu: model=$EMU_CPU, count=1, ips=$EMU_IPS, reset_on_triple_fault=1
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
ata0-master: type=cdrom, path=$ISO, status=inserted
boot: cdrom
com1: enabled=1, mode=file, dev=$SERIAL
display_library: nogui
log: $dir/bochs.log
clock: sync=none, time0=946684800
info: action=ignore
error: action=report
panic: action=fatal
RC
	limit=$((EMU_MAX_FILE_MB << 20))
	EMU_CMD=(sh -c "trap '' XFSZ; exec prlimit --fsize=$limit $bin -q -f $dir/bochsrc")
	make_iso
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
# The selftest sweep (bin/sweep.sh): every test with a 10 s guest timeout
# and a 240 s wall budget; the wrap benchmark (bin/bench.sh): its
# arguments and guest timeout.
EMU_SWEEP_GUEST_TIMEOUT=10
EMU_SWEEP_WALL=240
EMU_BENCH_ARGS="-m 16,64"
EMU_BENCH_TIMEOUT=3600
# Boot-time WARNs caused by Bochs 2.7's CPU model, not by KVM: its CPUID
# leaves disagree with each other (leaf 4 core count vs leaf 1 logical
# count; leaf 0xd XSAVE size vs the sum of its components). Seen on every
# boot under Bochs 2.7 (where the 7.3 kernel then disables XSAVE and
# panics in early boot, a NULL dereference under prepare_creds); under
# Bochs 3.0 neither the 7.3 nor the 6.12 test kernel gives them (make check,
# 2026-11-30). kvmresults/console.py counts them apart and does not fail the
# kernel log on them; any other WARN still fails it.
EMU_KNOWN_WARNINGS=(
	'WARNING: CPU: 0 PID: 0 at ([^ ]*/)?arch/x86/kernel/cpu/topology_common.c:[0-9]+ parse_legacy'
	'WARNING: CPU: 0 PID: 0 at ([^ ]*/)?arch/x86/kernel/fpu/xstate.c:[0-9]+ fpu__init_system_xstate'
)
