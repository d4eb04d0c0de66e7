#!/usr/bin/env bash
# Turn the KTAP that KUnit printed in the kernel log at boot into result
# rows, one per test case: "kunit:SUITE.CASE". A parameterized case fails
# when any of its parameters fails; the reason names those parameters and
# the first failed assertion. A suite that was expected but printed nothing
# gives a failing row "kunit:SUITE".
# Usage: parse-kunit.sh CONSOLE_LOG [SUITE...]
#   CONSOLE_LOG: from boot.sh ("<host s>\t<line>")
#   SUITE: a suite the kernel was built with, so it must have run
# Prints rows: status<TAB>test<TAB>wall s<TAB>guest s<TAB>reason
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || die "usage: $0 CONSOLE_LOG [SUITE...]"
log=$1
shift
[ -r "$log" ] || die "no console log $log"

awk -F'\t' -v expected="$*" '
function flush_case(   st, r) {
	if (cname == "") return
	st = cstatus
	r = creason
	if (st == "fail" && fparams != "") r = "failed for " fparams (first != "" ? ": " first : "")
	else if (st == "fail" && first != "") r = first
	rows[++nrows] = st "\tkunit:" suite "." cname "\t\t" sprintf("%.2f", cend - cstart) "\t" r
	cname = ""
}
{
	line = $0; sub(/^[^\t]*\t/, "", line)
	if (line !~ /^\[ *[0-9]+\.[0-9]+\] /) next
	ts = line; sub(/^\[ */, "", ts); sub(/\].*/, "", ts); ts += 0
	sub(/^\[ *[0-9.]+\] /, "", line)
	match(line, /^ */); ind = RLENGTH; body = substr(line, ind + 1)
}
# The first failed assertion of a case: its location and the lines KUnit
# prints after it (the expectation, the values, the message of the test).
body ~ /^# .*(ASSERTION|EXPECTATION) FAILED at / {
	if (first == "") { where = body; sub(/.* FAILED at /, "at ", where); detail = 1 }
	next
}
detail && body ~ /^((not )?ok [0-9]+ |# Subtest: )/ {
	first = first " (" where ")"; detail = 0
}
detail {
	if (body != "") first = first (first == "" ? "" : "; ") body
	next
}
# Level 1: a suite (indent 4); level 2: its cases (indent 4) and a
# parameterized case subtest (indent 8) with one result per parameter.
ind == 4 && body ~ /^# Subtest: / { suite = substr(body, 12); seen[suite] = 1; last = ts; next }
ind == 4 && body ~ /^1\.\.[0-9]+/ { last = ts; next }
ind == 8 && body ~ /^# Subtest: / { fparams = ""; first = ""; next }
ind == 8 && body ~ /^not ok [0-9]+ / {
	p = body; sub(/^not ok [0-9]+ /, "", p); sub(/ #.*/, "", p)
	fparams = fparams (fparams == "" ? "" : ", ") p
	next
}
ind == 4 && body ~ /^(not )?ok [0-9]+ / {
	cname = body; sub(/^(not )?ok [0-9]+ /, "", cname)
	creason = ""
	if (cname ~ / # SKIP/) { creason = cname; sub(/.* # SKIP ?/, "", creason) }
	sub(/ .*/, "", cname)
	cstatus = body ~ /^not / ? "fail" : (body ~ / # SKIP/ ? "skip" : "pass")
	cstart = last; cend = ts; last = ts
	flush_case()
	fparams = ""; first = ""
	next
}
END {
	for (i = 1; i <= nrows; i++) print rows[i]
	n = split(expected, e, " ")
	for (i = 1; i <= n; i++)
		if (!(e[i] in seen))
			printf "fail\tkunit:%s\t\t\tnot run (the kernel was built with it)\n", e[i]
}' "$log"
