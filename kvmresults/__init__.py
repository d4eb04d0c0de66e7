"""Text to rows to verdicts to reports, for the KVM MMU series' harness.

Every result the harness keeps is a row of tab-separated fields, whose schema
lives in rows.py.  The modules, one job each:

  console   the serial console of one boot (guest/init's KTAP) -> test rows
  ktap      the KUnit KTAP in the kernel log -> one row per KUnit case
  compare   two matrices (base and series, or two cells) -> the rows that differ
  verdicts  a runtime mutant's header and its matrix -> caught / SURVIVED
  table     a matrix -> the table make run prints

The command line (python3 -m kvmresults) is in __main__.py; the tests replay
saved logs from tests/data/ (python3 -m unittest discover kvmresults/tests).
"""
