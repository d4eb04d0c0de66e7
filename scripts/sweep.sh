#!/usr/bin/env bash
# The selftest sweep: every KVM selftest built for x86_64 (all of
# $BUILD/selftests, from the series tree), on the unpatched base kernel and
# on the series, in each emulator's default MMU mode, compared row by row
# (scripts/compare-base.sh). Too long for make check; its report is kept
# in reports/ with the date and the base version.
# Usage: sweep.sh [-o RUNDIR] [-r REPORT] [EMULATOR...]   (default: qemu bochs)
#   env SWEEP_NOTE: see sweep-report.sh
#   env SWEEP_TIMEOUT_<EMULATOR>: guest timeout per test in seconds (default:
#   qemu 120, bochs 20; Bochs' guest clock is virtual and runs far slower
#   than the wall clock)
# Writes RUNDIR (default $BUILD/runs/sweep-<time>) and REPORT (default
# reports/sweep-<date>.md).
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

run=$BUILD/runs/sweep-$(date -u +%Y%m%dT%H%M%SZ) report=""
while getopts o:r: opt; do
	case $opt in
	o) run=$OPTARG ;;
	r) report=$OPTARG ;;
	*) die "usage: $0 [-o RUNDIR] [-r REPORT] [EMULATOR...]" ;;
	esac
done
shift $((OPTIND - 1))
emus=("$@")
[ ${#emus[@]} -gt 0 ] || emus=(qemu bochs)
report=${report:-$TOP/reports/sweep-$(date -u +%Y-%m-%d).md}
sel=${SELFTESTS:-$BUILD/selftests}
[ -d "$sel/x86_64" ] || die "no selftests in $sel (run scripts/build-selftests.sh)"
mkdir -p "$run" "$(dirname "$report")"

# Every test binary, one line per emulator asked for.
cells=() list=$run/tests
: >"$list"
for e in "${emus[@]}"; do
	cell=$(default_cell "$e")
	cells+=("$cell")
	case $e in
	qemu) tmo=${SWEEP_TIMEOUT_qemu:-120} ;;
	bochs) tmo=${SWEEP_TIMEOUT_bochs:-20} ;;
	esac
	(cd "$sel" && find . -maxdepth 2 -type f -perm -u+x ! -name '*.sh' | sed 's|^\./||' | LC_ALL=C sort) |
		awk -v e="$e" -v t="$tmo" '{ print $1, e, t }' >>"$list"
done
echo "$(wc -l <"$list") test runs: $(cut -d' ' -f1 "$list" | sort -u | wc -l) tests x ${#emus[@]} emulators"

# One boot runs every test: lift the host budget of the whole run.
cstr=$(IFS=,; echo "${cells[*]}")
RUN_TIMEOUT=${RUN_TIMEOUT:-43200} "$TOP/scripts/compare-base.sh" -o "$run" -t "$list" -c "$cstr" \
	"${emus[@]}" >"$run/compare.log" 2>&1 && rc=0 || rc=$?
cat "$run/compare.log"

"$TOP/scripts/sweep-report.sh" "$run" >"$report"
echo "report: $report"
exit "$rc"
