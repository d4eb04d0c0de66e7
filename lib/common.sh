# shellcheck shell=bash
# Common settings and helpers, sourced by every script of bin/, steps/ and
# stages/.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
# Downloads and builds that outlive a clone (base tarballs, Bochs): keyed by
# what they were made from, shared by every clone on the machine.
CACHE=${KVM_SERIES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kvm-mmu-series}

# The base: a record of config/bases/ (BASE=name; default config/default-base),
# or BASE=path of a record file elsewhere (the bad-input checks).
BASE=${BASE:-$(cat "$TOP/config/default-base")}
case $BASE in
*/*) BASE_RECORD=$BASE BASE=$(basename "$BASE") ;;
*) BASE_RECORD=$TOP/config/bases/$BASE ;;
esac
if [ ! -r "$BASE_RECORD" ]; then
	echo "error: unknown base '$BASE' (no $BASE_RECORD; known: $(cd "$TOP/config/bases" && echo *))" >&2
	exit 1
fi

# base_field KEY [RECORD]: the value of KEY in the base's record (empty if
# absent).
base_field() {
	awk -v k="$1" '$1 == k { sub(/^[^ \t]+[ \t]+/, ""); print; exit }' "${2:-$BASE_RECORD}"
}

# SELFTESTS and SERIES may be set by the caller; not those of another base
# inherited from a parent script.
if [ -n "${LIB_BASE:-}" ] && [ "$LIB_BASE" != "$BASE" ]; then
	unset SELFTESTS SERIES PROOF
fi
LIB_BASE=$BASE

BDIR=$BUILD/$BASE                # everything built for this base
SRC=$BDIR/linux                  # git tree: base commit + series
KOUT=$BDIR/kernel${FLAVOUR:+-$FLAVOUR}   # out-of-tree kernel build
SELFTESTS=${SELFTESTS:-$BDIR/selftests}  # the KVM selftests, built
SERIES=${SERIES:-$TOP/$(base_field series)}    # the patches and cover letter
# The proof stack: patches of the project's own (tests and asserts upstream
# would not take) that the harness applies on top of the series; none if the
# base names no "proof" directory.
PROOF=${PROOF-$(p=$(base_field proof); [ -z "$p" ] || echo "$TOP/$p")}
MUTANTS=$TOP/$(base_field mutants)
BASE_TAG=base-$BASE
BRANCH=series          # base + series/: what is posted
PROOF_BRANCH=proof     # $BRANCH + the proof stack: what is built and tested

export TOP BUILD CACHE BASE LIB_BASE BDIR SRC KOUT SELFTESTS SERIES PROOF MUTANTS BASE_TAG BRANCH PROOF_BRANCH

die() {
	echo "error: $*" >&2
	exit 1
}

# Stage banner with elapsed seconds since the script (or $T0) started.
T0=${T0:-$SECONDS}
banner() {
	printf '==> [%4ds] %s\n' "$((SECONDS - T0))" "$*"
}

# Git with the series identity (config/series-identity) and a fixed
# committer date, so that the base commit and the applied series get the
# same hashes on every machine and the round trip is stable.
git_series() {
	local name email
	name=$(sed -n 's/^name=//p' "$TOP/config/series-identity")
	email=$(sed -n 's/^email=//p' "$TOP/config/series-identity")
	GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-$name} GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-$email} \
	GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email \
	GIT_AUTHOR_DATE=${GIT_AUTHOR_DATE:-2000-01-01T00:00:00Z} \
	GIT_COMMITTER_DATE=${GIT_COMMITTER_DATE:-2000-01-01T00:00:00Z} \
		git -c user.name="$name" -c user.email="$email" -c core.abbrev=12 -C "$SRC" "$@"
}

# emulators: the emulators, one per settings file of emulators/.
emulators() {
	local f
	for f in "$TOP"/emulators/*.sh; do basename "$f" .sh; done
}

# emu_setting EMULATOR NAME: the value of the setting NAME (EMU_...) in
# emulators/EMULATOR.sh.
emu_setting() {
	[ -r "$TOP/emulators/$1.sh" ] || die "unknown emulator '$1' ($(emulators | xargs))"
	# shellcheck disable=SC2016 # expanded by the inner shell
	bash -c '. "$1" && echo "${!2}"' _ "$TOP/emulators/$1.sh" "$2"
}

# matrix_cell EMULATOR/CELL: the cell's line of config/matrix (emulator,
# cell, kernel arguments, what the guest must show); fails if it has none.
matrix_cell() {
	awk -v e="${1%%/*}" -v c="${1#*/}" '$1 == e && $2 == c { print; f = 1 } END { exit !f }' \
		"$TOP/config/matrix"
}

