# shellcheck shell=bash
# Common settings and helpers, sourced by every script in scripts/.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
SRC=$BUILD/linux                 # git tree: base commit + series
KOUT=$BUILD/kernel${FLAVOUR:+-$FLAVOUR}   # out-of-tree kernel build
TARBALL=${TARBALL:-/usr/src/linux-source-6.12.tar.xz}
SERIES=${SERIES:-$TOP/series}    # the patches and cover letter
BASE_TAG=base-6.12
BRANCH=series

export TOP BUILD SRC KOUT TARBALL SERIES BASE_TAG BRANCH

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

# kmake TREE OUT ARGS...: make in the kernel tree TREE with objects in OUT,
# with the settings of every kernel build here: ccache when present, all
# CPUs, and a fixed build user, host and time, so that a rebuild of the same
# sources gives the same objects.
kmake() {
	local tree=$1 out=$2 cc=gcc
	shift 2
	command -v ccache >/dev/null && cc="ccache gcc"
	make -C "$tree" O="$out" ARCH=x86_64 CC="$cc" HOSTCC="$cc" -j"$(nproc)" \
		KBUILD_BUILD_USER=kvm KBUILD_BUILD_HOST=test KBUILD_BUILD_TIMESTAMP=2000-01-01 "$@"
}

# default_cell EMULATOR: "EMULATOR/CELL" of the emulator's default MMU mode,
# its first cell in config/matrix.
default_cell() {
	local c
	c=$(awk -v e="$1" '$1 == e { print $1 "/" $2; exit }' "$TOP/config/matrix")
	[ -n "$c" ] || die "unknown emulator '$1' (not in config/matrix)"
	echo "$c"
}

# The series' patches, in order, without the cover letter.
series_patches() {
	find "$SERIES" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
		! -name '0000-cover-letter.patch' | LC_ALL=C sort
}

# Indent standard input, for quoting tool output under a message.
indent() {
	sed 's/^/  /'
}
