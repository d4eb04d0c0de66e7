"""Two matrices, row by row: what differs, and what fails or skips on both.

The sides are "base" and "series" (the unpatched base kernel and the series,
bin/compare-base.sh), or two cells of one matrix (MBEC on and off),
whose rows are then matched by emulator and test.
"""

from dataclasses import dataclass, replace


@dataclass
class Diff:
    emulator: str
    cell: str
    test: str
    base: str       # status on the base side, or "absent"
    series: str     # status on the series side, or "absent"
    verdict: str    # WORSE, better, or new (a row the base side does not have)
    reason: str     # the series' reason, else "base: " and the base's

    def tsv(self):
        return "\t".join((self.emulator, self.cell, self.test, self.base, self.series,
                          self.verdict, self.reason))


def diff(base, series):
    """Diffs in series order, then rows the series side lacks.  A row is
    worse when it fails with the series, or skips where the base passed."""
    b = {r.key: r for r in base}
    out = []
    for r in series:
        old = b.pop(r.key, None)
        bs = old.status if old else "absent"
        if bs == r.status:
            continue
        worse = r.status == "fail" or (bs == "pass" and r.status == "skip")
        reason = r.reason or (f"base: {old.reason}" if old and old.reason else "")
        verdict = "WORSE" if worse else ("new" if bs == "absent" else "better")
        out.append(Diff(r.emulator, r.cell, r.test, bs, r.status, verdict, reason))
    for k, old in b.items():
        out.append(Diff(*k, old.status, "absent", "WORSE", ""))
    return out


def common(base, series):
    """Rows that fail or skip alike on both sides: (row of the series)."""
    b = {r.key: r.status for r in base if r.status != "pass"}
    return [r for r in series if b.get(r.key) == r.status]


def cell_rows(rows, emulator, cell, as_cell=None):
    """The rows of one cell, renamed as_cell (to match two cells' rows)."""
    return [replace(r, cell=as_cell or r.cell) for r in rows
            if r.emulator == emulator and r.cell == cell]
