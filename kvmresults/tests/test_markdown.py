"""Markdown for the reports (kvmresults.markdown), on saved tables."""

import unittest

from kvmresults import markdown
from kvmresults.rows import MatrixRow, read_matrix
from kvmresults.tests.common import data, lines


class TestMarkdown(unittest.TestCase):
    def test_matrix_table(self):
        """mutant-matrix.md was written by the awk of the long report that
        this one replaced."""
        got = markdown.matrix_table(read_matrix(data("mutant-matrix.tsv")))
        self.assertEqual(got, [l.rstrip("\n") for l in lines("mutant-matrix.md")])

    def test_table_row_escapes_bars(self):
        self.assertEqual(markdown.table_row(["x86/t", "fail", "a|b"]), "| x86/t | fail | a\\|b |")

    def test_missing_cells_and_a_row_without_reason(self):
        rows = [MatrixRow("pass", "t1", "3", emulator="qemu", cell="a"),
                MatrixRow("fail", "t2", emulator="qemu", cell="b")]
        self.assertEqual(markdown.matrix_table(rows), [
            "| test | qemu/a | qemu/b |",
            "| --- | --- | --- |",
            "| t1 | pass 3s | - |",
            "| t2 | - | fail |",
        ])

    def test_cause_lookup_order(self):
        causes = markdown.Causes([
            "# a comment\n",
            "bochs x86/exact: bochs only\n",
            "all x86/exact: any emulator\n",
            "all x86/any: first\n",
            "all x86/any: replaced\n",
            "qemu x86/svm_*: qemu glob\n",
            "all x86/svm_nested_*: all glob\n",
            "all x86/a.c*: dot is literal\n",
        ])
        self.assertEqual(causes.find("bochs", "x86/exact"), "bochs only")
        self.assertEqual(causes.find("qemu", "x86/exact"), "any emulator")
        self.assertEqual(causes.find("qemu", "x86/any"), "replaced")
        self.assertEqual(causes.find("qemu", "x86/svm_nested_x"), "qemu glob")
        self.assertEqual(causes.find("bochs", "x86/svm_nested_x"), "all glob")
        self.assertEqual(causes.find("bochs", "x86/a.c_test"), "dot is literal")
        self.assertEqual(causes.find("bochs", "x86/abc_test"), "not investigated")
        self.assertEqual(causes.find("bochs", "x86/svm_x"), "not investigated")

    def test_sweep_causes(self):
        """The common failures of the 2026-12-07 sweep with the config of
        that day; sweep-common.causes.tsv was written by the awk of the sweep
        report that this one replaced."""
        got = markdown.with_causes(lines("sweep-common.tsv"),
                                   markdown.Causes(lines("sweep-causes")))
        self.assertEqual(got, [l.rstrip("\n").split("\t") for l in lines("sweep-common.causes.tsv")])

    def test_not_a_common_row(self):
        with self.assertRaises(ValueError):
            markdown.with_causes(["bochs\tept-mbec\tx86/t\tcrashed\twhy\n"], markdown.Causes([]))


if __name__ == "__main__":
    unittest.main()
