"""The row schema, in one place.

A cell's results.tsv holds Rows; a matrix.tsv holds MatrixRows, which are
Rows with the emulator and the cell in front.  Fields are tab-separated, and
empty where unknown (a test that did not run has no times).
"""

from dataclasses import dataclass, fields

STATUSES = ("pass", "fail", "skip")


@dataclass
class Row:
    status: str          # pass, fail or skip
    test: str            # a test of the list, "kunit:SUITE.CASE", boot, mode, kernel-log
    wall: str = ""       # host seconds the test took
    guest: str = ""      # guest seconds the test took
    reason: str = ""     # why it failed or skipped, or a note

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"status {self.status!r} is not one of {STATUSES}")


@dataclass
class MatrixRow(Row):
    emulator: str = ""
    cell: str = ""

    @property
    def key(self):
        return (self.emulator, self.cell, self.test)


ROW_FIELDS = [f.name for f in fields(Row)]
MATRIX_FIELDS = ["emulator", "cell"] + ROW_FIELDS
# A common.tsv row (python3 -m kvmresults common): a failure or skip that two
# sides share, without times.
COMMON_FIELDS = ["emulator", "cell", "test", "status", "reason"]


def _split(line, n, path):
    f = line.rstrip("\n").split("\t")
    if len(f) != n:
        raise ValueError(f"{path}: {len(f)} fields, not {n}: {line.rstrip()!r}")
    return f


def format_row(row):
    return "\t".join(getattr(row, name) for name in ROW_FIELDS)


def format_matrix_row(row):
    return "\t".join(getattr(row, name) for name in MATRIX_FIELDS)


def format_common_row(row):
    return "\t".join(getattr(row, name) for name in COMMON_FIELDS)


def parse_common_row(line, path="common.tsv"):
    """A common.tsv line as a MatrixRow (no times)."""
    emu, cell, test, status, reason = _split(line, len(COMMON_FIELDS), path)
    return MatrixRow(status, test, reason=reason, emulator=emu, cell=cell)


def read_rows(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [Row(*_split(l, len(ROW_FIELDS), path)) for l in f if l.strip()]


def read_matrix(path):
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip():
                continue
            emu, cell, *rest = _split(line, len(MATRIX_FIELDS), path)
            out.append(MatrixRow(*rest, emulator=emu, cell=cell))
    return out


def count(rows):
    """{status: number of rows}, every status present."""
    n = dict.fromkeys(STATUSES, 0)
    for r in rows:
        n[r.status] += 1
    return n


def awk_number(x):
    """A number as awk's print shows it: integers bare, else %.6g."""
    if x == int(x):
        return str(int(x))
    return f"{x:.6g}"
