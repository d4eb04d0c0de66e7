#!/usr/bin/env bash
# Turn one run's console log (from boot.sh) into result rows, one per test,
# plus "kernel-log": fails on any WARN, BUG, oops, panic, lockdep, KASAN or
# UBSAN report from the kernel, but for the emulator's known WARNs.
# Usage: parse-results.sh OUTDIR LIST [KNOWN]
#   LIST: the test list the guest ran; a test with no result is "not run".
#   KNOWN: file of regexps (awk) of WARNING lines the emulator causes.
# Writes OUTDIR/results.tsv: status<TAB>test<TAB>wall s<TAB>guest s<TAB>reason
#   status: pass, fail or skip.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# = 2 ] || [ $# = 3 ] || die "usage: $0 OUTDIR LIST [KNOWN]"
out=$1 list=$2 known=${3:-/dev/null}
log=$out/console.log
[ -r "$log" ] || die "no console log $log"

awk -F'\t' -v list="$list" -v known="$known" '
BEGIN {
	while ((getline l < list) > 0) {
		split(l, f, " ")
		if (f[1] == "" || f[1] ~ /^#/) continue
		order[++n] = f[1]
	}
	while ((getline l < known) > 0)
		if (l != "") kw[++nkw] = l
}
{ t = $1; line = $0; sub(/^[^\t]*\t/, "", line) }
line ~ /^# start: / { split(line, f, " "); started[f[4]] = t; cur = f[4]; last = ""; next }
line ~ /^# .*[^ ]/ && line !~ /^# (sh: addr2line|kvm-tests:|host:|resume:)/ { last = line; sub(/^# +/, "", last) }
line ~ /^(not )?ok [0-9]+ / {
	ok = line !~ /^not /
	s = line; sub(/^(not )?ok [0-9]+ /, "", s)
	name = s; sub(/ .*/, "", name)
	guest = ""
	if (match(s, /# guest-time: [0-9.]+/))
		guest = substr(s, RSTART + 14, RLENGTH - 14)
	reason = s; sub(/^[^ ]* ?/, "", reason); sub(/ ?# guest-time: [0-9.]+$/, "", reason)
	sub(/^# /, "", reason)
	st = !ok ? "fail" : (reason ~ /^SKIP/ ? "skip" : "pass")
	if (st == "fail" && reason ~ /^exit code/ && last != "") reason = reason ": " last
	if (st == "skip") sub(/^SKIP ?/, "", reason)
	status[name] = st; why[name] = reason; gt[name] = guest; cur = ""
	wall[name] = (name in started) ? t - started[name] : ""
	next
}
# What the host saw end a boot (a wall-clock budget, a panic), for the test
# in progress then.
line ~ /^# host: / { if (cur != "" && !(cur in host)) host[cur] = substr(line, 9) }
line ~ /^\[ *[0-9]+\.[0-9]+\] (WARNING:|BUG:|Oops|kernel BUG|general protection fault|Kernel panic|KASAN:|UBSAN:|INFO: (possible|task|suspicious|trying))/ {
	r = line; sub(/^\[ *[0-9.]+\] /, "", r)
	for (i = 1; i <= nkw; i++)
		if (r ~ kw[i]) { nknown++; next }
	if (klog == "") klog = r
}
END {
	for (i = 1; i <= n; i++) {
		name = order[i]
		if (name in status)
			printf "%s\t%s\t%s\t%s\t%s\n", status[name], name, wall[name], gt[name], why[name]
		else if (name in started)
			printf "fail\t%s\t\t\t%s\n", name, (name in host) ? host[name] : "no result (guest stopped during the test)"
		else
			printf "fail\t%s\t\t\tnot run\n", name
	}
	if (klog == "" && nknown)
		klog = nknown " known emulator WARN(s), see emulators/*.sh"
	printf "%s\tkernel-log\t\t\t%s\n", klog ~ /known emulator/ || klog == "" ? "pass" : "fail", klog
}' "$log" >"$out/results.tsv"
