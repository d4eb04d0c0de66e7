# shellcheck shell=bash
# One mechanism for mutants. A mutant is a patch whose header lines, above
# the diff, say what property it breaks ("Property:") and what must catch
# it ("Expect:": text the guard's output must contain; stage-specific lines
# such as "Guard:" or "Test:"). The stages that try their mutants one after
# another (build-mutants, code-cost, spte-doc, results-layer) give
# check_mutants a guard function; runtime-mutants boots them in parallel
# and takes its verdicts from kvmresults/verdicts.py, but reads the same
# headers with mutant_field. Sourced after lib/common.sh.

# mutant_fields FILE KEY: the values of the mutant's "KEY: value" lines
# above its diff, one per line (a key such as Not-caught-in: may repeat).
mutant_fields() {
	sed -n -e '/^diff /q' -e '/^--- /q' -e "s/^$2: //p" "$1"
}

# mutant_field FILE KEY: the value of its first "KEY: value" line (empty if
# none).
mutant_field() {
	mutant_fields "$@" | head -n1
}

# check_mutants GUARD MUTANT...: for each mutant, "GUARD NAME FILE" applies
# it, runs the guard and prints what the guard printed; it returns 0 when
# the guard passed (the mutant survived), 1 when the guard fired, 2 when
# the mutant could not be tried (it does not apply, or does not build),
# saying why on its last line. A mutant is caught when its guard fired with
# its Expect: text in the output. One line per mutant; returns 1 unless all
# were caught, or with no mutant at all.
check_mutants() {
	local guard=$1 m name expect rc bad=0 log
	shift
	if [ $# = 0 ] || [ ! -e "$1" ]; then echo "no mutants"; return 1; fi
	log=$(mktemp)
	for m in "$@"; do
		name=$(basename "$m" .patch)
		expect=$(mutant_field "$m" Expect)
		[ -n "$expect" ] || { echo "$name: no Expect: line"; bad=1; continue; }
		rc=0
		"$guard" "$name" "$m" >"$log" 2>&1 || rc=$?
		case $rc in
		0) echo "$name: SURVIVED (the guard passed)"; tail -n 3 "$log" | indent; bad=1 ;;
		1) if grep -qF -- "$expect" "$log"; then
			echo "$name: caught ($(grep -m1 -F -- "$expect" "$log" | sed 's/^ *//'))"
		   else
			echo "$name: FAILED, but not with: $expect"; tail -n 5 "$log" | indent; bad=1
		   fi ;;
		*) echo "$name: not tried: $(tail -n1 "$log")"; bad=1 ;;
		esac
	done
	rm -f "$log"
	return $bad
}

# harness_with MUTANT DIR: a copy of the repository's files (those git
# tracks) in DIR, with MUTANT, a mutant of the harness (mutants/harness/),
# applied; says "does not apply" and returns 1 if it does not.
harness_with() {
	rm -rf "$2" && mkdir -p "$2"
	(cd "$TOP" && git ls-files -z | xargs -0 cp --parents -t "$2")
	patch -s -d "$2" -p1 <"$1" || { echo "does not apply"; return 1; }
}
