#!/usr/bin/env bash
# Build the Bochs that emulators/bochs.sh runs, from Debian's source package
# as config/bochs pins it (version, sha256 of each tarball, configure flags,
# patches of ours), and print the path of its binary on the last line.
#
# The tarballs are downloaded into the cache and checked against their
# sha256; the build is installed into $CACHE/bochs/KEY/, KEY a hash of the
# tarballs' sha256, the configure flags and the patches, so that a second
# call (another clone, CI on the same machine) finds it and builds nothing.
# A build that fails leaves nothing under KEY.
# Usage: steps/build-bochs.sh
#   env BOCHS_RECORD: another record than config/bochs
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

record=${BOCHS_RECORD:-$TOP/config/bochs}
[ -r "$record" ] || die "no Bochs record $record"
field() {
	base_field "$1" "$record"
}
pkg=$(field package) ver=$(field version) pool=$(field pool)
for k in package version pool orig orig-sha256 debian debian-sha256 configure; do
	[ -n "$(field "$k")" ] || die "$record has no '$k'"
done
read -r -a flags <<<"$(field configure)"
mapfile -t patches < <(awk '$1 == "patch" { print $2 }' "$record")
for p in "${patches[@]}"; do
	[ -r "$TOP/$p" ] || die "$record: no patch $p"
done

key=$({
	field orig-sha256
	field debian-sha256
	printf '%s\n' "${flags[@]}"
	for p in "${patches[@]}"; do sha256sum <"$TOP/$p"; done
} | sha256sum | cut -c1-16)
dir=$CACHE/bochs/$key
bin=$dir/bin/bochs
if [ -x "$bin" ]; then
	echo "$bin"
	exit 0
fi

for t in curl sha256sum tar xz make g++ flock; do
	command -v "$t" >/dev/null || die "no $t to build Bochs (run steps/install-deps.sh bochs)"
done

mkdir -p "$CACHE/bochs/src"
# One build at a time on the machine: a second caller waits, then finds it.
exec {lock}>"$CACHE/bochs/lock"
flock "$lock"
if [ -x "$bin" ]; then
	echo "$bin"
	exit 0
fi

# fetch KEY: the tarball named by KEY, checked against KEY-sha256.
fetch() {
	local name sha file have
	name=$(field "$1") sha=$(field "$1-sha256")
	file=$CACHE/bochs/src/$name
	if [ -f "$file" ] && [ "$(sha256sum "$file" | cut -d' ' -f1)" = "$sha" ]; then
		echo "$file"
		return
	fi
	echo "bochs: fetching $pool/$name" >&2
	curl -fsSL --retry 3 -o "$file.part" "$pool/$name" ||
		die "could not download $pkg $ver: $pool/$name"
	have=$(sha256sum "$file.part" | cut -d' ' -f1)
	if [ "$have" != "$sha" ]; then
		rm -f "$file.part"
		die "$pkg $ver: $name has sha256 $have, $record pins $sha"
	fi
	mv "$file.part" "$file"
	echo "$file"
}
orig=$(fetch orig)
debian=$(fetch debian)

work=$(mktemp -d "$CACHE/bochs/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
log=$CACHE/bochs/$key.build.log
: >"$log"
tar -xJf "$orig" -C "$work"
tar -xJf "$debian" -C "$work"
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'bochs-*' | head -n1)
[ -n "$src" ] || die "$pkg $ver: no bochs-* directory in $(basename "$orig")"
for p in "${patches[@]}"; do
	patch -d "$src" -p1 --forward --quiet <"$TOP/$p" >>"$log" 2>&1 ||
		die "$pkg $ver: patch $p does not apply; log: $log"
done

echo "bochs: building $pkg $ver (${flags[*]}); log: $log" >&2
start=$SECONDS
(cd "$src" && ./configure "${flags[@]}") >>"$log" 2>&1 ||
	die "$pkg $ver: configure failed; log: $log"
make -C "$src" -j2 >>"$log" 2>&1 || die "$pkg $ver: make failed; log: $log"
echo "bochs: built in $((SECONDS - start)) s" >&2

# Install under a temporary name, then rename: KEY exists only complete.
rm -rf "$dir.tmp"
install -D -m755 "$src/bochs" "$dir.tmp/bin/bochs"
printf '%s %s\nconfigure %s\npatches %s\n' "$pkg" "$ver" "${flags[*]}" "${patches[*]}" \
	>"$dir.tmp/build-info"
mv "$dir.tmp" "$dir"
echo "$bin"
