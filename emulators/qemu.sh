# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings are read by steps/boot.sh
# QEMU TCG emulating AMD SVM with nested paging. Sourced by steps/boot.sh,
# which sets KERNEL, INITRD, CMDLINE, ISO (unused here) and SERIAL.
EMU_NEEDS=(qemu-system-x86_64 gcc)
EMU_CPU="EPYC,+svm,+npt"
# A cell may add CPU properties (config/matrix: emu.cpu+=PROP).
EMU_CPU_PROPS=1
EMU_MEM_MB=4096
# The guest's TSC frequency. The test kernel has no ACPI, hence no HPET or
# PM timer (config/kvm-test.config); on an AMD CPU model it can calibrate
# its TSC only against the PIT, and under TCG that failed now and then
# with the host busy ("tsc: Unable to calibrate against PIT", and then
# KVM_GET_TSC_KHZ fails in every selftest; 1 of 4 QEMU cells of a make
# check matrix, 2026-12-07). TCG's guest TSC ticks at the host's rate (the
# guest calibrated 2096.0 MHz against the PIT, the host's TSC is 2096.026
# MHz), so the kernel is told that rate (tsc_early_khz=), measured on the
# host by emulators/host-tsc-khz.c.
host_tsc_khz() {
	local src=$TOP/emulators/host-tsc-khz.c bin=$BUILD/host-tsc-khz
	if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ]; then
		mkdir -p "$BUILD"
		# shellcheck disable=SC2046 # host_cc may be two words (ccache gcc)
		$(host_cc) -O2 -Wall -o "$bin.$$" "$src" || die "could not build $bin from $src"
		mv "$bin.$$" "$bin"
	fi
	"$bin"
}
emu_command() {
	local khz
	khz=$(host_tsc_khz) || die "no TSC frequency of the host (emulators/host-tsc-khz.c)"
	EMU_CMD=(qemu-system-x86_64 -accel tcg -cpu "$EMU_CPU" -m "$EMU_MEM_MB" -smp 1
		-nographic -no-reboot -monitor none -display none -nodefaults
		-serial "file:$SERIAL" -kernel "$KERNEL" -initrd "$INITRD"
		-append "$CMDLINE tsc_early_khz=$khz")
}
# Wall-clock budgets (s) enforced by the host: one test (at least; see
# EMU_GUEST_CLOCK), one boot. TCG's guest clock is the host's: a test's
# guest timeout is wall time here, and steps/boot.sh raises a test's budget to it
# (the wrap test's default run has 1200 s in config/mmu-tests).
EMU_TEST_TIMEOUT=300
EMU_RUN_TIMEOUT=1800
# The selftest sweep (bin/sweep.sh; its wall budget: EMU_TEST_TIMEOUT) and
# the wrap benchmark (bin/bench.sh).
EMU_SWEEP_GUEST_TIMEOUT=120
EMU_SWEEP_WALL=
EMU_BENCH_ARGS="-m 16,64,256"
EMU_BENCH_TIMEOUT=600
EMU_GUEST_CLOCK=real
# Kernel WARNs the emulator causes by itself (see bochs.sh): none.
EMU_KNOWN_WARNINGS=()
