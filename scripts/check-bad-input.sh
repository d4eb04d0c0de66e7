#!/usr/bin/env bash
# Bad input must give a clear error and a non-zero exit, never a hang.
# Usage: check-bad-input.sh series|boot
#   series: an unknown base, a base whose pinned package version cannot be
#           had, posting as the placeholder identity or as no one, a patch
#           that does not apply (leaves $SRC without the series: run
#           apply-series.sh after it);
#   boot:   an unknown emulator, a CPU property the emulator does not take,
#           a missing kernel, an empty test list, a
#           guest that panics, a guest that hangs, a test that outlives its
#           wall-clock budget, a test whose forked children outlive its
#           guest timeout, the sweep's reruns of a differing test
#           (needs the test kernel and the selftests).
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0

# expect NAME WANT_RC PATTERN CMD...: CMD must exit WANT_RC (any non-zero
# for "nz") within 120 s, and its output must match PATTERN (grep -E).
expect() {
	local name=$1 want=$2 pat=$3 rc=0
	shift 3
	timeout 120 "$@" >"$tmp/out" 2>&1 || rc=$?
	if [ "$rc" = 124 ]; then
		echo "$name: HUNG (killed after 120 s)"; bad=1
	elif { [ "$want" = nz ] && [ "$rc" = 0 ]; } || { [ "$want" != nz ] && [ "$rc" != "$want" ]; }; then
		echo "$name: exit $rc, wanted $want"; indent <"$tmp/out"; bad=1
	elif ! grep -qE -- "$pat" "$tmp/out"; then
		echo "$name: exit $rc, but no message matching /$pat/"; indent <"$tmp/out"; bad=1
	else
		echo "$name: exit $rc, says: $(grep -m1 -E -- "$pat" "$tmp/out")"
	fi
}

case ${1:-} in
series|boot) ;;
*) die "usage: $0 series|boot" ;;
esac

if [ "$1" = series ]; then
# An unknown base, and a base whose pinned package version the archive does
# not have (or whose sha256 differs): named, with a non-zero exit.
expect unknown-base nz "unknown base 'nosuch'" env BASE=nosuch "$TOP/scripts/fetch-base.sh"
mkdir -p "$tmp/bases" "$tmp/cache"
sed 's/^version .*/version         0.0-0/' "$BASE_RECORD" >"$tmp/bases/gone"
expect base-version-gone nz "could not download $(base_field package) 0.0-0" \
	env BASE="$tmp/bases/gone" KVM_SERIES_CACHE="$tmp/cache" "$TOP/scripts/fetch-base.sh"
# Posting with the placeholder identity, or with no identity of the form
# "Name <email>": refused, whatever the tree.
expect post-as-placeholder nz "placeholder identity" env \
	POSTER="$(sed -n 's/^name=//p' "$TOP/config/series-identity") <$(sed -n 's/^email=//p' "$TOP/config/series-identity")>" \
	"$TOP/scripts/export-series.sh" --post "$tmp/post"
expect post-bad-poster nz "is not \"Name <email>\"" env POSTER=nobody \
	"$TOP/scripts/export-series.sh" --post "$tmp/post"
