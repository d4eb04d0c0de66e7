"""The row schema and the table (kvmresults.rows, kvmresults.table)."""

import os
import tempfile
import unittest

from kvmresults import table
from kvmresults.rows import MatrixRow, Row, read_matrix, read_rows


class TestRows(unittest.TestCase):
    def tmp(self, text):
        f = tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False)
        f.write(text)
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def test_status_must_be_known(self):
        with self.assertRaises(ValueError):
            Row("ok", "x86/a")

    def test_field_count(self):
        self.assertEqual(read_rows(self.tmp("pass\tx86/a\t1\t2\t\n")), [Row("pass", "x86/a", "1", "2", "")])
        with self.assertRaisesRegex(ValueError, "4 fields, not 5"):
            read_rows(self.tmp("pass\tx86/a\t1\t2\n"))
        with self.assertRaisesRegex(ValueError, "5 fields, not 7"):
            read_matrix(self.tmp("pass\tx86/a\t1\t2\t\n"))

    def test_table(self):
        rows = [MatrixRow("pass", "x86/a", "12", "3.5", "", emulator="qemu", cell="npt-tdp-mmu"),
                MatrixRow("fail", "x86/b", "", "", "not run", emulator="qemu", cell="npt-tdp-mmu")]
        out = list(table.lines(rows))
        self.assertEqual(out[1].split(), ["qemu", "npt-tdp-mmu", "x86/a", "PASS", "12s", "3.5s"])
        self.assertEqual(out[2].split()[3:], ["FAIL", "-", "-", "not", "run"])
        self.assertEqual(out[-1], "matrix: 1 passed, 1 failed, 0 skipped")


if __name__ == "__main__":
    unittest.main()
