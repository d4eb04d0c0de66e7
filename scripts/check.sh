#!/usr/bin/env bash
# The test command: every check of the repository, then the line
# "N passed, N failed". Exit 1 on any failure. Each stage's time goes to
# $BUILD/runs/check-<time>/stages.tsv.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/stage.sh
. "$TOP/scripts/stage.sh"

new_run check
SKIPPED=0
echo "run directory: $RUN"

finish() {
	banner "stage times: $RUN/stages.tsv"
	echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
	[ "$FAILED" = 0 ]
	exit
}

stage install-deps "$TOP/scripts/install-deps.sh" || finish
stage shellcheck "$TOP/scripts/check-shell.sh" || true
stage bad-input-series "$TOP/scripts/check-bad-input.sh" series || true
stage apply-series "$TOP/scripts/apply-series.sh" || finish
stage series-roundtrip "$TOP/scripts/check-roundtrip.sh" || true
stage checkpatch "$TOP/scripts/check-checkpatch.sh" || true
stage build-kernel "$TOP/scripts/build-kernel.sh" || finish
stage build-each-patch "$TOP/scripts/check-each-patch.sh" || true
stage build-mutants "$TOP/scripts/check-build-mutants.sh" || true
indent <"$RUN/logs/build-mutants.log"
stage code-cost "$TOP/scripts/check-code-cost.sh" -m || true
indent <"$RUN/logs/code-cost.log"
stage spte-doc "$TOP/scripts/check-spte-doc.sh" || true
indent <"$RUN/logs/spte-doc.log"
stage build-selftests "$TOP/scripts/build-selftests.sh" || finish
stage bad-input-boot "$TOP/scripts/check-bad-input.sh" boot || true

# The MMU matrix: every row (boot, mode, each test, kernel log) counts.
t=$SECONDS
banner "matrix"
"$TOP/scripts/run-matrix.sh" -o "$RUN/matrix" | tee "$RUN/logs/matrix.log" || true
if [ ! -s "$RUN/matrix/matrix.tsv" ]; then
	echo "    FAILED: the matrix produced no results"
	FAILED=$((FAILED + 1))
	printf 'matrix\tfail\t%d\n' "$((SECONDS - t))" >>"$RUN/stages.tsv"
	finish
fi
p=$(grep -c $'\tpass\t' "$RUN/matrix/matrix.tsv" || true)
s=$(grep -c $'\tskip\t' "$RUN/matrix/matrix.tsv" || true)
f=$(grep -c $'\tfail\t' "$RUN/matrix/matrix.tsv" || true)
PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
printf 'matrix\t%s\t%d\n' "$([ "$f" = 0 ] && echo pass || echo fail)" "$((SECONDS - t))" >>"$RUN/stages.tsv"
stage runtime-mutants "$TOP/scripts/check-runtime-mutants.sh" -o "$RUN/runtime-mutants" || true
indent <"$RUN/logs/runtime-mutants.log"
finish
