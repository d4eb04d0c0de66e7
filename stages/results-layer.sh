#!/usr/bin/env bash
# The results layer's own tests (kvmresults/tests: saved logs replayed, in
# seconds), then its mutants: each mutants/results/*.patch breaks the
# parsers in one way, and the tests must fail, among them the one its
# "Expect:" line names ("failed: MODULE.CLASS.TEST").
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=lib/mutants.sh
. "$TOP/lib/mutants.sh"

cd "$TOP"
unit() {
	python3 -m unittest discover -s kvmresults/tests -t .
}
unit 2>&1 | tail -n 4 || die "the results layer's tests fail"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The guard: the unit tests of a copy of the layer with the mutant fail;
# it prints the failed tests as MODULE.CLASS.TEST, whatever the Python.
results_guard() {
	rm -rf "$tmp/t" && mkdir "$tmp/t" && cp -r kvmresults "$tmp/t/"
	patch -s -d "$tmp/t" -p1 <"$2" || { echo "does not apply"; return 2; }
	if (cd "$tmp/t" && unit) >"$tmp/log" 2>&1; then
		tail -n 3 "$tmp/log"
		return 0
	fi
	sed -nE 's/^(FAIL|ERROR): ([a-z_0-9]+) \(kvmresults\.tests\.([A-Za-z_0-9]+\.[A-Za-z_0-9]+)(\.[a-z_0-9]+)?\)$/failed: \3.\2/p' "$tmp/log"
	tail -n 1 "$tmp/log"
	return 1
}
check_mutants results_guard mutants/results/*.patch
