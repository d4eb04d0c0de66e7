#!/usr/bin/env bash
# Build the test kernel from $SRC into $KOUT: tinyconfig + the base's config
# fragments ("configs" in config/bases/$BASE) (+ config/series.config when
# $SRC defines its options, + config/debug.config when FLAVOUR=debug). Out of
# tree, ccache when present.
# Prints the bzImage path on the last line.
# Usage: steps/build-kernel.sh [extra make targets...]
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

[ -f "$SRC/Makefile" ] || die "no kernel tree at $SRC (run steps/make-base-tree.sh)"

frags=()
for f in $(base_field configs); do
	[ -r "$TOP/config/$f" ] || die "$BASE_RECORD: no config fragment config/$f"
	frags+=("$TOP/config/$f")
done
[ ${#frags[@]} -gt 0 ] || die "$BASE_RECORD names no config fragment (configs)"
# config/series.config: options the series adds, when this tree has them all.
series_frag=$TOP/config/series.config have=1
while read -r sym; do
	git -C "$SRC" grep -q -e "^config $sym\$" -- '*Kconfig*' || have=0
done < <(sed -n 's/^CONFIG_\([A-Za-z0-9_]*\)=.*/\1/p' "$series_frag")
[ $have = 1 ] && frags+=("$series_frag")
case ${FLAVOUR:-} in
"") ;;
debug) frags+=("$TOP/config/debug.config") ;;
*) die "unknown FLAVOUR '$FLAVOUR' (known: debug)" ;;
esac

mkdir -p "$KOUT"

# Regenerate .config only when a fragment changed.
stamp=$(cat "${frags[@]}" | sha256sum | cut -d' ' -f1)
if [ ! -f "$KOUT/.config" ] || [ "$(cat "$KOUT/.fragments" 2>/dev/null)" != "$stamp" ]; then
	kmake "$SRC" "$KOUT" -s tinyconfig >/dev/null
	KCONFIG_CONFIG="$KOUT/.config" "$SRC/scripts/kconfig/merge_config.sh" -m -O "$KOUT" \
		"$KOUT/.config" "${frags[@]}" >"$KOUT/merge.log" 2>&1 ||
		{ cat "$KOUT/merge.log"; die "merge_config failed"; }
	kmake "$SRC" "$KOUT" -s olddefconfig
	# Every option of the fragments must have survived olddefconfig: those
	# set, and those off (another option may select one back on).
	bad=0
	while IFS= read -r line; do
		case $line in
		CONFIG_*) grep -qx -- "$line" "$KOUT/.config" ;;
		"# CONFIG_"*" is not set") line=${line#\# } && ! grep -q "^${line%% *}=" "$KOUT/.config" ;;
		*) continue ;;
		esac || { echo "config: '$line' did not stick" >&2; bad=1; }
	done < <(cat "${frags[@]}")
	[ $bad = 0 ] || die "config fragment options did not stick (a missing dependency, or an option that selects one)"
	echo "$stamp" >"$KOUT/.fragments"
fi

kmake "$SRC" "$KOUT" -s bzImage "$@" >"$KOUT/build.log" 2>&1 ||
	{ tail -n 40 "$KOUT/build.log"; die "kernel build failed; log: $KOUT/build.log"; }
echo "$KOUT/arch/x86/boot/bzImage"
