"""Command line: python3 -m kvmresults COMMAND ARGS (see --help)."""

import argparse
import sys

from . import compare, console, ktap, markdown, table, verdicts
from .rows import count, format_common_row, format_row, read_matrix


def _lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.readlines()


def _print(rows):
    for r in rows:
        print(format_row(r))


def cmd_console(a):
    known = [l.rstrip("\n") for l in _lines(a.known)] if a.known else []
    _print(console.parse(_lines(a.log), console.read_test_list(a.list), known))


def cmd_kunit(a):
    _print(ktap.parse(_lines(a.log), a.suites))


def cmd_table(a):
    rows = read_matrix(a.matrix)
    for line in table.lines(rows):
        print(line)
    return 1 if count(rows)["fail"] else 0


def cmd_count(a):
    n = count(read_matrix(a.matrix))
    print(n["pass"], n["fail"], n["skip"])


def _sides(a):
    if a.cells:
        rows = read_matrix(a.base)
        (ea, ca), (eb, cb) = (c.split("/", 1) for c in a.cells)
        return (compare.cell_rows(rows, ea, ca, as_cell=f"{ca}|{cb}"),
                compare.cell_rows(rows, eb, cb, as_cell=f"{ca}|{cb}"))
    return read_matrix(a.base), read_matrix(a.series)


def cmd_diff(a):
    base, series = _sides(a)
    out = compare.diff(base, series)
    for d in out:
        print(d.tsv())
    return 1 if any(d.verdict == "WORSE" for d in out) else 0


def cmd_common(a):
    base, series = _sides(a)
    for r in compare.common(base, series):
        print(format_common_row(r))


def cmd_verdicts(a):
    nc = verdicts.parse_not_caught(_lines(a.not_caught)) if a.not_caught else {}
    lines, good = verdicts.verdicts(a.name, read_matrix(a.matrix), a.test, a.expect,
                                    a.kunit.split(), nc)
    for line in lines:
        print(line)
    return 0 if good else 1


def cmd_md_matrix(a):
    for line in markdown.matrix_table(read_matrix(a.matrix)):
        print(line)


def cmd_md_rows(a):
    for line in _lines(a.tsv):
        print(markdown.table_row(line.rstrip("\n").split("\t")))


def cmd_causes(a):
    causes = markdown.Causes(_lines(a.causes))
    for f in markdown.with_causes(_lines(a.common), causes):
        print("\t".join(f))


def main(argv=None):
    p = argparse.ArgumentParser(prog="kvmresults", description=__doc__)
    sub = p.add_subparsers(dest="cmd", required=True)

    def command(name, fn, what, *args):
        """A subcommand: its positional arguments are NAME or (NAME, HELP)."""
        s = sub.add_parser(name, help=what)
        for arg in args:
            arg_name, *help = (arg,) if isinstance(arg, str) else arg
            s.add_argument(arg_name, **({"help": help[0]} if help else {}))
        s.set_defaults(fn=fn)
        return s

    s = command("console", cmd_console, "one boot's console.log -> rows of its tests and kernel-log",
                "log", ("list", "the test list the guest ran"))
    s.add_argument("known", nargs="?", help="file of regexps of the emulator's known WARNINGs")
    s = command("kunit", cmd_kunit, "console.log -> one row per KUnit case", "log")
    s.add_argument("suites", nargs="*", help="suites the kernel was built with")
    command("table", cmd_table, "matrix.tsv -> the table; exit 1 on a failed row", "matrix")
    command("count", cmd_count, "matrix.tsv -> 'passed failed skipped'", "matrix")
    for name, fn, what in (("diff", cmd_diff, "rows that differ; exit 1 on a WORSE one"),
                           ("common", cmd_common, "rows that fail or skip alike on both")):
        s = command(name, fn, what,
                    ("base", "the base's matrix.tsv (or the one matrix, with --cells)"))
        s.add_argument("series", nargs="?")
        s.add_argument("--cells", nargs=2, metavar="EMU/CELL",
                       help="compare these two cells of one matrix instead")
    s = command("verdicts", cmd_verdicts, "a runtime mutant's verdict per cell; exit 1 unless caught",
                "name", "matrix")
    s.add_argument("--test", default="")
    s.add_argument("--expect", default="")
    s.add_argument("--kunit", default="", help="SUITE.CASE words")
    s.add_argument("--not-caught", help='file of "EMU CELL: reason" lines')
    command("md-matrix", cmd_md_matrix, "matrix.tsv -> a Markdown test x cell table", "matrix")
    command("md-rows", cmd_md_rows, "a TSV file -> Markdown table rows", "tsv")
    command("causes", cmd_causes, "common.tsv -> its rows with their cause (config/sweep-causes)",
            ("causes", "config/sweep-causes"), ("common", "the rows of 'common'"))
    a = p.parse_args(argv)
    if a.cmd in ("diff", "common") and not a.cells and not a.series:
        p.error(f"{a.cmd}: give two matrices, or one and --cells")
    return a.fn(a) or 0


if __name__ == "__main__":
    sys.exit(main())
