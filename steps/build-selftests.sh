#!/usr/bin/env bash
# Build the KVM selftests of $SRC statically against the test kernel's
# headers, into $SELFTESTS. With arguments, build only those tests (names
# as in the test lists, e.g. x86/smm_test); without, build them all.
# SELFTEST_TREE=dir builds the selftests of another tree (a work tree of
# $SRC, e.g. with a test mutant) into SELFTESTS=dir; headers still come from
# the test kernel's build of $SRC.
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

mkdir -p "$SELFTESTS"
OUT=$(cd "$SELFTESTS" && pwd)	# make runs in the selftests' directory
tree=${SELFTEST_TREE:-$SRC}
[ -f "$SRC/Makefile" ] || die "no kernel tree at $SRC"
[ -f "$KOUT/.config" ] || die "no configured kernel in $KOUT (run steps/build-kernel.sh)"

make -C "$SRC" O="$KOUT" ARCH=x86_64 -s headers >"$KOUT/headers.log" 2>&1 ||
	{ tail -n 20 "$KOUT/headers.log"; die "make headers failed"; }

cc=$(host_cc)
targets=()
for t in "$@"; do targets+=("$OUT/$(selftest_path "$t")"); done
make -C "$tree/tools/testing/selftests/kvm" -j"$(nproc)" ARCH=x86_64 \
	CC="$cc" LDFLAGS=-static OUTPUT="$OUT" \
	KHDR_INCLUDES="-isystem $KOUT/usr/include" "${targets[@]}" \
	>"$OUT/build.log" 2>&1 ||
	{ grep -E 'error|Error' "$OUT/build.log" | head -n 20; die "selftest build failed; log: $OUT/build.log"; }
echo "$OUT"
