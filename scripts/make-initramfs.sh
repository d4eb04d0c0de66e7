#!/usr/bin/env bash
# Make a gzip'd initramfs of busybox-static, guest/init and the given
# selftests, and the test list guest/init runs.
# Usage: make-initramfs.sh OUTPUT LIST
#   LIST: lines "<test> <guest timeout s> [args...]", tests as test lists
#   name them (e.g. x86/smm_test), built in $SELFTESTS.
#   env BOOT_ONLY=1: LIST may name no test (the guest then only boots).
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# = 2 ] || die "usage: $0 OUTPUT LIST"
out=$1 list=$2
[ -r "$list" ] || die "no test list $list"
bb=/bin/busybox
[ -x "$bb" ] || die "no $bb (Debian package busybox-static)"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,tests,etc}
cp "$bb" "$root/bin/busybox"
for applet in $("$bb" --list); do
	[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
cp "$TOP/guest/init" "$root/init"
chmod +x "$root/init"

: >"$root/tests.list"
while read -r name tmo args; do
	case $name in ''|'#'*) continue ;; esac
	bin=$SELFTESTS/$(selftest_path "$name")
	[ -x "$bin" ] || die "test $name not built ($bin)"
	[[ $tmo =~ ^[0-9]+$ ]] || die "$list: bad timeout '$tmo' for $name"
	mkdir -p "$root/tests/$(dirname "$name")"
	cp "$bin" "$root/tests/$name"
	echo "$name $tmo $args" >>"$root/tests.list"
done <"$list"
# An empty list is a mistake, unless asked for: a boot that only runs the
# KUnit suites.
[ -s "$root/tests.list" ] || [ "${BOOT_ONLY:-}" = 1 ] || die "$list names no test"

(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --quiet --reproducible) | gzip -n -6 >"$out.tmp"
mv "$out.tmp" "$out"
echo "$out"
