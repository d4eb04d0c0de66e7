#!/usr/bin/env bash
# Make $SRC a git tree holding the base's kernel tarball (config/bases/$BASE,
# fetched by steps/fetch-base.sh) as one base commit, tagged $BASE_TAG. Reuses an
# existing tree made from the same tarball.
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

TARBALL=$("$TOP/steps/fetch-base.sh") || die "no tarball for base $BASE"
name=$(base_field name) pkg=$(base_field package) version=$(base_field version)
sha=$(base_field tarball-sha256)

if git -C "$SRC" rev-parse -q --verify "refs/tags/$BASE_TAG" >/dev/null 2>&1; then
	if git -C "$SRC" log -1 --format=%B "$BASE_TAG" | grep -q "sha256: $sha"; then
		echo "base tree: $SRC at $(git -C "$SRC" rev-parse --short "$BASE_TAG") (reused)"
		exit 0
	fi
	echo "base tree: $SRC was made from another tarball, remaking it"
fi

rm -rf "$SRC" "$SRC.tmp"
mkdir -p "$SRC.tmp"
# The files tar extracts (not directories), counted as it lists them: the
# base commit must hold as many.
files_tar=$(tar -xvJf "$TARBALL" -C "$SRC.tmp" --strip-components=1 | grep -cv '/$') ||
	die "could not extract $TARBALL"

# Debian's packaging appends "/*" and "!/debian/" to the top-level
# .gitignore, which hides every top-level path (so arch/, tools/, ...) from
# git. Drop that block so new files show up in git status, and add with -f
# so that nothing the tarball ships is left out of the base commit.
gi=$SRC.tmp/.gitignore
n=$(grep -n '^# Debian packaging' "$gi" | cut -d: -f1)
[ -n "$n" ] && head -n $((n - 3)) "$gi" > "$gi.new" && mv "$gi.new" "$gi"
grep -qx '/\*' "$gi" && die "could not drop Debian's '/*' rule from .gitignore"

mv "$SRC.tmp" "$SRC"
git init -q -b "$BRANCH" "$SRC"
git -C "$SRC" config core.autocrlf false
git -C "$SRC" config am.threeWay false
git -C "$SRC" add -f -A .
git_series commit -q -F - <<MSG
$name from Debian's $pkg $version

Base for the KVM x86 MMU series in $(base_field series)/.

package: $pkg $version
tarball: $(basename "$TARBALL")
sha256: $sha

Debian's block at the end of the top-level .gitignore ("/*" and
"!/debian/") is dropped so that git sees files added under the
top-level directories; every other file is as the tarball ships it.
MSG
git -C "$SRC" tag "$BASE_TAG"

files_git=$(git -C "$SRC" ls-files | wc -l)
[ "$files_tar" = "$files_git" ] ||
	die "base commit has $files_git files, the tarball $files_tar"
echo "base tree: $SRC at $(git -C "$SRC" rev-parse --short "$BASE_TAG") ($files_git files)"
