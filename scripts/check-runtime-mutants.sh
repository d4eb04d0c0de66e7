#!/usr/bin/env bash
# Runtime mutants: each mutants/runtime/*.patch breaks one property of KVM
# (or of a selftest's own setup) that a selftest guards. Applied onto the
# series tip, the mutant kernel (or the series kernel with the mutant test)
# runs that test in every matrix cell of its emulators, and the test must
# fail there with the "Expect:" text, while boot and mode hold. A test that
# passes on a mutant kernel means the guard is weaker than claimed, unless a
# "Not-caught-in: EMULATOR CELL: reason" line of the mutant says why that
# cell cannot see the mutant.
# Header lines of a mutant:
#   Test: TEST [ARGS...]   the guard: a test of config/mmu-tests; ARGS, if
#                          given, replace that test's arguments there
#   Expect: TEXT           what the failing test must print
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
	expect=$(sed -n 's/^Expect: //p' "$m" | head -n1)
	read -ra emus < <(sed -n 's/^Emulators: //p' "$m" | head -n1) || true
	tree=$(sed -n 's/^Tree: //p' "$m" | head -n1)
	diff=$(sed -n 's/^Diff-from: //p' "$m" | head -n1)
	diff=$TOP/mutants/runtime/${diff:-$name.patch}
	if [ -z "$test" ] || [ -z "$expect" ]; then echo "$name: no Test: or Expect: line"; bad=1; continue; fi
	[ -r "$diff" ] || { echo "$name: no diff file $diff"; bad=1; continue; }
	sed -n 's/^Not-caught-in: //p' "$m" >"$run/$name.not-caught"
	awk -v t="$test" -v a="$args" '$1 == t {
		if (a != "") { $0 = $1 " " $2 " " $3 " " a }
		print }' "$TOP/config/mmu-tests" >"$run/$name.tests"
	[ -s "$run/$name.tests" ] || { echo "$name: $test is not in config/mmu-tests"; bad=1; continue; }

	selftests=$BUILD/selftests
	if [ "$tree" = selftests ]; then
		kernel=$KOUT/arch/x86/boot/bzImage
		selftests=$run/$name-selftests
		ptree_at "$tip"
		git -C "$PTREE" apply "$diff" || { echo "$name: does not apply to the series tip"; bad=1; continue; }
		if ! SELFTEST_TREE=$PTREE SELFTESTS=$selftests "$TOP/scripts/build-selftests.sh" "$test" \
			>"$run/$name.build.log" 2>&1; then
			echo "$name: mutant test does not build; log: $run/$name.build.log"
			bad=1
			continue
		fi
	else
		# One kernel per diff.
		kernel=$run/kernels/$(basename "$diff" .patch).bzImage
		if [ ! -f "$kernel" ]; then
			ptree_at "$tip"
			git -C "$PTREE" apply "$diff" || { echo "$name: does not apply to the series tip"; bad=1; continue; }
			if ! ptree_make bzImage >"$run/$name.build.log" 2>&1; then
				echo "$name: mutant kernel does not build; log: $run/$name.build.log"
				bad=1
				continue
			fi
			mkdir -p "$run/kernels"
			cp "$POUT/arch/x86/boot/bzImage" "$kernel"
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
	KERNEL=$kernel SELFTESTS=$selftests "$TOP/scripts/run-matrix.sh" -o "$run/$name/matrix" \
		-t "$run/$name.tests" "${sel[@]}" >"$run/$name.matrix.log" 2>&1 || true
	# rows: emulator, cell, status, test, wall, guest, reason
	awk -F'\t' -v m="$name" -v t="$test" -v x="$expect" -v ncf="$run/$name.not-caught" '
	BEGIN {
		while ((getline l < ncf) > 0) {
			split(l, f, " "); k = f[1] " " f[2]; sub(/:$/, "", k)
			r = l; sub(/^[^:]*: */, "", r); nc[k] = r
		}
	}
	{ k = $1 " " $2; cells[k] = 1 }
	($4 == "boot" || $4 == "mode") && $3 != "pass" { setup[k] = setup[k] $4 ": " $7 " " }
	$4 == t { verdict[k] = $3; why[k] = $7 }
	END {
		for (k in cells) {
			if (k in setup) { print m " " k ": INCONCLUSIVE (" setup[k] ")"; bad = 1 }
			else if (verdict[k] == "fail" && index(why[k], x)) print m " " k ": caught (" t ": " why[k] ")"
			else if (verdict[k] == "fail") { print m " " k ": FAILED, but not with \"" x "\" (" why[k] ")"; bad = 1 }
			else if (k in nc) print m " " k ": not caught, as expected: " nc[k]
			else { print m " " k ": SURVIVED (" t ": " (k in verdict ? verdict[k] : "no result") ")"; bad = 1 }
		}
		exit bad
	}' "$run/$name/matrix/matrix.tsv" | sort || bad=1
done
ptree_at "$tip"
[ $bad = 0 ]