# run_dir KIND: a new run directory's path, $BUILD/runs/KIND-<UTC time>.
run_dir() {
	echo "$BUILD/runs/$1-$(date -u +%Y%m%dT%H%M%SZ)"
}

# host_cc: the C compiler of every build here, through ccache when present.
host_cc() {
	if command -v ccache >/dev/null; then echo "ccache gcc"; else echo gcc; fi
}

# kmake TREE OUT ARGS...: make in the kernel tree TREE with objects in OUT,
# with the settings of every kernel build here: ccache when present, all
# CPUs, and a fixed build user, host, time and number, so that a rebuild of
# the same sources gives the same kernel. ccache's base directory is $BUILD:
# ccache passes the paths under it to gcc relative to the objects'
# directory, so that a clone elsewhere (CI's) and a second tree laid out
# alike (lib/patch-tree.sh) find what this one compiled (a cold patch-tree build
# of the 7.3 test kernel: 58 s instead of about 400). __FILE__ would then
# begin with that relative path (../linux/) where the kernel's own prefix
# map strips the absolute one: a second map strips it too. (ccache also
# folds "dir/../" in it: virt/kvm/kvm_main.c, not
# arch/x86/kvm/../../../virt/kvm/kvm_main.c. The test kernels have no debug
# info, whose paths would still differ.) Not ccache's depend mode
# (CCACHE_DEPEND), although a cold build took 418 s with it against 545 s:
# it handed out objects compiled from other sources, so that runtime mutant
# kernels built from different diffs came out byte-identical to each other
# (2026-12-07); stages/runtime-mutants.sh now checks for that. Nor
# CCACHE_NOCPP2, which compiles the preprocessor's output instead of
# running it twice: a miss took 5% less CPU, but gcc made different code
# of arch/x86/kvm/x86.c and hyperv.c from it than from the sources.
kmake() {
	local tree=$1 out=$2 cc map
	shift 2
	cc=$(host_cc)
	mkdir -p "$out"
	map=-fmacro-prefix-map=$(realpath --relative-to="$out" "$tree")/=
	CCACHE_BASEDIR=$(cd "$BUILD" && pwd) \
	make -C "$tree" O="$out" ARCH=x86_64 CC="$cc" HOSTCC="$cc" -j"$(nproc)" \
		KCFLAGS="$map" KAFLAGS="$map" \
		KBUILD_BUILD_USER=kvm KBUILD_BUILD_HOST=test KBUILD_BUILD_TIMESTAMP=2000-01-01 \
		KBUILD_BUILD_VERSION=1 "$@"
}

# default_cell EMULATOR: "EMULATOR/CELL" of the emulator's default MMU mode,
# its first cell in the base's "cells".
default_cell() {
	local c
	c=$(base_field cells | tr ' ' '\n' | grep -m1 "^$1/" || true)
	[ -n "$c" ] || die "no cell of emulator '$1' in the cells of base $BASE"
	echo "$c"
}

# The patches of a directory (default: the series), in order, without the
# cover letter.
series_patches() {
	find "${1:-$SERIES}" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
		! -name '0000-cover-letter.patch' | LC_ALL=C sort
}

# The proof stack's patches, in order (none without a proof stack).
proof_patches() {
	[ -z "$PROOF" ] || series_patches "$PROOF"
}

# results COMMAND ARGS...: the layer that turns logs into rows, verdicts and
# reports (kvmresults/, Python 3; python3 -m kvmresults --help).
results() {
	PYTHONPATH=$TOP${PYTHONPATH:+:$PYTHONPATH} python3 -m kvmresults "$@"
}

# Indent standard input, for quoting tool output under a message.
indent() {
	sed 's/^/  /'
}

# selftest_path TEST: the path of TEST under tools/testing/selftests/kvm in
# this base. Test lists name the x86 tests x86/TEST; some bases keep them in
# another directory (the base's "selftests-x86").
selftest_path() {
	local d
	d=$(base_field selftests-x86)
	case $1 in
	x86/*) echo "${d:-x86}/${1#x86/}" ;;
	*) echo "$1" ;;
	esac
}
