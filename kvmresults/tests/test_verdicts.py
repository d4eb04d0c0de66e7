"""Runtime mutants' verdicts (kvmresults.verdicts), one of each kind."""

import unittest

from kvmresults import verdicts
from kvmresults.rows import read_matrix
from kvmresults.tests.common import data

NOT_CAUGHT = verdicts.parse_not_caught([
    "bochs ept-no-mbec: kvm_intel.mbec=0, KVM offers no MBEC to L1.\n",
    "bochs shadow: no nested EPT (the test skips).\n",
])


class TestVerdicts(unittest.TestCase):
    def setUp(self):
        self.rows = read_matrix(data("mutant-matrix.tsv"))

    def v(self, **kw):
        return verdicts.verdicts("m", self.rows, not_caught=NOT_CAUGHT, **kw)

    def test_not_caught_lines(self):
        self.assertEqual(NOT_CAUGHT["bochs ept-no-mbec"], "kvm_intel.mbec=0, KVM offers no MBEC to L1.")

    def test_each_verdict(self):
        lines, good = self.v(test="x86/vmx_nested_mbec_test", expect="Guest made no progress")
        self.assertFalse(good)
        self.assertEqual(lines, [
            'm bochs ept-mbec: caught (x86/vmx_nested_mbec_test: exit code 254: '
            'Guest made no progress: MBEC on, EPT R|XS, CPL0 fetch with paging off)',
            'm bochs ept-mbec-legacy: FAILED, but not with "Guest made no progress" '
            '(exit code 254: Wanted EXIT_QUAL 0x581)',
            'm bochs ept-mbec-no-ad: SURVIVED (x86/vmx_nested_mbec_test: pass)',
            'm bochs ept-no-mbec: not caught, as expected: kvm_intel.mbec=0, KVM offers no MBEC to L1.',
            'm bochs shadow: INCONCLUSIVE (mode: not in effect: kvm_intel.ept=N )',
            'm qemu npt-tdp-mmu: SURVIVED (x86/vmx_nested_mbec_test: no result)',
        ])

    def test_kunit_cases(self):
        lines, good = self.v(kunit=["kvm_mmu_spte.access_tracked_spte", "kvm_mmu_spte.nonleaf_spte"])
        self.assertFalse(good)
        self.assertIn("m bochs ept-mbec: caught (kunit:kvm_mmu_spte.access_tracked_spte: saved XU lost); "
                      "SURVIVED (kunit:kvm_mmu_spte.nonleaf_spte: pass)", lines)

    def test_all_caught(self):
        rows = [r for r in self.rows if r.cell == "ept-mbec"]
        lines, good = verdicts.verdicts("m", rows, "x86/vmx_nested_mbec_test", "no progress",
                                        ["kvm_mmu_spte.access_tracked_spte"])
        self.assertTrue(good)
        self.assertEqual(len(lines), 1)


if __name__ == "__main__":
    unittest.main()
