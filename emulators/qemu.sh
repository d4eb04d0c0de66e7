# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings are read by scripts/boot.sh
# QEMU TCG emulating AMD SVM with nested paging. Sourced by scripts/boot.sh,
# which sets KERNEL, INITRD, CMDLINE, ISO (unused here) and SERIAL.
EMU_NEEDS=(qemu-system-x86_64)
EMU_CPU="EPYC,+svm,+npt"
EMU_MEM_MB=4096
emu_command() {
	EMU_CMD=(qemu-system-x86_64 -accel tcg -cpu "$EMU_CPU" -m "$EMU_MEM_MB" -smp 1
		-nographic -no-reboot -monitor none -display none -nodefaults
		-serial "file:$SERIAL" -kernel "$KERNEL" -initrd "$INITRD"
		-append "$CMDLINE")
}
# Wall-clock budgets (s) enforced by the host: one test, one boot.
EMU_TEST_TIMEOUT=300
EMU_RUN_TIMEOUT=900
# Kernel WARNs the emulator causes by itself (see bochs.sh): none.
EMU_KNOWN_WARNINGS=()
