#!/usr/bin/env bash
# Fetch the base's kernel tarball into the cache, as its record pins it
# (config/bases/$BASE: package, version, suite, archive, sha256 of the .deb
# and of the tarball), and print its path. apt downloads the package with a
# sources list of its own, holding that suite only: nothing is installed and
# the machine's own sources and packages are not touched. A second call
# finds the tarball in the cache and checks its sha256 again.
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

pkg=$(base_field package) ver=$(base_field version) suite=$(base_field suite)
archive=$(base_field archive) deb_sha=$(base_field deb-sha256)
member=$(base_field tarball) tar_sha=$(base_field tarball-sha256)
for k in package version suite archive deb-sha256 tarball tarball-sha256; do
	[ -n "$(base_field "$k")" ] || die "$BASE_RECORD has no '$k'"
done
for t in apt-get dpkg-deb sha256sum; do
	command -v "$t" >/dev/null || die "no $t (Debian packages apt, dpkg, coreutils)"
done

dir=$CACHE/bases/${pkg}_$ver
tarball=$dir/$(basename "$member")
if [ -f "$tarball" ]; then
	have=$(sha256sum "$tarball" | cut -d' ' -f1)
	if [ "$have" = "$tar_sha" ]; then
		echo "$tarball"
		exit 0
	fi
	echo "base $BASE: $tarball has sha256 $have, not $tar_sha: fetching again" >&2
	rm -f "$tarball"
fi

# A private apt state: one sources entry, its own lists and archives.
apt=$CACHE/apt/$suite
mkdir -p "$apt/lists/partial" "$apt/archives/partial" "$dir"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keyring" ] || die "no $keyring (Debian package debian-archive-keyring)"
echo "deb [signed-by=$keyring] $archive $suite main" >"$apt/sources.list"
aptq() {
	apt-get -q -o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$apt/lists" -o Dir::Cache::Archives="$apt/archives" \
		-o Dir::Cache::pkgcache="" -o Dir::Cache::srcpkgcache="" \
		-o APT::Sandbox::User="$(id -un)" -o Debug::NoLocking=1 "$@"
}
aptq update >"$apt/update.log" 2>&1 ||
	die "apt-get update of $suite from $archive failed; log: $apt/update.log"
tmp=$(mktemp -d "$dir/fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && aptq download "$pkg=$ver") >"$tmp/download.log" 2>&1 || {
	cat "$tmp/download.log" >&2
	die "could not download $pkg $ver from $suite ($archive): is that version still in the suite?"
}
deb=$(find "$tmp" -maxdepth 1 -name '*.deb' | head -n1)
[ -n "$deb" ] || die "apt downloaded no .deb for $pkg $ver"
have=$(sha256sum "$deb" | cut -d' ' -f1)
[ "$have" = "$deb_sha" ] || die "$pkg $ver: the .deb has sha256 $have, $BASE_RECORD pins $deb_sha"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" "./$member" ||
	die "$pkg $ver: no $member in the package"
have=$(sha256sum "$tmp/$member" | cut -d' ' -f1)
[ "$have" = "$tar_sha" ] || die "$pkg $ver: $member has sha256 $have, $BASE_RECORD pins $tar_sha"
mv "$tmp/$member" "$tarball"
echo "base $BASE: $pkg $ver from $suite, $(basename "$member") in $dir" >&2
echo "$tarball"
