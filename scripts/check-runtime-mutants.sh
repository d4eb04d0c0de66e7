#!/usr/bin/env bash
# Runtime mutants: each mutants/runtime/*.patch breaks one property of KVM
# (or of a selftest's own setup) that a selftest or a KUnit case guards.
# Applied onto the series tip, the mutant kernel (or the series kernel with
# the mutant test) boots in every matrix cell of its emulators and runs the
# test there; the test must fail with the "Expect:" text, and each KUnit
# case named must fail, while boot and mode hold. A guard that passes on a
# mutant means it is weaker than claimed, unless a "Not-caught-in: EMULATOR
# CELL: reason" line of the mutant says why that cell's test cannot see the
# mutant (KUnit cases do not depend on the cell: no exceptions for them).
# Header lines of a mutant:
#   Test: TEST [ARGS...]   a guard: a test of config/mmu-tests; ARGS, if
#                          given, replace that test's arguments there
#   Expect: TEXT           what the failing test must print
#   KUnit: SUITE.CASE...   guards: KUnit cases that must fail (rows
#                          "kunit:SUITE.CASE"); with no Test:, the cells boot
#                          with no selftest
#   Emulators: EMU...      only these emulators' cells (default: all)
#   Diff-from: FILE        the diff is that of mutants/runtime/FILE (another
#                          guard of the same broken property; same kernel)
#   Tree: selftests        the diff breaks the test, not the kernel: the
#                          series kernel runs the test built with the diff
#   Not-caught-in: ...     see above
# Usage: check-runtime-mutants.sh [-o RUNDIR] [-m MUTANT] [EMULATOR...]
#   -m: only mutants/runtime/MUTANT.patch
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/patch-tree.sh
. "$TOP/scripts/patch-tree.sh"

run=$BUILD/runs/runtime-mutants
if [ "${1:-}" = -o ]; then run=$2; shift 2; fi
only='*'
if [ "${1:-}" = -m ]; then only=$2; shift 2; fi
[ -n "$(find "$TOP/mutants/runtime" -name "$only.patch")" ] || die "no mutant $only in mutants/runtime"
rm -rf "$run"
mkdir -p "$run"

tip=$(git -C "$SRC" rev-parse HEAD)
bad=0
for m in "$TOP"/mutants/runtime/$only.patch; do
	name=$(basename "$m" .patch)
	read -r test args < <(sed -n 's/^Test: //p' "$m" | head -n1) || true
	kunit=$(sed -n 's/^KUnit: //p' "$m" | head -n1)
	expect=$(sed -n 's/^Expect: //p' "$m" | head -n1)
	read -ra emus < <(sed -n 's/^Emulators: //p' "$m" | head -n1) || true
	tree=$(sed -n 's/^Tree: //p' "$m" | head -n1)
	diff=$(sed -n 's/^Diff-from: //p' "$m" | head -n1)
	diff=$TOP/mutants/runtime/${diff:-$name.patch}
	if [ -z "$kunit" ] && { [ -z "$test" ] || [ -z "$expect" ]; }; then
		echo "$name: no KUnit: line, nor Test: and Expect: lines"; bad=1; continue
	fi
	if [ -n "$test" ] && [ -z "$expect" ]; then echo "$name: Test: without Expect:"; bad=1; continue; fi
	[ -r "$diff" ] || { echo "$name: no diff file $diff"; bad=1; continue; }
	sed -n 's/^Not-caught-in: //p' "$m" >"$run/$name.not-caught"
	awk -v t="$test" -v a="$args" '$1 == t {
		if (a != "") { $0 = $1 " " $2 " " $3 " " a }
		print }' "$TOP/config/mmu-tests" >"$run/$name.tests"
	if [ -n "$test" ] && [ ! -s "$run/$name.tests" ]; then
		echo "$name: $test is not in config/mmu-tests"; bad=1; continue
	fi

	selftests=$BUILD/selftests
	if [ "$tree" = selftests ]; then
		kernel=$KOUT/arch/x86/boot/bzImage kconfig=$KOUT/.config
		selftests=$run/$name-selftests
		ptree_with "$tip" "$diff" || { echo "$name: does not apply to the series tip"; bad=1; continue; }
		if ! SELFTEST_TREE=$PTREE SELFTESTS=$selftests "$TOP/scripts/build-selftests.sh" "$test" \
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
			mkdir -p "$run/kernels"
			cp "$POUT/arch/x86/boot/bzImage" "$kernel"
			cp "$POUT/.config" "$kconfig"
		fi
	fi
	mkdir -p "$run/$name"

	# The mutant's emulators, within those asked for.
	sel=("${emus[@]}")
	if [ $# -gt 0 ] && [ ${#emus[@]} = 0 ]; then
		sel=("$@")
	elif [ $# -gt 0 ]; then
		sel=()
		for e in "${emus[@]}"; do
			if [[ " $* " == *" $e "* ]]; then sel+=("$e"); fi
		done
		[ ${#sel[@]} -gt 0 ] || { echo "$name: not run (its emulators: ${emus[*]})"; continue; }
	fi
	KERNEL=$kernel KCONFIG=$kconfig SELFTESTS=$selftests "$TOP/scripts/run-matrix.sh" -o "$run/$name/matrix" \
		-t "$run/$name.tests" "${sel[@]}" >"$run/$name.matrix.log" 2>&1 || true
	# rows: emulator, cell, status, test, wall, guest, reason
	awk -F'\t' -v m="$name" -v t="$test" -v x="$expect" -v ku="$kunit" -v ncf="$run/$name.not-caught" '
	BEGIN {
		while ((getline l < ncf) > 0) {
			split(l, f, " "); k = f[1] " " f[2]; sub(/:$/, "", k)
			r = l; sub(/^[^:]*: */, "", r); nc[k] = r
		}
		nk = split(ku, kc, " ")
	}
	{ k = $1 " " $2; cells[k] = 1 }
	($4 == "boot" || $4 == "mode") && $3 != "pass" { setup[k] = setup[k] $4 ": " $7 " " }
	t != "" && $4 == t { verdict[k] = $3; why[k] = $7 }
	$4 ~ /^kunit:/ { c = substr($4, 7); kst[k, c] = $3; kwhy[k, c] = $7 }
	END {
		for (k in cells) {
			if (k in setup) { print m " " k ": INCONCLUSIVE (" setup[k] ")"; bad = 1; continue }
			s = ""
			if (t != "") {
				if (verdict[k] == "fail" && index(why[k], x)) s = "caught (" t ": " why[k] ")"
				else if (verdict[k] == "fail") { s = "FAILED, but not with \"" x "\" (" why[k] ")"; bad = 1 }
				else if (k in nc) s = "not caught, as expected: " nc[k]
				else { s = "SURVIVED (" t ": " (k in verdict ? verdict[k] : "no result") ")"; bad = 1 }
			}
			for (i = 1; i <= nk; i++) {
				c = kc[i]
				s = s (s == "" ? "" : "; ")
				if (kst[k, c] == "fail") s = s "caught (kunit:" c ": " kwhy[k, c] ")"
				else { s = s "SURVIVED (kunit:" c ": " ((k, c) in kst ? kst[k, c] : "no result") ")"; bad = 1 }
			}
			print m " " k ": " s
		}
		exit bad
	}' "$run/$name/matrix/matrix.tsv" | sort || bad=1
done
ptree_at "$tip"
[ $bad = 0 ]
