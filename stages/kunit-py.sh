#!/usr/bin/env bash
# Run the series' KUnit suites the kernel's own way: tools/testing/kunit/
# kunit.py, with the .kunitconfig of each suite's directory (config/
# kunit-suites), under QEMU for x86_64, at the series tip. Its build goes to
# $BDIR/kunit-py (kept: the next run is incremental).
#
# kunit.py asks QEMU for "-accel kvm -accel hvf -accel tcg". On a host whose
# CPU does not show vmx or svm (a VM without nested virtualization), /dev/kvm
# may still open and QEMU then takes KVM and runs nothing: there a shim drops
# "-accel kvm", and QEMU emulates (TCG).
# Usage: stages/kunit-py.sh
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

[ -x "$SRC/tools/testing/kunit/kunit.py" ] || die "no kunit.py in $SRC (run steps/apply-series.sh)"
command -v qemu-system-x86_64 >/dev/null || die "no qemu-system-x86_64 (Debian package qemu-system-x86)"
# Each suite with a .kunitconfig: "suite option directory" in config/kunit-suites.
mapfile -t dirs < <(awk '!/^#/ && NF >= 3 { print $3 }' "$TOP/config/kunit-suites")
[ ${#dirs[@]} -gt 0 ] || die "config/kunit-suites names no suite with a .kunitconfig directory"

tmp=$(mktemp -d) shim=""
trap 'rm -rf "$tmp"' EXIT
if ! grep -qwE 'vmx|svm' /proc/cpuinfo; then
	real=$(command -v qemu-system-x86_64)
	cat >"$tmp/qemu-system-x86_64" <<SHIM
#!/bin/sh
# "-accel kvm" dropped: this host's CPU cannot run KVM (see stages/kunit-py.sh).
n=\$# skip=0
for a in "\$@"; do
	if [ \$skip = 1 ]; then skip=0; [ "\$a" = kvm ] && continue; set -- "\$@" -accel; fi
	if [ "\$a" = -accel ]; then skip=1; continue; fi
	set -- "\$@" "\$a"
done
shift \$n
exec $real "\$@"
SHIM
	chmod +x "$tmp/qemu-system-x86_64"
	shim=$tmp:
	echo "kunit.py: this CPU shows neither vmx nor svm: QEMU runs without KVM (TCG)"
fi

cc=$(host_cc)
bad=0
for d in "${dirs[@]}"; do
	[ -r "$SRC/$d/.kunitconfig" ] || { echo "no $d/.kunitconfig at the series tip"; bad=1; continue; }
	# Debian's python3 first: the machine's may lack what kunit.py imports.
	(cd "$SRC" && PATH=$shim/usr/bin:$PATH ./tools/testing/kunit/kunit.py run --arch=x86_64 \
		--kunitconfig="$d" --build_dir="$BDIR/kunit-py" --jobs="$(nproc)" \
		--make_options=CC="$cc" --timeout=600) || bad=1
done
[ $bad = 0 ]
