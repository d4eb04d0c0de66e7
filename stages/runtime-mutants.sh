#!/usr/bin/env bash
# Runtime mutants: each runtime/*.patch of the base's mutants directory
# ("mutants" in config/bases/$BASE) breaks one property of KVM (or of a
# selftest's own setup) that a selftest or a KUnit case guards. Applied onto
# the series tip, the mutant kernel (or the series kernel with the mutant
# test) boots in the matrix cells of its emulators (or those of its Cells:
# line), within the cells asked for, and runs the test there; the test must fail with the "Expect:" text, and each KUnit
# case named must fail, while boot and mode hold. A guard that passes on a
# mutant means it is weaker than claimed, unless a "Not-caught-in: EMULATOR
# CELL: reason" line of the mutant says why that cell's test cannot see the
# mutant (KUnit cases do not depend on the cell: no exceptions for them).
# Header lines of a mutant:
#   Test: TEST [ARGS...]   a guard: a test of the test list; ARGS, if
#                          given, replace that test's arguments there
#   Expect: TEXT           what the failing test must print
#   KUnit: SUITE.CASE...   guards: KUnit cases that must fail (rows
#                          "kunit:SUITE.CASE"); with no Test:, the cells boot
#                          with no selftest
#   Emulators: EMU...      only these emulators' cells (default: all)
#   Cells: EMU/CELL...     only these cells, where the mutant is claimed
#                          caught (each boot costs minutes under emulation);
#                          the first is the one of make check (-1)
#   Diff-from: FILE        the diff is that of mutants/runtime/FILE (another
#                          guard of the same broken property; same kernel)
#   Tree: selftests        the diff breaks the test, not the kernel: the
#                          series kernel runs the test built with the diff
#   Not-caught-in: ...     see above
# Usage: stages/runtime-mutants.sh [-o RUNDIR] [-m MUTANT] [-c EMU/CELL,...] [-t TESTLIST] [-1] [EMULATOR...]
#   -m: only runtime/MUTANT.patch (MUTANT,MUTANT... or -m again: those)
#   -c: within these cells (default: the base's "cells")
#   -t: the test list the Test: lines refer to (default: the base's "tests")
#   -1: each mutant in one cell only, the first of its cells (make check)
#   env JOBS: boots at a time (default: one per CPU)
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=lib/patch-tree.sh
. "$TOP/lib/patch-tree.sh"
# shellcheck source=lib/mutants.sh
. "$TOP/lib/mutants.sh"

run=$BDIR/runs/runtime-mutants only=() within=$(base_field cells) tests=$TOP/config/$(base_field tests) one=0
while getopts o:m:c:t:1 opt; do
	case $opt in
	1) one=1 ;;
	o) run=$OPTARG ;;
	m) IFS=, read -ra more <<<"$OPTARG"; only+=("${more[@]}") ;;
	c) within=${OPTARG//,/ } ;;
	t) tests=$OPTARG ;;
	*) die "usage: $0 [-o RUNDIR] [-m MUTANT] [-c EMU/CELL,...] [-t TESTLIST] [-1] [EMULATOR...]" ;;
	esac
