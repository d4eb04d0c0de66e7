"""KUnit's KTAP in the kernel log -> one row per case (kvmresults.ktap)."""

import glob
import os
import unittest

from kvmresults import ktap
from kvmresults.rows import Row, format_row
from kvmresults.tests.common import DATA, lines


class TestKtap(unittest.TestCase):
    def test_cases_params_skip_and_missing_suite(self):
        rows = ktap.parse(lines("kunit.log"), ["kvm_mmu_spte", "other_suite", "missing_suite"])
        self.assertEqual(rows, [
            Row("pass", "kunit:kvm_mmu_spte.special_sptes_not_present", "", "0.00", ""),
            # A parameterised case: the parameters that failed, then the
            # first failed expectation, its lines and its location.
            Row("fail", "kunit:kvm_mmu_spte.mmio_spte_generation", "", "0.00",
                "failed for gen 262143, gen 131072: Expected gen == get_mmio_spte_generation(spte), "
                "but; gen == 262143 (0x3ffff); get_mmio_spte_generation(spte) == 131071 (0x1ffff) "
                "(at arch/x86/kvm/mmu/tests/spte_kunit.c:80)"),
            Row("fail", "kunit:kvm_mmu_spte.access_tracked_spte", "", "0.00",
                "Expected is_access_track_spte(spte) to be true, but is false; the saved XU bit "
                "was lost (at arch/x86/kvm/mmu/tests/spte_kunit.c:120)"),
            Row("skip", "kunit:kvm_mmu_spte.nonleaf_spte", "", "0.00", "EPT is off"),
            Row("pass", "kunit:other_suite.works", "", "0.05", ""),
            Row("fail", "kunit:missing_suite", "", "", "not run (the kernel was built with it)"),
        ])

    def test_levels_come_from_ktap_not_from_four_spaces(self):
        want = ktap.parse(lines("kunit.log"), ["kvm_mmu_spte"])
        self.assertEqual(ktap.parse(lines("kunit-indent2.log"), ["kvm_mmu_spte"]), want)

    def test_no_kunit(self):
        self.assertEqual(ktap.parse(lines("panic.log")), [])

    def test_saved_cells(self):
        """Real consoles (NAME.console.log) and their KUnit rows (NAME.kunit,
        written by the parser this one replaced; a first line "# suites: ..."
        names the suites the kernel was built with)."""
        for path in sorted(glob.glob(os.path.join(DATA, "*.kunit"))):
            base = path[:-len(".kunit")]
            with self.subTest(os.path.basename(base)):
                with open(path, encoding="utf-8") as f:
                    first, *want = f.read().splitlines()
                suites = first.split(":", 1)[1].split()
                got = ktap.parse(lines(os.path.basename(base) + ".console.log"), suites)
                self.assertEqual([format_row(r) for r in got], want)


if __name__ == "__main__":
    unittest.main()
