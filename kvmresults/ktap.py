"""The KTAP that KUnit prints in the kernel log at boot -> one row per case.

Rows are "kunit:SUITE.CASE", guest seconds from the kernel's timestamps.  A
parameterised case fails when any of its parameters fails; the reason names
those parameters and the first failed assertion (its lines and location).
A suite the kernel was built with that printed nothing gives a failing row
"kunit:SUITE".

Nesting comes from KTAP itself, not from a fixed indent: a "KTAP version"
or "# Subtest:" line opens a level at its indent, and a line's level is the
rank of its indent among the open ones (0: the run, 1: a suite and its
cases, 2: the parameters of a case).
"""

import re

from .console import split_line
from .rows import Row

_KLOG = re.compile(r"^\[ *([0-9]+\.[0-9]+)\] ")
_FAILED_AT = re.compile(r"^# .*(ASSERTION|EXPECTATION) FAILED at ")
_RESULT = re.compile(r"^(not )?ok [0-9]+ ")
_OPENER = re.compile(r"^(KTAP version |# Subtest: )")
_PLAN = re.compile(r"^1\.\.[0-9]+")


def parse(lines, expected=()):
    rows, seen = [], set()
    indents = []          # open levels: their indents, increasing
    suite = ""
    last = 0.0            # when the case now running began
    fparams, first, where, detail = [], "", "", False

    for raw in lines:
        _, line = split_line(raw)
        m = _KLOG.match(line)
        if not m:
            continue
        ts = float(m.group(1))
        line = line[m.end():]
        body = line.lstrip(" ")
        ind = len(line) - len(body)

        # The first failed assertion of a case, and the lines KUnit prints
        # after it (the expectation, the values, the test's message).
        if _FAILED_AT.match(body):
            if not first:
                where = "at " + re.sub(r".* FAILED at ", "", body, count=1)
                detail = True
            continue
        if detail and (_RESULT.match(body) or body.startswith("# Subtest: ")):
            first = f"{first} ({where})"
            detail = False
        if detail:
            if body:
                first = first + ("; " if first else "") + body
            continue

        if _OPENER.match(body):
            indents = [i for i in indents if i < ind] + [ind]
        level = indents.index(ind) if ind in indents else None

        if level == 1 and body.startswith("# Subtest: "):
            suite = body[len("# Subtest: "):]
            seen.add(suite)
            last = ts
        elif level == 1 and _PLAN.match(body):
            last = ts
        elif level == 2 and body.startswith("# Subtest: "):
            fparams, first = [], ""
        elif level == 2 and body.startswith("not ok "):
            p = _RESULT.sub("", body, count=1)
            fparams.append(re.sub(r" #.*", "", p))
        elif level == 1 and _RESULT.match(body):
            cname = _RESULT.sub("", body, count=1)
            creason = ""
            if " # SKIP" in cname:
                creason = re.sub(r".* # SKIP ?", "", cname, count=1)
            cname = cname.split(" ", 1)[0]
            if body.startswith("not "):
                st = "fail"
            else:
                st = "skip" if " # SKIP" in body else "pass"
            r = creason
            if st == "fail" and fparams:
                r = "failed for " + ", ".join(fparams) + (": " + first if first else "")
            elif st == "fail" and first:
                r = first
            rows.append(Row(st, f"kunit:{suite}.{cname}", "", f"{ts - last:.2f}", r))
            last = ts
            fparams, first = [], ""
    for s in expected:
        if s not in seen:
            rows.append(Row("fail", f"kunit:{s}", "", "", "not run (the kernel was built with it)"))
    return rows
