#!/usr/bin/env bash
# Code cost of the series: KVM (arch/x86/kvm/, built in) is built at the base
# and at the series tip (not the proof stack) with the test kernel's config
# made a production one twice, without KUnit ("nokunit") and with
# CONFIG_KUNIT=m ("kunit-m", as distributions build it; the series' KUnit
# test needs KUNIT=y), and base and tip are compared: scripts/bloat-o-meter
# over all functions, the number of instructions of each function of the
# MMIO fast path (config/code-cost), and the global symbols. Only KVM is
# built: the series changes no code outside arch/x86/kvm/ that the kernel
# runs. Base and tip share one build directory per config, so that each is
# an incremental build of the other.
# Fails when the series grows a function (bloat-o-meter) other than those
# its fixes change ("allow" lines of config/code-cost), grows a function of
# the MMIO fast path, adds a global symbol, or when a listed function is
# missing.
# Usage: stages/code-cost.sh [-m MUTANT]
#   -m: also check each cost/*.patch of the base's mutants (or MUTANT=path): applied on
#       the tip, it must grow a function named on its "Expect:" line (nokunit).
# Writes $BDIR/code-cost/report-CONFIG.txt (the last comparison of the tip).
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=lib/patch-tree.sh
. "$TOP/lib/patch-tree.sh"
# shellcheck source=lib/mutants.sh
. "$TOP/lib/mutants.sh"

