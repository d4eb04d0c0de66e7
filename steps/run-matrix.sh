#!/usr/bin/env bash
# Run the base's cells of config/matrix ("cells" in config/bases/$BASE; or
# those of the emulators named), JOBS cells at a time (default: one per CPU;
# each emulator is single-threaded), and print the table. Cells start in the
# order of the cell list, so that a list can put its longest cells first.
# Results go to RUNDIR (default $BDIR/runs/matrix), rows of all cells in
# RUNDIR/matrix.tsv, in matrix order.
# Usage: steps/run-matrix.sh [-o RUNDIR] [-t TESTLIST] [-c EMU/CELL,...] [EMULATOR...]
#   -t: the test list (default: the base's "tests", a file of config/)
#   -c: these cells instead (e.g. qemu/npt-tdp-mmu,bochs/ept-mbec)
#   An emulator with no test in TESTLIST is left out, unless TESTLIST has
#   no test at all: then every cell boots and runs only the KUnit suites.
#   env KERNEL: the bzImage to boot (default: the test kernel's), KCONFIG:
#   its .config (see steps/run-cell.sh)
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

run=$BDIR/runs/matrix tests=$TOP/config/$(base_field tests) only=",$(base_field cells | tr ' ' ','),"
while getopts o:t:c: opt; do
	case $opt in
	o) run=$OPTARG ;;
	t) tests=$OPTARG ;;
	c) only=",$OPTARG," ;;
	*) die "usage: $0 [-o RUNDIR] [-t TESTLIST] [-c EMU/CELL,...] [EMULATOR...]" ;;
	esac
done
shift $((OPTIND - 1))
jobs=${JOBS:-$(nproc)}

rm -rf "$run"
mkdir -p "$run"
cells=()
while read -r emu cell _; do
	case $emu in ''|'#'*) continue ;; esac
	if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$emu"; then continue; fi
	if [ -n "$only" ] && [[ $only != *",$emu/$cell,"* ]]; then continue; fi
	"$TOP/steps/emulator-initramfs.sh" "$emu" "$tests" "$run"
	[ -s "$run/$emu-initrd.gz" ] || continue	# no test for this emulator
	cells+=("$emu $cell")
done <"$TOP/config/matrix"
[ ${#cells[@]} -gt 0 ] || die "no cell to run${*:+ for: $*}"
# Every cell asked for must be in config/matrix.
order=()
declare -A started=()
for c in ${only//,/ }; do
	matrix_cell "$c" >/dev/null || die "no cell '$c' in config/matrix"
	for k in "${cells[@]}"; do
		[ "$k" != "${c/\// }" ] || [ -n "${started[$k]:-}" ] || { order+=("$k"); started[$k]=1; }
	done
done

# Wait for one cell to end and say how it went.
declare -A running=()
reap() {
	local pid c
	wait -n -p pid || true
	c=${running[$pid]}
	unset "running[$pid]"
	echo "    done: $c: $(cut -f1 "$run/${c/ /-}/results.tsv" 2>/dev/null | sort | uniq -c | xargs)"
}
for c in "${order[@]}"; do
	while [ ${#running[@]} -ge "$jobs" ]; do reap; done
	banner "cell $c"
	read -r emu cell <<<"$c"
	"$TOP/steps/run-cell.sh" "$emu" "$cell" "$run" "$tests" >"$run/$emu-$cell.log" 2>&1 &
	running[$!]=$c
done
while [ ${#running[@]} -gt 0 ]; do reap; done

: >"$run/matrix.tsv"
for c in "${cells[@]}"; do
	read -r emu cell <<<"$c"
	sed "s/^/$emu\t$cell\t/" "$run/$emu-$cell/results.tsv" >>"$run/matrix.tsv"
done
banner "logs: $run/<emulator>-<mode>/console.log"
results table "$run/matrix.tsv"
