#!/usr/bin/env bash
# The results layer's own tests (kvmresults/tests: saved logs replayed, in
# seconds), then its mutants: each mutants/results/*.patch breaks the
# parsers in one way, and the tests must fail, among them the one its
# "Expect:" line names (a unittest id, e.g. test_ktap.TestKtap.test_x).
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

cd "$TOP"
unit() {
	python3 -m unittest discover -s kvmresults/tests -t .
}
unit 2>&1 | tail -n 4 || die "the results layer's tests fail"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0 n=0
for m in mutants/results/*.patch; do
	name=$(basename "$m" .patch) n=$((n + 1))
	expect=$(sed -n 's/^Expect: //p' "$m" | head -n1)
	[ -n "$expect" ] || { echo "$name: no Expect: line"; bad=1; continue; }
	rm -rf "$tmp/t" && mkdir "$tmp/t" && cp -r kvmresults "$tmp/t/"
	patch -s -d "$tmp/t" -p1 <"$m" || { echo "$name: does not apply"; bad=1; continue; }
	if (cd "$tmp/t" && unit) >"$tmp/log" 2>&1; then
		echo "$name: SURVIVED (every test passed)"
		bad=1
	elif grep -qE "^(FAIL|ERROR): ${expect##*.} \(kvmresults\.tests\.${expect%.*}" "$tmp/log"; then
		echo "$name: caught ($expect; $(tail -n1 "$tmp/log"))"
	else
		echo "$name: FAILED, but not in $expect:"
		grep -E '^(FAIL|ERROR): ' "$tmp/log" | indent
		bad=1
	fi
done
echo "results layer: $n mutant(s)"
[ $bad = 0 ]
