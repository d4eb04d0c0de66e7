# Entry points; the work is done by bin/ (what people run), steps/ (the
# pipeline) and stages/ (the checks of make check, one per stage name).
#   make run     the main job: build, boot both emulators, MMU matrix table
#   make check   the test command: every check, ending "N passed, N failed"
#   make long    every check of every base, the full matrix, a dated report
#   make compare-base   the matrix on the unpatched base and on the series
# BASE=name picks the base (config/bases/; default config/default-base) for
# all but check and long, which run every base. Set FLAVOUR=debug for the
# lockdep/DEBUG_VM/KVM_PROVE_MMU kernel, and BUILD=dir to build elsewhere
# than ./build.

.PHONY: run check long quick deps base series export-series post-series kernel selftests matrix compare-base clean

run:
	@bin/run.sh

check:
	@bin/check.sh check

long:
	@bin/check.sh long

# The fast loop after changing one patch in build/<base>/linux (REV=commit,
# default HEAD): its builds, the guards of its files, the tests it touches.
quick:
	@bin/quick.sh $(REV)

deps:
	@steps/install-deps.sh

base:
	@steps/make-base-tree.sh

series:
	@steps/apply-series.sh

export-series:
	@steps/export-series.sh

# The series with the poster's identity (POSTER="Name <email>", or git's
# user.name and user.email), for git send-email or b4: make post-series OUT=dir
post-series:
	@steps/export-series.sh --post $(or $(OUT),$(error set OUT=dir))

kernel: series
	@steps/build-kernel.sh

selftests: kernel
	@steps/build-selftests.sh

matrix:
	@steps/run-matrix.sh

compare-base:
	@bin/compare-base.sh

clean:
	rm -rf build