# A patch whose context no longer matches the tree.
mkdir "$tmp/series"
cp "$SERIES"/*.patch "$tmp/series/"
victim=$(series_patches | sed -n 2p)
[ -n "$victim" ] || die "the series needs 2 patches for this check"
victim=$tmp/series/$(basename "$victim")
awk '!done && /^ [^ ]/ && seen { print " CORRUPTED CONTEXT"; done = 1; next } /^@@/ { seen = 1 } { print }' \
	"$victim" >"$victim.new" && mv "$victim.new" "$victim"
expect corrupt-patch nz "error: .*$(basename "$victim") does not apply" \
	env SERIES="$tmp/series" "$TOP/scripts/apply-series.sh"
rm -f "$BDIR/series.applied"
exit $bad
fi

kernel=$KOUT/arch/x86/boot/bzImage
[ -r "$kernel" ] || die "no kernel at $kernel (run scripts/build-kernel.sh)"
printf '# no tests\n' >"$tmp/list"
printf 'x86/userspace_io_test 60\n' >"$tmp/list1"
"$TOP/scripts/make-initramfs.sh" "$tmp/initrd.gz" "$tmp/list1" >/dev/null

expect unknown-emulator nz "unknown emulator 'nosuch'" \
	"$TOP/scripts/boot.sh" nosuch "$kernel" "$tmp/initrd.gz" "$tmp/b0" ""
# A CPU property for an emulator whose settings take none (config/matrix).
expect cpu-property-not-taken nz "bochs takes no CPU property" \
	"$TOP/scripts/boot.sh" bochs "$kernel" "$tmp/initrd.gz" "$tmp/b0" "emu.cpu+=phys-bits=52"
expect missing-kernel nz "no kernel $tmp/nonexistent" \
	"$TOP/scripts/boot.sh" qemu "$tmp/nonexistent" "$tmp/initrd.gz" "$tmp/b1" ""
expect empty-test-list nz "names no test" \
	"$TOP/scripts/make-initramfs.sh" "$tmp/x.gz" "$tmp/list"
expect guest-panic 1 "Kernel panic - not syncing" \
	"$TOP/scripts/boot.sh" qemu "$kernel" "$tmp/initrd.gz" "$tmp/b2" "rdinit=/bin/true"
expect guest-hang 2 "run exceeded 10s" \
	env RUN_TIMEOUT=10 "$TOP/scripts/boot.sh" qemu "$kernel" "$tmp/initrd.gz" "$tmp/b3" "rdinit=/bin/sh"
# A test that outlives its wall-clock budget fails with the host's reason,
# and the cell boots again to run the tests after it (the wrap test takes
# about 30 s under QEMU).
printf 'x86/mmio_gen_wrap_test qemu 600\nx86/userspace_io_test qemu 60\n' >"$tmp/list2"
expect test-hang-resumes nz "x86/mmio_gen_wrap_test +FAIL .*exceeded 8s wall" \
	env TEST_TIMEOUT=8 "$TOP/scripts/run-matrix.sh" -o "$tmp/m" -t "$tmp/list2" -c qemu/npt-tdp-mmu qemu
if ! grep -qE "x86/userspace_io_test +PASS" "$tmp/out" ||
	! grep -qE "boot +PASS .*booted again after test\(s\) 1$" "$tmp/out"; then
	echo "test-hang-resumes: the cell did not go on with the next test"; indent <"$tmp/out"; bad=1
fi
# A test killed at its guest timeout takes its forked children with it:
# hardware_disable_test forks hundreds of VM processes, and those left
# alive kept the output pipe open until the host's wall budget.
printf 'hardware_disable_test qemu 5\nx86/userspace_io_test qemu 60\n' >"$tmp/list3"
expect test-timeout-kills-children nz "hardware_disable_test +FAIL .*TIMEOUT after 5s" \
	env TEST_TIMEOUT=100 "$TOP/scripts/run-matrix.sh" -o "$tmp/m3" -t "$tmp/list3" -c qemu/npt-tdp-mmu qemu
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
expect sweep-rerun 0 "1 test\(s\) again" "$TOP/scripts/sweep-rerun.sh" -n 1 "$tmp/sw" qemu
if ! grep -qP '^qemu\tnpt-tdp-mmu\tx86/userspace_io_test\tfail\tpass\tpass\tpass$' "$tmp/sw/qemu/reruns.tsv"; then
	echo "sweep-rerun: no pass on each kernel in reruns.tsv"; indent <"$tmp/sw/qemu/reruns.tsv"; bad=1
fi
printf 'x86/other_test qemu 60\n' >"$tmp/sw/qemu/tests"
expect sweep-rerun-not-listed nz "are not all in" "$TOP/scripts/sweep-rerun.sh" -n 1 "$tmp/sw" qemu
[ $bad = 0 ]
