#!/usr/bin/env bash
# Make sure every tool the pipeline needs is here. As root, install what is
# missing with apt-get; otherwise print the command that would and fail.
# Usage: steps/install-deps.sh [all|build|bochs|qemu|docs]
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

# One line per need: "<group> <path or command> <Debian package>".
needs() {
	cat <<'LIST'
build git git
build make make
build gcc gcc
build flex flex
build bison bison
build bc bc
build xz xz-utils
build cpio cpio
build rsync rsync
build perl perl
build /usr/lib/python3/dist-packages/ply python3-ply
build /usr/lib/python3/dist-packages/git python3-git
build python3 python3
build ccache ccache
build /usr/include/gelf.h libelf-dev
build /usr/include/openssl/ssl.h libssl-dev
build /bin/busybox busybox-static
build /bin/bash-static bash-static
build timeout coreutils
build shellcheck shellcheck
bochs curl curl
bochs g++ g++
bochs make make
bochs patch patch
bochs flock util-linux
bochs prlimit util-linux
bochs /usr/share/bochs/BIOS-bochs-latest bochsbios
bochs /usr/share/vgabios/vgabios.bin vgabios
bochs /usr/lib/ISOLINUX/isolinux.bin isolinux
bochs /usr/lib/syslinux/modules/bios/ldlinux.c32 syslinux-common
bochs xorriso xorriso
qemu qemu-system-x86_64 qemu-system-x86
docs sphinx-build python3-sphinx
docs /usr/share/doc/python3-sphinx-rtd-theme python3-sphinx-rtd-theme
LIST
}

have() {
	case $1 in
	/*) [ -e "$1" ] ;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}

want=${1:-all}
missing=()
while read -r group thing pkg; do
	[ "$want" = all ] || [ "$want" = "$group" ] || continue
	if ! have "$thing"; then
		echo "missing: $thing (Debian package $pkg)" >&2
		missing+=("$pkg")
	fi
done < <(needs)

# busybox must be the static one: the initramfs has no libc.
if [ "$want" = all ] || [ "$want" = build ]; then
	if have /bin/busybox &&
	   LC_ALL=C readelf -l /bin/busybox 2>/dev/null | grep -q 'INTERP'; then
		echo "missing: a static /bin/busybox (Debian package busybox-static)" >&2
		missing+=(busybox-static)
	fi
fi

[ ${#missing[@]} -eq 0 ] && exit 0

mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" != 0 ]; then
	die "install the missing packages first: sudo $cmd"
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || die "apt-get update failed"
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
	die "could not install: ${missing[*]}"
