#!/usr/bin/env bash
# The main job, for one base (BASE, default config/default-base): build
# what is stale (Bochs, base tree + series, test kernel, selftests), boot
# both emulators in every MMU mode of the base's cells, run the MMU tests
# (its "tests") and print the table. Exit 1 when anything failed.
# Usage: main-job.sh [EMULATOR...]   (default: the emulators of every cell)
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/stage.sh
. "$TOP/scripts/stage.sh"

new_run main
echo "run directory: $RUN (base $BASE: $(base_field name))"
stage install-deps "$TOP/scripts/install-deps.sh" || exit 1
stage build-bochs "$TOP/scripts/build-bochs.sh" || exit 1
stage apply-series "$TOP/scripts/apply-series.sh" || exit 1
stage build-kernel "$TOP/scripts/build-kernel.sh" || exit 1
stage build-selftests "$TOP/scripts/build-selftests.sh" || exit 1
rc=0 t=$SECONDS
banner "matrix"
"$TOP/scripts/run-matrix.sh" -o "$RUN/matrix" "$@" | tee "$RUN/logs/matrix.log" || rc=1
printf 'matrix\t%s\t%d\n' "$([ $rc = 0 ] && echo pass || echo fail)" "$((SECONDS - t))" >>"$RUN/stages.tsv"
banner "done; stage times: $RUN/stages.tsv"
exit $rc
