# shellcheck shell=bash
# Stage bookkeeping for bin/run.sh, bin/check.sh and bin/quick.sh: run a
# named stage, time it, log its output to a file, record it in
# $RUN/stages.tsv and count it; end the run with its counts.
# Needs $RUN (the run's directory). Sourced after lib/common.sh.

PASSED=0 FAILED=0

# stage NAME CMD...: run CMD, output to $RUN/logs/NAME.log (NAME may be
# BASE/STAGE).
stage() {
	local name=$1 t=$SECONDS rc=0
	shift
	mkdir -p "$(dirname "$RUN/logs/$name.log")"
	banner "$name"
	"$@" >"$RUN/logs/$name.log" 2>&1 || rc=$?
	local dt=$((SECONDS - t))
	if [ $rc = 0 ]; then
		PASSED=$((PASSED + 1))
		printf '%s\tpass\t%d\n' "$name" "$dt" >>"$RUN/stages.tsv"
		echo "    ok ($dt s)"
	else
		FAILED=$((FAILED + 1))
		printf '%s\tfail\t%d\n' "$name" "$dt" >>"$RUN/stages.tsv"
		echo "    FAILED ($dt s, exit $rc); log: $RUN/logs/$name.log"
		tail -n 15 "$RUN/logs/$name.log" | sed 's/^/    | /'
	fi
	return $rc
}

# A fresh run directory under $BUILD/runs, and a "latest" link to it.
new_run() {
	RUN=$(run_dir "$1")
	mkdir -p "$RUN"
	ln -sfn "$(basename "$RUN")" "$BUILD/runs/$1-latest"
	printf 'stage\tstatus\tseconds\n' >"$RUN/stages.tsv"
	export RUN
}

# finish_run: end the run with "N passed, N failed" (", N skipped" too if
# the caller counts SKIPPED), exiting non-zero if a stage failed.
finish_run() {
	banner "stage times: $RUN/stages.tsv"
	echo "$PASSED passed, $FAILED failed${SKIPPED:+, $SKIPPED skipped}"
	[ "$FAILED" = 0 ]
	exit
}
