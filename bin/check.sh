#!/usr/bin/env bash
# The test command (make check), and the long run (make long): every check of
# the repository, base by base, then the line "N passed, N failed, N
# skipped". Exit 1 on any failure.
#
# Which stages run for a base, and which cells and tests its matrix and its
# runtime mutants boot, is data: its record in config/bases/ ("check-stages",
# "check-cells", "check-tests" for make check; "long-stages", "cells",
# "tests" for the long run). The bases run in turn, the default one first. A
# stage a base cannot go on without (its tree, kernel or selftests) ends that
# base's stages when it fails; the other bases still run.
#
# Usage: bin/check.sh [check|long] [BASE...]   (default: check, every base)
# Each stage's time goes to $BUILD/runs/<mode>-<time>/stages.tsv, its log to
# logs/<base>/<stage>.log there; the long run also writes a dated report,
# reports/long-<date>.md (steps/long-report.sh).
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=lib/stage.sh
. "$TOP/lib/stage.sh"

mode=${1:-check}
case $mode in
# make check runs each runtime mutant in one cell (the first of its Cells:
# line), the long run in all of them.
check) stages_key=check-stages cells_key=check-cells tests_key=check-tests one_cell=1 ;;
long) stages_key=long-stages cells_key=cells tests_key=tests one_cell="" ;;
*) die "usage: $0 [check|long] [BASE...]" ;;
esac
shift $(($# > 0 ? 1 : 0))
bases=("$@")
if [ ${#bases[@]} = 0 ]; then
	bases=("$(cat "$TOP/config/default-base")")
	for f in "$TOP"/config/bases/*; do
		b=$(basename "$f")
		[ "$b" = "${bases[0]}" ] || bases+=("$b")
	done
fi
for b in "${bases[@]}"; do
	[ -r "$TOP/config/bases/$b" ] || die "unknown base '$b' (no config/bases/$b)"
done

new_run "$mode"
SKIPPED=0
echo "run directory: $RUN"

finish() {
	[ "$mode" != long ] || "$TOP/steps/long-report.sh" "$RUN" || FAILED=$((FAILED + 1))
	finish_run
}

# matrix_stage NAME CELLS TESTS: the matrix as a stage whose every row
# counts (boot, mode, each KUnit case, each test, kernel log).
matrix_stage() {
	local name=$1 out=$RUN/$BASE/matrix t=$SECONDS p s f
	banner "$name"
	mkdir -p "$RUN/logs/$BASE"
	"$TOP/steps/run-matrix.sh" -o "$out" -c "$2" -t "$3" | tee "$RUN/logs/$name.log" || true
	if [ ! -s "$out/matrix.tsv" ]; then
		echo "    FAILED: the matrix produced no results"
		FAILED=$((FAILED + 1))
		printf '%s\tfail\t%d\n' "$name" "$((SECONDS - t))" >>"$RUN/stages.tsv"
		return 1
	fi
	read -r p f s < <(results count "$out/matrix.tsv")
	PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
	printf '%s\t%s\t%d\n' "$name" "$([ "$f" = 0 ] && echo pass || echo fail)" "$((SECONDS - t))" >>"$RUN/stages.tsv"
}

# The steps a base cannot go on without: a failed one ends its stages, and
# the bases after the first run them ahead.
base_steps=(apply-series build-kernel build-selftests)

# run_stage STAGE: one stage of the current base, the script of its name:
# stages/STAGE.sh (a check), or steps/STAGE.sh (a step of the pipeline that
# is checked too: apply, build). Returns 2 when the base cannot go on.
run_stage() {
	local st=$1 name=$BASE/$1 cells tests script rc=0 args=()
	cells=$(base_field "$cells_key" | tr ' ' ',') tests=$TOP/config/$(base_field "$tests_key")
	case $st in
	matrix) matrix_stage "$name" "$cells" "$tests"; return 0 ;;
	code-cost) args=(-m) ;;
	runtime-mutants) args=(-o "$RUN/$BASE/runtime-mutants" -c "$cells" -t "$tests" ${one_cell:+-1}) ;;
	esac
	script=$TOP/stages/$st.sh
	[ -x "$script" ] || script=$TOP/steps/$st.sh
	[ -x "$script" ] ||
		die "config/bases/$BASE: unknown stage '$st' in $stages_key (no stages/$st.sh nor steps/$st.sh)"
	stage "$name" "$script" "${args[@]}" || rc=$?
	# The stages whose log is a line per guard show it.
	case $st in
	build-mutants|code-cost|spte-doc|test-lists|runtime-mutants) indent <"$RUN/logs/$name.log" ;;
	esac
	if [[ " ${base_steps[*]} " == *" $st "* ]] && [ $rc != 0 ]; then
		return 2
	fi
	return 0
}

# First, in seconds: the layer that turns logs into rows and verdicts,
# on saved logs, and its mutants.
stage results-layer "$TOP/stages/results-layer.sh" || true
stage install-deps "$TOP/steps/install-deps.sh" || finish
# The bases after the first get their tree, kernel and selftests built
# ahead, in the background at nice 19, while the first base runs: in the
# cycles its stages leave idle (make's serial phases, single-threaded
# tools, one emulator at a time). Nice 19 does not keep them out of the
# way: in a cold run on 2026-12-07 the 7.3 stages they overlapped took a
# fifth longer (kernel 578 -> 696 s, matrix 449 -> 567 s), the 6.12 stages
# 667 s less, the run 364 s less (3529 -> 3165 s). Their stages run later,
# as they would without this, and find that work done; a build that failed
# here fails there.
declare -A prebuild
trap 'for p in "${prebuild[@]}"; do kill -- -"$p" 2>/dev/null || true; done' EXIT
for b in "${bases[@]:1}"; do
	mkdir -p "$RUN/logs/$b"
	# A process group of its own (set -m), so that the trap stops its makes
	# too; not a session of its own (setsid): with the scheduler's
	# autogroups a new session competes as an equal of this one whatever
	# its nice value, which doubled the Bochs build's time beside it.
	set -m
	# shellcheck disable=SC2016 # the inner shell's arguments
	BASE=$b nice -n 19 bash -c 'top=$1; shift; for s; do "$top/steps/$s.sh" || exit; done' \
		prebuild "$TOP" "${base_steps[@]}" >"$RUN/logs/$b/prebuild.log" 2>&1 &
	prebuild[$b]=$!
	set +m
done
stage build-bochs "$TOP/steps/build-bochs.sh" || true
stage shellcheck "$TOP/stages/shellcheck.sh" || true
for BASE in "${bases[@]}"; do
	# lib/common.sh again, for this base's paths.
	# shellcheck source=lib/common.sh
	export BASE && . "$TOP/lib/common.sh"
	banner "base $BASE ($(base_field name), $(base_field package) $(base_field version))"
	if [ -n "${prebuild[$BASE]:-}" ]; then
		t=$SECONDS rc=0
		wait "${prebuild[$BASE]}" || rc=$?
		unset "prebuild[$BASE]"
		echo "    built ahead: $([ $rc = 0 ] && echo "done" || echo "failed (exit $rc)"), waited $((SECONDS - t)) s; log: $RUN/logs/$BASE/prebuild.log"
	fi
	read -ra stages <<<"$(base_field "$stages_key")"
	[ ${#stages[@]} -gt 0 ] || die "config/bases/$BASE has no $stages_key"
	for st in "${stages[@]}"; do
		rc=0
		run_stage "$st" || rc=$?
		if [ $rc = 2 ]; then
			echo "    base $BASE: the stages after $st do not run"
			break
		fi
	done
done
finish
