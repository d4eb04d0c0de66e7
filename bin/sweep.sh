#!/usr/bin/env bash
# The selftest sweep, base against series, in two parts (each by
# bin/compare-base.sh, both kernels at once):
#   all: every KVM selftest built for x86_64 (all of $SELFTESTS, from
#        the series tree, default arguments) in each emulator's default MMU
#        mode;
#   mmu: the MMU subset (config/mmu-tests) in every cell of config/matrix.
# Too long for make check; its report is kept in reports/ with the date and
# the base version.
# Usage: bin/sweep.sh [-o RUNDIR] [-r REPORT] [EMULATOR...]   (default: all of emulators/)
#   env SWEEP_NOTE: see steps/sweep-report.sh
#   env SWEEP_TIMEOUT_<EMULATOR>: guest timeout per test of the "all" part,
#   in seconds (default: the emulator's EMU_SWEEP_GUEST_TIMEOUT, emulators/)
#   env SWEEP_WALL_<EMULATOR>: the host's wall-clock budget per test of the
#   "all" part, in seconds (default: EMU_SWEEP_WALL, else EMU_TEST_TIMEOUT). Bochs'
#   guest clock is virtual and, in a test busy in its guest, runs about 30
#   times slower than the wall clock, so there the wall budget is what
#   bounds a test. A test that outlives it fails as a timeout and the kernel
#   boots again to run the tests after it (steps/run-cell.sh).
#   env SWEEP_RERUNS: rounds of steps/sweep-rerun.sh for the tests of the
#   "all" part whose row differs (default 3)
# Writes RUNDIR (default $BUILD/runs/sweep-<time>): the "mmu" part in
# RUNDIR/mmu; the "all" part one comparison per emulator in RUNDIR/EMULATOR
# (with its reruns), merged into RUNDIR/{base,series}/matrix.tsv, diff.tsv,
# common.tsv, reruns.tsv; and REPORT (default reports/sweep-<date>.md).
# Given the RUNDIR of a sweep that was cut short, it resumes: a part whose
# comparison is complete (its diff.tsv written) is not run again, nor an
# emulator's reruns once its reruns.tsv is written.
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

run=$(run_dir sweep) report=""
while getopts o:r: opt; do
	case $opt in
	o) run=$OPTARG ;;
	r) report=$OPTARG ;;
	*) die "usage: $0 [-o RUNDIR] [-r REPORT] [EMULATOR...]" ;;
	esac
done
shift $((OPTIND - 1))
emus=("$@")
[ ${#emus[@]} -gt 0 ] || mapfile -t emus < <(emulators)
report=${report:-$TOP/reports/sweep-$(date -u +%Y-%m-%d).md}
sel=$SELFTESTS
xdir=$(base_field selftests-x86)
[ -d "$sel/$xdir" ] || die "no selftests in $sel (run steps/build-selftests.sh)"
mkdir -p "$run" "$(dirname "$report")"

# Every test binary, one line per emulator asked for; the budgets.
list=$run/tests
: >"$list"
: >"$run/budgets"
for e in "${emus[@]}"; do
	tmo_var=SWEEP_TIMEOUT_$e wall_var=SWEEP_WALL_$e
	tmo=${!tmo_var:-$(emu_setting "$e" EMU_SWEEP_GUEST_TIMEOUT)}
	wall=${!wall_var:-$(emu_setting "$e" EMU_SWEEP_WALL)}
	wall=${wall:-$(emu_setting "$e" EMU_TEST_TIMEOUT)}
	printf '%s %s %s %s\n' "$e" "$(default_cell "$e")" "$tmo" "$wall" >>"$run/budgets"
	# Named as test lists name them: x86/TEST (lib/common.sh's selftest_path).
	(cd "$sel" && find . -maxdepth 2 -type f -perm -u+x ! -name '*.sh' |
		sed -e 's|^\./||' -e "s|^$xdir/|x86/|" | LC_ALL=C sort) |
		awk -v e="$e" -v t="$tmo" '{ print $1, e, t }' >>"$list"
done
echo "$(wc -l <"$list") test runs: $(cut -d' ' -f1 "$list" | sort -u | wc -l) tests x ${#emus[@]} emulators"

rc=0
# The "mmu" part: the matrix as make check runs it, on both kernels.
banner "sweep: MMU subset in every cell of ${emus[*]}, both kernels (log: $run/mmu.log)"
if [ -f "$run/mmu/diff.tsv" ]; then
	echo "done before: $run/mmu/diff.tsv"
else
	"$TOP/bin/compare-base.sh" -o "$run/mmu" "${emus[@]}" >"$run/mmu.log" 2>&1 || rc=1
fi
indent <"$run/mmu.log"

# The "all" part: one comparison per emulator, each with its own wall
# budget per test. The cell's boots share one budget for the whole run:
# lifted.
while read -r e ecell _ wall; do
	mkdir -p "$run/$e"
	awk -v e="$e" '$2 == e' "$list" >"$run/$e/tests"
	banner "sweep: every test in $ecell, both kernels (log: $run/$e/compare.log)"
	if [ -f "$run/$e/diff.tsv" ]; then
		echo "done before: $run/$e/diff.tsv"
	else
		TEST_TIMEOUT=$wall RUN_TIMEOUT=${RUN_TIMEOUT:-43200} "$TOP/bin/compare-base.sh" \
			-o "$run/$e" -t "$run/$e/tests" -c "$ecell" "$e" >"$run/$e/compare.log" 2>&1 || rc=1
	fi
	indent <"$run/$e/compare.log"
	[ -f "$run/$e/reruns.tsv" ] ||
		"$TOP/steps/sweep-rerun.sh" -n "${SWEEP_RERUNS:-3}" "$run" "$e" </dev/null || rc=1
done <"$run/budgets"

# Merged, as one comparison of all the emulators.
mkdir -p "$run/base" "$run/series"
for f in base/matrix.tsv series/matrix.tsv diff.tsv common.tsv reruns.tsv; do
	: >"$run/$f"
	for e in "${emus[@]}"; do
		[ -f "$run/$e/$f" ] || die "no $run/$e/$f (see $run/$e/compare.log)"
		cat "$run/$e/$f" >>"$run/$f"
	done
done
"$TOP/steps/sweep-report.sh" "$run" >"$report"
echo "report: $report"
exit "$rc"
