"""Markdown for the reports (reports/*.md): TSV rows as table rows, a matrix
as a test x cell table, and the cause of each failure or skip common to two
kernels, from config/sweep-causes."""

import re

from .rows import COMMON_FIELDS, parse_common_row


def table_row(fields):
    """One Markdown table row, "|" in a field escaped."""
    return "| " + " | ".join(f.replace("|", "\\|") for f in fields) + " |"


def matrix_table(rows):
    """Lines of a test x cell table (cells and tests in order of first
    appearance; "STATUS WALLs", "-" where a cell did not run the test), then
    the failures and skips that have a reason."""
    cells, tests, status, notes = [], [], {}, []
    for r in rows:
        c = f"{r.emulator}/{r.cell}"
        if c not in cells:
            cells.append(c)
        if r.test not in tests:
            tests.append(r.test)
        status[c, r.test] = r.status + (f" {r.wall}s" if r.wall else "")
        if r.status != "pass" and r.reason:
            notes.append(f"{c} {r.test}: {r.status}: {r.reason}")
    out = [table_row(["test"] + cells), table_row(["---"] * (len(cells) + 1))]
    out += [table_row([t] + [status.get((c, t), "-") for c in cells]) for t in tests]
    if notes:
        out += ["", "Failures and skips:", ""] + [f"- {n}" for n in notes]
    return out


class Causes:
    """config/sweep-causes: lines "EMULATOR TEST: cause", EMULATOR "all" for
    any emulator, TEST a name or a glob where "*" is any text. A later line
    for the same key replaces an earlier one; among globs, the first that
    matches wins."""

    NOT_INVESTIGATED = "not investigated"

    def __init__(self, lines):
        self.exact, self.globs = {}, {}
        for line in lines:
            m = re.match(r"([a-z]+) ([^ ]+): (.*)", line.rstrip("\n"))
            if not m:
                continue
            emu, test, cause = m.groups()
            if "*" in test:
                pattern = re.escape(test).replace(r"\*", ".*")
                self.globs[emu, test] = (re.compile(pattern + r"\Z"), cause)
            else:
                self.exact[emu, test] = cause

    def _glob(self, emu, test):
        for (e, _), (pattern, cause) in self.globs.items():
            if e == emu and pattern.match(test):
                return cause
        return None

    def find(self, emu, test):
        """The cause for TEST under EMU: EMU TEST, all TEST, an EMU glob, an
        "all" glob, in this order."""
        for key in ((emu, test), ("all", test)):
            if key in self.exact:
                return self.exact[key]
        for e in (emu, "all"):
            cause = self._glob(e, test)
            if cause is not None:
                return cause
        return self.NOT_INVESTIGATED


def with_causes(common_lines, causes):
    """Rows of a common.tsv (rows.COMMON_FIELDS), each with its cause as a
    field after them."""
    out = []
    for line in common_lines:
        r = parse_common_row(line)
        out.append([getattr(r, name) for name in COMMON_FIELDS] + [causes.find(r.emulator, r.test)])
    return out
