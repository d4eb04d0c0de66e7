#!/usr/bin/env bash
# Run every cell of config/matrix (or those of the emulators named) and
# print the table. Results go to RUNDIR (default $BUILD/runs/matrix).
# Usage: run-matrix.sh [-o RUNDIR] [-t TESTLIST] [EMULATOR...]
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

run=$BUILD/runs/matrix tests=$TOP/config/mmu-tests
while getopts o:t: opt; do
	case $opt in
	o) run=$OPTARG ;;
	t) tests=$OPTARG ;;
	*) die "usage: $0 [-o RUNDIR] [-t TESTLIST] [EMULATOR...]" ;;
	esac
done
shift $((OPTIND - 1))

rm -rf "$run"
mkdir -p "$run"
: >"$run/matrix.tsv"
while read -r emu cell _; do
	case $emu in ''|'#'*) continue ;; esac
	if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$emu"; then continue; fi
	banner "cell $emu $cell"
	"$TOP/scripts/run-cell.sh" "$emu" "$cell" "$run" "$tests" || true
	sed "s/^/$emu\t$cell\t/" "$run/$emu-$cell/results.tsv" >>"$run/matrix.tsv"
	echo "    $(cut -f1 "$run/$emu-$cell/results.tsv" | sort | uniq -c | xargs), log: $run/$emu-$cell/console.log"
done <"$TOP/config/matrix"

"$TOP/scripts/report.sh" "$run/matrix.tsv"
