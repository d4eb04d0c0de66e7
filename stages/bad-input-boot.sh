#!/usr/bin/env bash
# Bad input must give a clear error and a non-zero exit, never a hang: an
# unknown emulator, a CPU property the emulator does not take, a missing
# kernel, an empty test list, a guest that panics, a guest that hangs, a
# test that outlives its wall-clock budget, a test whose forked children
# outlive its guest timeout, the sweep's reruns of a differing test (needs
# the test kernel and the selftests). And a boot that ends leaves no
# emulator behind, with its mutant (mutants/harness/).
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=lib/expect.sh
. "$TOP/lib/expect.sh"
# shellcheck source=lib/mutants.sh
. "$TOP/lib/mutants.sh"

kernel=$KOUT/arch/x86/boot/bzImage
[ -r "$kernel" ] || die "no kernel at $kernel (run steps/build-kernel.sh)"
printf '# no tests\n' >"$tmp/list"
printf 'x86/userspace_io_test 60\n' >"$tmp/list1"
"$TOP/steps/make-initramfs.sh" "$tmp/initrd.gz" "$tmp/list1" >/dev/null

expect unknown-emulator nz "unknown emulator 'nosuch'" \
	"$TOP/steps/boot.sh" nosuch "$kernel" "$tmp/initrd.gz" "$tmp/b0" ""
# A CPU property for an emulator whose settings take none (config/matrix).
expect cpu-property-not-taken nz "bochs takes no CPU property" \
	"$TOP/steps/boot.sh" bochs "$kernel" "$tmp/initrd.gz" "$tmp/b0" "emu.cpu+=phys-bits=52"
expect missing-kernel nz "no kernel $tmp/nonexistent" \
	"$TOP/steps/boot.sh" qemu "$tmp/nonexistent" "$tmp/initrd.gz" "$tmp/b1" ""
expect empty-test-list nz "names no test" \
	"$TOP/steps/make-initramfs.sh" "$tmp/x.gz" "$tmp/list"
expect guest-panic 1 "Kernel panic - not syncing" \
	"$TOP/steps/boot.sh" qemu "$kernel" "$tmp/initrd.gz" "$tmp/b2" "rdinit=/bin/true"
expect guest-hang 2 "run exceeded 10s" \
	env RUN_TIMEOUT=10 "$TOP/steps/boot.sh" qemu "$kernel" "$tmp/initrd.gz" "$tmp/b3" "rdinit=/bin/sh"
# Once boot.sh has returned, no process of the boot may run (a Bochs left
# behind keeps its guest's memory; under script(1), Bochs stayed now and
# then): a Bochs guest that hangs past the run's wall budget.
# emulator_left NAME [MUTANT]: that boot, by the harness or by a copy of it
# with MUTANT applied; returns 1 if a process of the boot is left (and
# kills it), 2 if the boot did not end as it should.
emulator_left() {
	local top=$TOP out=$tmp/$1 rc=0
	if [ -n "${2:-}" ]; then
		top=$tmp/harness
		harness_with "$2" "$top" || return 2
	fi
	RUN_TIMEOUT=10 timeout 120 "$top/steps/boot.sh" bochs "$kernel" "$tmp/initrd.gz" "$out" \
		"rdinit=/bin/sh" >"$tmp/left.log" 2>&1 || rc=$?
	if [ "$rc" != 2 ]; then
		indent <"$tmp/left.log"; echo "boot.sh exited $rc, wanted 2 (run exceeded 10s)"; return 2
	fi
	if pgrep -af -- "$out/" >"$tmp/left"; then
		pkill -9 -f -- "$out/" || true
		echo "an emulator outlived boot.sh:"; indent <"$tmp/left"; return 1
	fi
	echo "no process of the boot is left"
}
rc=0
emulator_left b4 >"$tmp/out" 2>&1 || rc=$?
if [ $rc = 0 ]; then
	echo "bochs-hang-leaves-nothing: $(tail -n1 "$tmp/out")"
else
	echo "bochs-hang-leaves-nothing: FAILED"; indent <"$tmp/out"; bad=1
fi
check_mutants emulator_left "$TOP"/mutants/harness/boot-*.patch || bad=1
# A test that outlives its wall-clock budget fails with the host's reason,
# and the cell boots again to run the tests after it (the wrap test takes
# about 30 s under QEMU).
printf 'x86/mmio_gen_wrap_test qemu 600\nx86/userspace_io_test qemu 60\n' >"$tmp/list2"
expect test-hang-resumes nz "x86/mmio_gen_wrap_test +FAIL .*exceeded 8s wall" \
	env TEST_TIMEOUT=8 "$TOP/steps/run-matrix.sh" -o "$tmp/m" -t "$tmp/list2" -c qemu/npt-tdp-mmu qemu
if ! grep -qE "x86/userspace_io_test +PASS" "$tmp/out" ||
	! grep -qE "boot +PASS .*booted again after test\(s\) 1$" "$tmp/out"; then
	echo "test-hang-resumes: the cell did not go on with the next test"; indent <"$tmp/out"; bad=1
fi
# A test killed at its guest timeout takes its forked children with it:
# hardware_disable_test forks hundreds of VM processes, and those left
# alive kept the output pipe open until the host's wall budget.
printf 'hardware_disable_test qemu 5\nx86/userspace_io_test qemu 60\n' >"$tmp/list3"
expect test-timeout-kills-children nz "hardware_disable_test +FAIL .*TIMEOUT after 5s" \
	env TEST_TIMEOUT=100 "$TOP/steps/run-matrix.sh" -o "$tmp/m3" -t "$tmp/list3" -c qemu/npt-tdp-mmu qemu
if ! grep -qE "x86/userspace_io_test +PASS" "$tmp/out" || grep -q "booted again" "$tmp/out"; then
	echo "test-timeout-kills-children: the boot did not go on with the next test"; indent <"$tmp/out"; bad=1
fi
# The sweep's reruns find the differing test in the sweep's list and run
# it on each kernel (here the series kernel stands in for the base).
mkdir -p "$tmp/sw/qemu"
printf 'qemu qemu/npt-tdp-mmu 60 120\n' >"$tmp/sw/budgets"
printf 'x86/userspace_io_test qemu 60\n' >"$tmp/sw/qemu/tests"
printf 'qemu\tnpt-tdp-mmu\tx86/userspace_io_test\tfail\tpass\tbetter\t\n' >"$tmp/sw/qemu/diff.tsv"
ln -s "$kernel" "$tmp/sw/qemu/base-bzImage"
cp "$KOUT/.config" "$tmp/sw/qemu/base.config"
expect sweep-rerun 0 "1 test\(s\) again" "$TOP/steps/sweep-rerun.sh" -n 1 "$tmp/sw" qemu
if ! grep -qP '^qemu\tnpt-tdp-mmu\tx86/userspace_io_test\tfail\tpass\tpass\tpass$' "$tmp/sw/qemu/reruns.tsv"; then
	echo "sweep-rerun: no pass on each kernel in reruns.tsv"; indent <"$tmp/sw/qemu/reruns.tsv"; bad=1
fi
printf 'x86/other_test qemu 60\n' >"$tmp/sw/qemu/tests"
expect sweep-rerun-not-listed nz "are not all in" "$TOP/steps/sweep-rerun.sh" -n 1 "$tmp/sw" qemu
[ $bad = 0 ]
