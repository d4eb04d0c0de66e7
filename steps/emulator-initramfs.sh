#!/usr/bin/env bash
# The share of a test list that one emulator runs, and its initramfs:
# RUNDIR/EMULATOR.list and RUNDIR/EMULATOR-initrd.gz (kept if present).
# Usage: steps/emulator-initramfs.sh EMULATOR TESTLIST RUNDIR
#   TESTLIST: lines "<test> <emulators> <guest timeout s> [args...]" as in
#   config/mmu-tests; emulators is all, or one emulator's name. No initramfs
#   when the list has tests but none for EMULATOR; a list with no test at
#   all gives a boot-only initramfs (the KUnit suites run).
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

[ $# = 3 ] || die "usage: $0 EMULATOR TESTLIST RUNDIR"
emu=$1 tests=$2 run=$3
[ -r "$tests" ] || die "no test list $tests"
list=$run/$emu.list initrd=$run/$emu-initrd.gz
[ -s "$initrd" ] && exit 0
mkdir -p "$run"
awk -v e="$emu" '!/^#/ && NF >= 3 && ($2 == "all" || $2 == e) {
	printf "%s %s", $1, $3; for (i = 4; i <= NF; i++) printf " %s", $i; print "" }' \
	"$tests" >"$list"
if [ ! -s "$list" ]; then
	# No test for this emulator: no initramfs (steps/run-matrix.sh leaves its
	# cells out), unless the list has no test at all: a boot-only run.
	grep -q -v -e '^#' -e '^[[:space:]]*$' "$tests" && exit 0
	export BOOT_ONLY=1
fi
"$TOP/steps/make-initramfs.sh" "$initrd" "$list" >/dev/null
