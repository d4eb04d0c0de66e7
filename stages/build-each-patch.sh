#!/usr/bin/env bash
# Build arch/x86/kvm/ with W=1 at the base and at every patch of the series
# (not the proof stack) that touches a file outside Documentation/ and the
# selftests; fail on a build error or on any warning that the base does not
# have. At a patch that touches the KVM selftests, build them too (all of
# them: a change to their library reaches every test), and fail on an error
# or on a warning in a file the patch touches. (The whole kernel and the
# selftests at the series tip are built by steps/build-kernel.sh and
# steps/build-selftests.sh.)
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=lib/patch-tree.sh
. "$TOP/lib/patch-tree.sh"

# Warnings of a build log, without line numbers (patches move lines).
warnings() {
	{ grep -E '^[^ ]+:[0-9]+(:[0-9]+)?: warning:' "$1" || true; } |
		sed -E 's/:[0-9]+(:[0-9]+)?: warning:/: warning:/' | LC_ALL=C sort -u
}

# build_w1 REV LOG: arch/x86/kvm/ of REV with W=1, output to LOG.
build_w1() {
	ptree_at "$1"
	ptree_make -s olddefconfig >/dev/null
	ptree_make W=1 arch/x86/kvm/ >"$2" 2>&1
}

logs=$POUT-logs
mkdir -p "$logs"
build_w1 "$BASE_TAG" "$logs/base.log" || { tail -n 20 "$logs/base.log"; die "the base does not build"; }
warnings "$logs/base.log" >"$logs/base.warnings"
echo "base: $(wc -l <"$logs/base.warnings") W=1 warnings in arch/x86/kvm/"

bad=0 i=0
for c in $(git -C "$SRC" rev-list --reverse "$BASE_TAG..$BRANCH"); do
	i=$((i + 1))
	subj=$(git -C "$SRC" log -1 --format=%s "$c")
	# A patch that touches only the selftests and Documentation/ leaves
	# arch/x86/kvm/ as the patch before it built it; a no-op build of it
	# still took 10 s.
	kfiles=$(git -C "$SRC" diff --name-only "$c~1" "$c" -- . ':!Documentation/' ':!tools/testing/selftests/')
	if [ -z "$kfiles" ]; then
		ptree_at "$c"
		: >"$logs/$i.log"
	elif ! build_w1 "$c" "$logs/$i.log"; then
		echo "patch $i ($subj): build FAILED"
		grep -E 'error' "$logs/$i.log" | head -n 10 | sed 's/^/  /'
		bad=1
		continue
	fi
	new=$(warnings "$logs/$i.log" | comm -13 "$logs/base.warnings" -)
	if [ -n "$new" ]; then
		echo "patch $i ($subj): new W=1 warnings"
		indent <<<"$new"
		bad=1
		continue
	fi
	touched=$(git -C "$SRC" diff --name-only "$c~1" "$c" -- tools/testing/selftests/kvm/)
	kdone="builds, no new warnings"
	[ -n "$kfiles" ] || kdone="no kernel file"
	if [ -z "$touched" ]; then
		echo "patch $i ($subj): $kdone"
		continue
	fi
	# Incremental from one such patch to the next: make rebuilds what
	# changed, ccache what is the same.
	if ! SELFTEST_TREE=$PTREE SELFTESTS=$POUT-selftests "$TOP/steps/build-selftests.sh" \
		>"$logs/$i.selftests.log" 2>&1; then
		echo "patch $i ($subj): the KVM selftests do not build; log: $POUT-selftests/build.log"
		grep -E 'error' "$POUT-selftests/build.log" | head -n 10 | indent
		bad=1
		continue
	fi
	swarn=$(grep -F -e "${touched//tools\/testing\/selftests\/kvm\//}" "$POUT-selftests/build.log" |
		grep 'warning:' || true)
	if [ -n "$swarn" ]; then
		echo "patch $i ($subj): warnings in the selftests it touches"
		indent <<<"$swarn"
		bad=1
	else
		echo "patch $i ($subj): $kdone; KVM selftests build, no warning in $(wc -l <<<"$touched") file(s) it touches"
	fi
done
[ $bad = 0 ]
