"""One boot's serial console (steps/boot.sh: "<host s>\\t<line>") -> rows.

guest/init prints KTAP: "# start: I NAME" before each test, the test's own
lines as "# ...", then "ok I NAME [# SKIP reason] # guest-time: S" or
"not ok I NAME # exit code N|TIMEOUT after Ts # guest-time: S".  The host
adds "# host: ..." lines when it stops a boot (a test's wall-clock budget,
a panic), and "# resume: ..." when it boots again after one.

One row per test of the list, in list order: a test with a start and no
result failed with what the host saw; one with neither did not run.  Then
"kernel-log": fails on the first WARN, BUG, oops, panic, lockdep, KASAN or
UBSAN report that is not one of the emulator's known WARNINGs.
"""

import re

from .rows import Row, awk_number

_RESULT = re.compile(r"^(not )?ok [0-9]+ ")
_GUEST_TIME = re.compile(r"# guest-time: ([0-9.]+)")
_GUEST_TIME_END = re.compile(r" ?# guest-time: [0-9.]+$")
# Output of the test worth quoting for a failure: not the harness' own.
_QUOTABLE = re.compile(r"^# .*[^ ]")
_NOT_QUOTABLE = re.compile(r"^# (sh: addr2line|kvm-tests:|host:|resume:)")
_KERNEL_REPORT = re.compile(
    r"^\[ *[0-9]+\.[0-9]+\] (WARNING:|BUG:|Oops|kernel BUG|general protection fault|"
    r"Kernel panic|KASAN:|UBSAN:|INFO: (possible|task|suspicious|trying))")
_TIMESTAMP = re.compile(r"^\[ *[0-9.]+\] ")


def split_line(raw):
    """(host seconds, line) of one console.log line."""
    raw = raw.rstrip("\n")
    if "\t" not in raw:
        return raw, raw
    t, line = raw.split("\t", 1)
    return t, line


def _num(s):
    try:
        return float(s)
    except ValueError:
        return 0.0


def read_test_list(path):
    """The test names of a list ("NAME TIMEOUT [ARGS]"), in order."""
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.split()
            if w and not w[0].startswith("#"):
                names.append(w[0])
    return names


def parse(lines, order, known=()):
    """Rows for the tests of `order` (names), then "kernel-log"."""
    known = [re.compile(k) for k in known if k]
    started, status, why, gtime, wall, host = {}, {}, {}, {}, {}, {}
    cur, last, klog, nknown = "", "", "", 0
    for raw in lines:
        t, line = split_line(raw)
        if line.startswith("# start: "):
            f = line.split()
            name = f[3] if len(f) > 3 else ""
            started[name] = t
            cur, last = name, ""
            continue
        if _QUOTABLE.match(line) and not _NOT_QUOTABLE.match(line):
            last = re.sub(r"^# +", "", line)
        if _RESULT.match(line):
            ok = not line.startswith("not ")
            s = _RESULT.sub("", line, count=1)
            name = s.split(" ", 1)[0]
            m = _GUEST_TIME.search(s)
            guest = m.group(1) if m else ""
            reason = re.sub(r"^[^ ]* ?", "", s, count=1)
            reason = _GUEST_TIME_END.sub("", reason)
            reason = re.sub(r"^# ", "", reason)
            st = "fail" if not ok else ("skip" if reason.startswith("SKIP") else "pass")
            if st == "fail" and reason.startswith("exit code") and last:
                reason += ": " + last
            if st == "skip":
                reason = re.sub(r"^SKIP ?", "", reason)
            status[name], why[name], gtime[name] = st, reason, guest
            cur = ""
            wall[name] = awk_number(_num(t) - _num(started[name])) if name in started else ""
            continue
        if line.startswith("# host: "):
            if cur and cur not in host:
                host[cur] = line[len("# host: "):]
        if _KERNEL_REPORT.match(line):
            r = _TIMESTAMP.sub("", line, count=1)
            if any(k.search(r) for k in known):
                nknown += 1
                continue
            if not klog:
                klog = r
    rows = []
    for name in order:
        if name in status:
            rows.append(Row(status[name], name, wall[name], gtime[name], why[name]))
        elif name in started:
            rows.append(Row("fail", name, "", "",
                            host.get(name, "no result (guest stopped during the test)")))
        else:
            rows.append(Row("fail", name, "", "", "not run"))
    if not klog and nknown:
        klog = f"{nknown} known emulator WARN(s), see emulators/*.sh"
    ok = not klog or "known emulator" in klog
    rows.append(Row("pass" if ok else "fail", "kernel-log", "", "", klog))
    return rows
