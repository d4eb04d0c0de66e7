#!/usr/bin/env bash
# Make a gzip'd initramfs of busybox-static, bash-static (as /bin/bash, for
# the selftests' wrapper scripts), guest/init, guest/churn (built here) and
# the given selftests, and the test list guest/init runs.
# Usage: steps/make-initramfs.sh OUTPUT LIST
#   LIST: lines "<test> <guest timeout s> [args...]", tests as test lists
#   name them (e.g. x86/smm_test), built in $SELFTESTS; a wrapper script
#   (e.g. x86/nx_huge_pages_test.sh) comes from the tree's selftests, with
#   the test of its name without ".sh", which it runs.
#   env BOOT_ONLY=1: LIST may name no test (the guest then only boots).
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

[ $# = 2 ] || die "usage: $0 OUTPUT LIST"
out=$1 list=$2
[ -r "$list" ] || die "no test list $list"
bb=/bin/busybox
[ -x "$bb" ] || die "no $bb (Debian package busybox-static)"
bash=/bin/bash-static
[ -x "$bash" ] || die "no $bash (Debian package bash-static)"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,tests,etc}
cp "$bb" "$root/bin/busybox"
for applet in $("$bb" --list); do
	[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
# whoami (the wrapper scripts check for root) needs a passwd entry.
echo "root:x:0:0:root:/:/bin/sh" >"$root/etc/passwd"
rm -f "$root/bin/bash"
cp "$bash" "$root/bin/bash"
cp "$TOP/guest/init" "$root/init"
chmod +x "$root/init"
gcc -static -O2 -Wall -Werror -o "$root/bin/churn" "$TOP/guest/churn.c" ||
	die "guest/churn.c does not build"

: >"$root/tests.list"
while read -r name tmo args; do
	case $name in ''|'#'*) continue ;; esac
	bin=$SELFTESTS/$(selftest_path "${name%.sh}")
	[ -x "$bin" ] || die "test ${name%.sh} not built ($bin)"
	[[ $tmo =~ ^[0-9]+$ ]] || die "$list: bad timeout '$tmo' for $name"
	mkdir -p "$root/tests/$(dirname "$name")"
	cp "$bin" "$root/tests/${name%.sh}"
	if [ "$name" != "${name%.sh}" ]; then
		script=$SRC/tools/testing/selftests/kvm/$(selftest_path "$name")
		[ -r "$script" ] || die "no wrapper script $script"
		install -m 755 "$script" "$root/tests/$name"
	fi
	echo "$name $tmo $args" >>"$root/tests.list"
done <"$list"
# An empty list is a mistake, unless asked for: a boot that only runs the
# KUnit suites.
[ -s "$root/tests.list" ] || [ "${BOOT_ONLY:-}" = 1 ] || die "$list names no test"

(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --quiet --reproducible) | gzip -n -6 >"$out.tmp"
mv "$out.tmp" "$out"
echo "$out"
