#!/usr/bin/env bash
# Print a matrix result file as a table, emulator x mode x test, and the
# count. Exit 1 when any row failed.
# Usage: report.sh MATRIX.tsv
#   rows: emulator, cell, status, test, wall s, guest s, reason
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ -r "${1:-}" ] || die "usage: $0 MATRIX.tsv"
awk -F'\t' '
{ printf "%-6s %-12s %-46s %-5s %6s %7s  %s\n", $1, $2, $4, toupper($3), $5 == "" ? "-" : $5 "s", $6 == "" ? "-" : $6 "s", $7 }
$3 == "fail" { f++ } $3 == "pass" { p++ } $3 == "skip" { s++ }
BEGIN { printf "%-6s %-12s %-46s %-5s %6s %7s  %s\n", "emu", "mode", "test", "", "wall", "guest", "note" }
END { printf "matrix: %d passed, %d failed, %d skipped\n", p, f, s; exit f > 0 }' "$1"
