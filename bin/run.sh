#!/usr/bin/env bash
# The main job, for one base (BASE, default config/default-base): build
# what is stale (Bochs, base tree + series, test kernel, selftests), boot
# both emulators in every MMU mode of the base's cells, run the MMU tests
# (its "tests") and print the table. Exit 1 when anything failed.
# Usage: bin/run.sh [EMULATOR...]   (default: the emulators of every cell)
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=lib/stage.sh
. "$TOP/lib/stage.sh"

new_run main
echo "run directory: $RUN (base $BASE: $(base_field name))"
stage install-deps "$TOP/steps/install-deps.sh" || exit 1
stage build-bochs "$TOP/steps/build-bochs.sh" || exit 1
stage apply-series "$TOP/steps/apply-series.sh" || exit 1
stage build-kernel "$TOP/steps/build-kernel.sh" || exit 1
stage build-selftests "$TOP/steps/build-selftests.sh" || exit 1
rc=0 t=$SECONDS
banner "matrix"
"$TOP/steps/run-matrix.sh" -o "$RUN/matrix" "$@" | tee "$RUN/logs/matrix.log" || rc=1
printf 'matrix\t%s\t%d\n' "$([ $rc = 0 ] && echo pass || echo fail)" "$((SECONDS - t))" >>"$RUN/stages.tsv"
banner "done; stage times: $RUN/stages.tsv"
exit $rc
