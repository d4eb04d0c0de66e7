"""Two matrices row by row (kvmresults.compare)."""

import unittest

from kvmresults import compare
from kvmresults.rows import MatrixRow


def row(cell, status, test, reason="", emu="bochs"):
    return MatrixRow(status, test, "", "", reason, emulator=emu, cell=cell)


BASE = [
    row("ept-mbec", "pass", "boot"),
    row("ept-mbec", "pass", "x86/a"),
    row("ept-mbec", "pass", "x86/b"),
    row("ept-mbec", "fail", "x86/c", "exit code 254: old"),
    row("ept-mbec", "skip", "x86/d", "no MBEC"),
    row("ept-mbec", "fail", "x86/e", "exit code 1: both"),
    row("ept-mbec", "pass", "x86/gone"),
]
SERIES = [
    row("ept-mbec", "pass", "boot"),
    row("ept-mbec", "fail", "x86/a", "exit code 254: new"),
    row("ept-mbec", "skip", "x86/b", "no nested"),
    row("ept-mbec", "pass", "x86/c"),
    row("ept-mbec", "skip", "x86/d", "no MBEC"),
    row("ept-mbec", "fail", "x86/e", "exit code 1: both"),
    row("ept-mbec", "pass", "kunit:s.c"),
]


class TestCompare(unittest.TestCase):
    def test_diff(self):
        d = [x.tsv().split("\t")[2:] for x in compare.diff(BASE, SERIES)]
        self.assertEqual(d, [
            ["x86/a", "pass", "fail", "WORSE", "exit code 254: new"],
            ["x86/b", "pass", "skip", "WORSE", "no nested"],
            ["x86/c", "fail", "pass", "better", "base: exit code 254: old"],
            ["kunit:s.c", "absent", "pass", "new", ""],
            ["x86/gone", "pass", "absent", "WORSE", ""],
        ])

    def test_common(self):
        self.assertEqual([r.test for r in compare.common(BASE, SERIES)], ["x86/d", "x86/e"])

    def test_two_cells_of_one_matrix(self):
        rows = [row("ept-mbec", "pass", "x86/a"), row("ept-no-mbec", "skip", "x86/a", "no MBEC"),
                row("ept-mbec", "pass", "x86/b"), row("ept-no-mbec", "pass", "x86/b"),
                row("ept-mbec", "pass", "x86/a", emu="qemu")]
        on = compare.cell_rows(rows, "bochs", "ept-mbec", "x")
        off = compare.cell_rows(rows, "bochs", "ept-no-mbec", "x")
        d = compare.diff(on, off)
        self.assertEqual([(x.test, x.base, x.series, x.verdict) for x in d],
                         [("x86/a", "pass", "skip", "WORSE")])


if __name__ == "__main__":
    unittest.main()
