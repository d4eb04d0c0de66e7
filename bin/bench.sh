#!/usr/bin/env bash
# The wrap benchmark (bench/mmio_gen_wrap_bench.c, selftest style): built with
# the KVM selftest library of the series tree (in the patch tree of
# lib/patch-tree.sh, so the series tree stays as it is), then run on the
# series kernel in each emulator's default MMU mode. It prints numbers, it is
# not a test.
# Usage: bin/bench.sh [-o RUNDIR] [EMULATOR...]   (default: all of emulators/)
#   env BENCH_ARGS_<EMULATOR>: the benchmark's arguments (default: the
#   emulator's EMU_BENCH_ARGS; its guest timeout: EMU_BENCH_TIMEOUT)
# Writes RUNDIR (default $BUILD/runs/bench-<time>), each cell's output in
# RUNDIR/matrix/<emulator>-<cell>/console.log, and RUNDIR/summary.txt.
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=lib/patch-tree.sh
. "$TOP/lib/patch-tree.sh"

run=$(run_dir bench)
if [ "${1:-}" = -o ]; then run=$2; shift 2; fi
emus=("$@")
[ ${#emus[@]} -gt 0 ] || mapfile -t emus < <(emulators)
name=x86/mmio_gen_wrap_bench
path=$(selftest_path "$name")
out=$BDIR/bench
mkdir -p "$run"

# The series tree plus the benchmark, in the patch tree.
tip=$(git -C "$SRC" rev-parse HEAD)
ptree_at "$tip"
kst=$PTREE/tools/testing/selftests/kvm
cp "$TOP/bench/mmio_gen_wrap_bench.c" "$kst/$(dirname "$path")/"
# Next to an x86 test of the Makefile's list (it must come before its use),
# in the same variable.
anchor=$(selftest_path x86/userspace_io_test)
mk=$(grep -l -E "^TEST_GEN_PROGS_[a-z0-9_]+ \+= $anchor\$" "$kst"/Makefile* | head -n1)
[ -n "$mk" ] || die "no Makefile of $kst lists $anchor"
sed -i -E "s|^(TEST_GEN_PROGS_[a-z0-9_]+) \+= $anchor\$|&\n\1 += $path|" "$mk"
grep -q "+= $path\$" "$mk" || die "could not add $path to $mk"
SELFTEST_TREE=$PTREE SELFTESTS=$out "$TOP/steps/build-selftests.sh" "$name" >/dev/null ||
	die "the benchmark does not build; log: $out/build.log"
ptree_at "$tip"

cells=() list=$run/tests
: >"$list"
for e in "${emus[@]}"; do
	cell=$(default_cell "$e")
	cells+=("$cell")
	args_var=BENCH_ARGS_$e
	args=${!args_var:-$(emu_setting "$e" EMU_BENCH_ARGS)} tmo=$(emu_setting "$e" EMU_BENCH_TIMEOUT)
	echo "$name $e $tmo $args" >>"$list"
done
cstr=$(IFS=,; echo "${cells[*]}")
SELFTESTS=$out "$TOP/steps/run-matrix.sh" -o "$run/matrix" -t "$list" -c "$cstr" "${emus[@]}" \
	>"$run/matrix.log" 2>&1 || true
for c in "${cells[@]}"; do
	d=$run/matrix/${c/\//-}
	echo "== $c (wall s of the benchmark: $(awk -F'\t' -v n="$name" '$2 == n { print $3 }' "$d/results.tsv" 2>/dev/null))"
	cut -f2- "$d/console.log" | sed -n 's/^# \(rate\|wrap\|zap\): /\1: /p'
	grep -h $'\t'"$name"$'\t' "$d/results.tsv" | cut -f1,5
done | tee "$run/summary.txt"
! grep -q '^fail' "$run/summary.txt"