done
shift $((OPTIND - 1))
[ -r "$tests" ] || die "no test list $tests"
mkdir -p "$run"
run=$(cd "$run" && pwd)
mutants=()
[ ${#only[@]} -gt 0 ] || mutants=("$MUTANTS"/runtime/*.patch)
for n in "${only[@]}"; do
	[ -r "$MUTANTS/runtime/$n.patch" ] || die "no mutant $n in $MUTANTS/runtime"
	mutants+=("$MUTANTS/runtime/$n.patch")
done
rm -rf "$run"
mkdir -p "$run"

tip=$(git -C "$SRC" rev-parse HEAD)
bad=0

# The kernels built so far, by sha256: kmake's builds are reproducible, so a
# diff that changes the kernel's source changes its bytes. A mutant kernel
# identical to the series kernel or to another diff's did not take its diff
# (stale objects: ccache's depend mode did that), and its verdict would be
# another kernel's.
declare -A KERNEL_OF
KERNEL_OF[$(sha256sum <"$KOUT/arch/x86/boot/bzImage" | cut -d' ' -f1)]="the series kernel"
jobs=${JOBS:-$(nproc)}

# The boots, each mutant's cells one after another in a background job; at
# most JOBS at a time, but JOBS-1 while kernels are still being built (an
# emulator takes one CPU; an incremental kernel build is mostly its serial
# link, so the boots run beside it rather than after it).
names=()
queue=()
declare -A M_TEST M_KUNIT M_EXPECT M_KERNEL M_KCONFIG M_SELFTESTS M_CELLS
boot_mutant() {
	local name=$1
	mkdir -p "$run/$name"
	JOBS=1 KERNEL=${M_KERNEL[$name]} KCONFIG=${M_KCONFIG[$name]} SELFTESTS=${M_SELFTESTS[$name]} \
		"$TOP/steps/run-matrix.sh" -o "$run/$name/matrix" -t "$run/$name.tests" \
		-c "${M_CELLS[$name]}" >"$run/$name.matrix.log" 2>&1
}
# start_boots MAX: start queued boots while fewer than MAX run.
start_boots() {
	while [ ${#queue[@]} -gt 0 ] && [ "$(jobs -rp | wc -l)" -lt "$1" ]; do
		boot_mutant "${queue[0]}" &
		queue=("${queue[@]:1}")
	done
}

# Phase 1, one mutant after another: its header, its test list, its kernel
# (or its selftest) and its cells; then its boots are queued.
for m in "${mutants[@]}"; do
	name=$(basename "$m" .patch)
	read -r test args <<<"$(mutant_field "$m" Test)" || true
	kunit=$(mutant_field "$m" KUnit)
	expect=$(mutant_field "$m" Expect)
	read -ra emus <<<"$(mutant_field "$m" Emulators)" || true
	read -ra mcells <<<"$(mutant_field "$m" Cells)" || true
	tree=$(mutant_field "$m" Tree)
	diff=$(mutant_field "$m" Diff-from)
	diff=$MUTANTS/runtime/${diff:-$name.patch}
	if [ -z "$kunit" ] && { [ -z "$test" ] || [ -z "$expect" ]; }; then
		echo "$name: no KUnit: line, nor Test: and Expect: lines"; bad=1; continue
	fi
	if [ -n "$test" ] && [ -z "$expect" ]; then echo "$name: Test: without Expect:"; bad=1; continue; fi
	[ -r "$diff" ] || { echo "$name: no diff file $diff"; bad=1; continue; }
	mutant_fields "$m" Not-caught-in >"$run/$name.not-caught"
	awk -v t="$test" -v a="$args" '$1 == t {
		if (a != "") { $0 = $1 " " $2 " " $3 " " a }
		print }' "$tests" >"$run/$name.tests"
	if [ -n "$test" ] && [ ! -s "$run/$name.tests" ]; then
		echo "$name: $test is not in $tests"; bad=1; continue
	fi

	# The mutant's cells: those of its Cells: line if it has one (in that
	# order), else the base's, within those asked for and of its emulators
	# (its own and those named on the command line); with -1, the first.
	sel=()
	for c in "${mcells[@]}"; do
		matrix_cell "$c" >/dev/null || { echo "$name: its cell $c is not in config/matrix"; bad=1; }
	done
	[ ${#mcells[@]} -gt 0 ] || read -ra mcells <<<"$within"
	for c in "${mcells[@]}"; do
		e=${c%%/*}
		[[ " $within " == *" $c "* ]] || continue
		[ ${#emus[@]} = 0 ] || [[ " ${emus[*]} " == *" $e "* ]] || continue
		[ $# = 0 ] || [[ " $* " == *" $e "* ]] || continue
		sel+=("$c")
		[ "$one" = 0 ] || break
	done
	[ ${#sel[@]} -gt 0 ] || { echo "$name: not run (none of its cells asked for)"; continue; }

	selftests=$SELFTESTS
	if [ "$tree" = selftests ]; then
		kernel=$KOUT/arch/x86/boot/bzImage kconfig=$KOUT/.config
		selftests=$run/$name-selftests
		ptree_with "$tip" "$diff" || { echo "$name: does not apply to the series tip"; bad=1; continue; }
		if ! SELFTEST_TREE=$PTREE SELFTESTS=$selftests "$TOP/steps/build-selftests.sh" "$test" \
			>"$run/$name.build.log" 2>&1; then
			echo "$name: mutant test does not build; log: $run/$name.build.log"
			bad=1
			continue
		fi
	else
		# One kernel per diff.
		kernel=$run/kernels/$(basename "$diff" .patch).bzImage kconfig=${kernel%.bzImage}.config
		if [ ! -f "$kernel" ]; then
			ptree_with "$tip" "$diff" || { echo "$name: does not apply to the series tip"; bad=1; continue; }
			if ! ptree_make bzImage >"$run/$name.build.log" 2>&1; then
				echo "$name: mutant kernel does not build; log: $run/$name.build.log"
				bad=1
				continue
			fi
			sum=$(sha256sum <"$POUT/arch/x86/boot/bzImage" | cut -d' ' -f1)
			if [ -n "${KERNEL_OF[$sum]:-}" ]; then
				echo "$name: its kernel is byte-identical to ${KERNEL_OF[$sum]}: the build did not take $(basename "$diff")"
				bad=1
				continue
			fi
			KERNEL_OF[$sum]="the kernel of $(basename "$diff")"
			mkdir -p "$run/kernels"
			cp "$POUT/arch/x86/boot/bzImage" "$kernel"
			cp "$POUT/.config" "$kconfig"
		fi
	fi
	names+=("$name")
	M_TEST[$name]=$test M_KUNIT[$name]=$kunit M_EXPECT[$name]=$expect
	M_KERNEL[$name]=$kernel M_KCONFIG[$name]=$kconfig M_SELFTESTS[$name]=$selftests
	M_CELLS[$name]=$(IFS=,; echo "${sel[*]}")
	queue+=("$name")
	start_boots $((jobs - 1))
done
ptree_at "$tip"

# Phase 2: the boots still queued, JOBS at a time.
while [ ${#queue[@]} -gt 0 ]; do
	start_boots "$jobs"
	wait -n || true
done
wait

# Phase 3: the verdicts, one line per mutant and cell.
for name in "${names[@]}"; do
	if [ ! -s "$run/$name/matrix/matrix.tsv" ]; then
		echo "$name: NO RESULTS; log: $run/$name.matrix.log"
		tail -n 3 "$run/$name.matrix.log" | indent
		bad=1
		continue
	fi
	results verdicts "$name" "$run/$name/matrix/matrix.tsv" --test "${M_TEST[$name]}" \
		--expect "${M_EXPECT[$name]}" --kunit "${M_KUNIT[$name]}" \
		--not-caught "$run/$name.not-caught" || bad=1
done

# The kernel check of phase 1 has a mutant of its own (mutants/harness/):
# a copy of this stage that builds each kernel without its diff must stop
# at its first mutant kernel. Once all mutants have run (not with -m).
without_diff() {
	local top=$run/harness
	harness_with "$2" "$top" || return 2
	BUILD=$BUILD "$top/stages/runtime-mutants.sh" -o "$run/harness-run" -1 -m "$first" && return 0
	return 1
}
if [ ${#only[@]} = 0 ]; then
	first=$(grep -L '^Tree: selftests' "${mutants[@]}" | head -n1)
	first=$(basename "$first" .patch)
	check_mutants without_diff "$TOP"/mutants/harness/runtime-mutants-*.patch || bad=1
fi
[ $bad = 0 ]
