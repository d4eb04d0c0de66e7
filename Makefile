# Entry points; the work is done by the scripts in scripts/.
#   make run     the main job: build, boot both emulators, MMU matrix table
#   make check   the test command: every check, ending "N passed, N failed"
#   make long    every check of every base, the full matrix, a dated report
#   make compare-base   the matrix on the unpatched base and on the series
# BASE=name picks the base (config/bases/; default config/default-base) for
# all but check and long, which run every base. Set FLAVOUR=debug for the
# lockdep/DEBUG_VM/KVM_PROVE_MMU kernel, and BUILD=dir to build elsewhere
# than ./build.

.PHONY: run check long deps base series export-series post-series kernel selftests matrix compare-base clean

run:
	@scripts/main-job.sh

check:
	@scripts/check.sh check

long:
	@scripts/check.sh long

deps:
	@scripts/install-deps.sh

base:
	@scripts/make-base-tree.sh

series:
	@scripts/apply-series.sh

export-series:
	@scripts/export-series.sh

# The series with the poster's identity (POSTER="Name <email>", or git's
# user.name and user.email), for git send-email or b4: make post-series OUT=dir
post-series:
	@scripts/export-series.sh --post $(or $(OUT),$(error set OUT=dir))

kernel: series
	@scripts/build-kernel.sh

selftests: kernel
	@scripts/build-selftests.sh

matrix:
	@scripts/run-matrix.sh

compare-base:
	@scripts/compare-base.sh

clean:
	rm -rf build
