"""Console logs of boots -> rows (kvmresults.console), on saved logs."""

import glob
import os
import unittest

from kvmresults import console
from kvmresults.rows import Row, format_row
from kvmresults.tests.common import data, lines


def known(name):
    return [l.rstrip("\n") for l in lines(name)]


class TestConsole(unittest.TestCase):
    def parse(self, log, lst, kn=()):
        return console.parse(lines(log), console.read_test_list(data(lst)), kn)

    def test_pass_fail_skip_and_wall_budget_with_resume(self):
        rows = self.parse("resume.log", "resume.list", known("bochs.known"))
        self.assertEqual(rows, [
            Row("pass", "x86/alpha", "19", "0.6", ""),
            # The host stopped the boot at the test's wall budget; the
            # next boot resumed from the test after it.
            Row("fail", "x86/bravo", "", "", "test 2 x86/bravo exceeded 240s wall"),
            # An exit code gets the test's last line of its own, not the
            # harness' (addr2line) nor a kernel message.
            Row("fail", "x86/charlie", "5", "1.5", "exit code 254: Expected XU in the SPTE of 0x1000"),
            Row("skip", "x86/delta", "3", "0.1", "Requirement not met: kvm_cpu_has(X86_FEATURE_MBEC)"),
            # The xstate WARN is Bochs' (known), the KVM one is not.
            Row("fail", "kernel-log", "", "", "WARNING: CPU: 0 PID: 77 at "
                "arch/x86/kvm/mmu/mmu.c:6120 kvm_mmu_zap_all+0x1/0x2"),
        ])

    def test_known_warnings_only(self):
        log = [l for l in lines("resume.log") if "kvm_mmu_zap_all" not in l]
        rows = console.parse(log, ["x86/alpha"], known("bochs.known"))
        self.assertEqual(rows[-1], Row("pass", "kernel-log", "", "", "1 known emulator WARN(s), see emulators/*.sh"))

    def test_unknown_warning_without_list_of_known(self):
        rows = self.parse("resume.log", "resume.list")
        self.assertEqual(rows[-1].status, "fail")
        self.assertIn("fpu__init_system_xstate", rows[-1].reason)

    def test_panic(self):
        rows = self.parse("panic.log", "panic.list")
        self.assertEqual(rows, [
            Row("fail", "x86/alpha", "", "", "Kernel panic - not syncing: Fatal exception"),
            Row("fail", "x86/bravo", "", "", "not run"),
            Row("fail", "kernel-log", "", "", "BUG: unable to handle page fault for address: ffffc90000123000"),
        ])

    def test_guest_stopped_without_host_line(self):
        log = [l for l in lines("panic.log") if "# host:" not in l]
        rows = console.parse(log, ["x86/alpha"])
        self.assertEqual(rows[0].reason, "no result (guest stopped during the test)")

    def test_saved_cells(self):
        """Real consoles of cells (NAME.console.log, the list NAME.list and the
        emulator's known WARNINGs NAME.known), whose rows (NAME.rows) were
        written by the parser this one replaced."""
        logs = sorted(glob.glob(data("*.console.log")))
        self.assertTrue(logs)
        for log in logs:
            base = log[:-len(".console.log")]
            with self.subTest(os.path.basename(base)):
                kn = known(base + ".known") if os.path.exists(base + ".known") else []
                with open(log, encoding="utf-8", errors="replace") as f:
                    got = console.parse(f.readlines(), console.read_test_list(base + ".list"), kn)
                with open(base + ".rows", encoding="utf-8") as f:
                    want = f.read().splitlines()
                self.assertEqual([format_row(r) for r in got], want)


if __name__ == "__main__":
    unittest.main()