mutants=()
if [ "${1:-}" = -m ]; then
	if [ -n "${2:-}" ]; then mutants=("$2"); else mutants=("$MUTANTS"/cost/*.patch); fi
fi
for t in objdump ld python3; do command -v "$t" >/dev/null || die "no $t (Debian packages binutils, python3)"; done
[ -f "$KOUT/.config" ] || die "no configured kernel in $KOUT (run steps/build-kernel.sh)"
list=$TOP/config/code-cost
out=$BDIR/code-cost
mkdir -p "$out"
tip=$(git -C "$SRC" rev-parse "$BRANCH")

# The production configs: scripts/config arguments on the test config.
declare -A configs=(
	[nokunit]="-d KUNIT"
	[kunit-m]="-e MODULES -m KUNIT"
)

# build_config REV CONFIG NAME: KVM of REV with CONFIG in $out/obj-CONFIG,
# linked into one object, $out/NAME-kvm.o.
build_config() {
	local obj=$out/obj-$2
	ptree_at "$1"
	mkdir -p "$obj"
	cp "$KOUT/.config" "$obj/.config.want"
	# shellcheck disable=SC2086 # the arguments of scripts/config
	"$PTREE/scripts/config" --file "$obj/.config.want" ${configs[$2]}
	cmp -s "$obj/.config.want" "$obj/.config.src" || {
		cp "$obj/.config.want" "$obj/.config"
		cp "$obj/.config.want" "$obj/.config.src"
	}
	kmake "$PTREE" "$obj" -s olddefconfig arch/x86/kvm/ >"$out/$3.log" 2>&1 ||
		{ tail -n 20 "$out/$3.log"; return 1; }
	! grep -q '^CONFIG_KUNIT=y' "$obj/.config" || die "KUnit built in, in $obj/.config"
	! grep -q '_KUNIT_TEST=y' "$obj/.config" || die "a KUnit test is on in $obj/.config"
	kvm_object "$2" "$3"
}

# kvm_object CONFIG NAME: the objects of arch/x86/kvm/ (a thin archive,
# built-in.a) linked into one relocatable object, $out/NAME-kvm.o.
kvm_object() {
	ld -r -z noexecstack -o "$out/$2-kvm.o" --whole-archive "$out/obj-$1/arch/x86/kvm/built-in.a"
}

# globals OBJECT: its defined global symbols.
globals() {
	nm --defined-only -g "$1" | awk '{ print $3 }' | LC_ALL=C sort -u
}

# insns OBJECT SYMBOL: instructions in every function of that name.
insns() {
	objdump -d --no-show-raw-insn --disassemble="$2" "$1" | grep -cE '^ *[0-9a-f]+:\s' || true
}

# compare BASE_KVM_O SERIES_KVM_O: report, and exit 1 on growth.
compare() {
	local b=$1 s=$2 bad=0 sym nb ns total grown added
	{
		echo "# bloat-o-meter base series (functions)"
		"$PTREE/scripts/bloat-o-meter" -t "$b" "$s"
		echo "# instructions per function of the MMIO fast path: base series change"
	} >"$out/report.tmp"
	while read -r sym _; do
		case $sym in ''|'#'*|allow) continue ;; esac
		nb=$(insns "$b" "$sym") ns=$(insns "$s" "$sym")
		printf '%-32s %5d %5d %+d\n' "$sym" "$nb" "$ns" $((ns - nb)) >>"$out/report.tmp"
		if [ "$nb" = 0 ] || [ "$ns" = 0 ]; then
			echo "$sym: not in kvm.o (base $nb, series $ns instructions): inlined away or renamed?"
			bad=1
		elif [ "$ns" -gt "$nb" ]; then
			echo "$sym: grew from $nb to $ns instructions"
			bad=1
		fi
	done <"$list"
	total=$(sed -n 's/^add\/remove.* up\/down: [0-9]*\/-\{0,1\}[0-9]* (\(-\{0,1\}[0-9]*\))$/\1/p' "$out/report.tmp" | head -n1)
	[ -n "$total" ] || { echo "no bloat-o-meter total"; bad=1; }
	# Functions that grew or appeared: only those the series' fixes change
	# ("allow REGEX" lines of config/code-cost) may.
	grown=$(awk -v allow="$(awk '$1 == "allow" { printf "%s%s", sep, $2; sep = "|" }' "$list")" '
		/^Function / { t = 1; next }
		/^Total: / { t = 0 }
		t && NF == 4 && $4 ~ /^\+[0-9]+$/ {
			f = $1; sub(/\..*$/, "", f)	# .constprop.0, .isra.0, .part.0
			if (allow == "" || f !~ "^(" allow ")$") print $1 " (" $4 " bytes)"
		}
		' "$out/report.tmp")
	if [ -n "$grown" ]; then
		echo "functions that grew, beyond those the series' fixes change: $(tr '\n' ' ' <<<"$grown")"
		bad=1
	fi
	added=$(comm -13 <(globals "$b") <(globals "$s"))
	printf '# global symbols the series adds\n%s' "${added:+$added$'\n'}" >>"$out/report.tmp"
	if [ -n "$added" ]; then
		echo "new global symbols: $(tr '\n' ' ' <<<"$added")"
		bad=1
	fi
	return $bad
}

bad=0
for c in nokunit kunit-m; do
	build_config "$BASE_TAG" "$c" "base-$c" || die "the base does not build ($c); log: $out/base-$c.log"
	build_config "$tip" "$c" "series-$c" || die "the series tip does not build ($c); log: $out/series-$c.log"
	echo "## $c: ${configs[$c]}"
	compare "$out/base-$c-kvm.o" "$out/series-$c-kvm.o" || bad=1
	mv "$out/report.tmp" "$out/report-$c.txt"
	cat "$out/report-$c.txt"
done

# The guard: the comparison of the mutant's KVM with the base's fails (only
# what the mutant touches rebuilds, and again, back at the tip, next run).
cost_guard() {
	local rc=0
	ptree_with "$tip" "$2" || { echo "does not apply to the series tip"; return 2; }
	kmake "$PTREE" "$out/obj-nokunit" -s arch/x86/kvm/ >"$out/$1.log" 2>&1 ||
		{ echo "does not build; log: $out/$1.log"; return 2; }
	kvm_object nokunit "$1"
	compare "$out/base-nokunit-kvm.o" "$out/$1-kvm.o" || rc=1
	rm -f "$out/report.tmp"
	return $rc
}
if [ ${#mutants[@]} -gt 0 ]; then
	check_mutants cost_guard "${mutants[@]}" || bad=1
fi
ptree_at "$tip"
[ $bad = 0 ]
