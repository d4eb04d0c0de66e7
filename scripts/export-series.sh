#!/usr/bin/env bash
# Turn the commits above the base in $SRC back into series/: git
# format-patch with a cover letter (from the branch description) and
# base-commit information. Stable: on an unmodified tree, series/ does not
# change.
# Usage: export-series.sh [OUTDIR]   (default: series/)
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

dest=${1:-$SERIES}
git -C "$SRC" rev-parse -q --verify "refs/tags/$BASE_TAG" >/dev/null || die "no base tree (run scripts/apply-series.sh)"
n=$(git -C "$SRC" rev-list --count "$BASE_TAG..HEAD")
[ "$n" -gt 0 ] || die "no commits above $BASE_TAG in $SRC"
git -C "$SRC" config "branch.$BRANCH.description" >/dev/null ||
	die "branch $BRANCH has no description for the cover letter"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git_series format-patch -q --cover-letter --cover-from-description=subject \
	--base="$BASE_TAG" --zero-commit --no-signature --thread=shallow \
	-o "$tmp" "$BASE_TAG..HEAD"

# The cover letter carries the time of the export: give it the tip's date.
date=$(git -C "$SRC" log -1 --format=%aD HEAD)
sed -i "s/^Date: .*/Date: $date/" "$tmp/0000-cover-letter.patch"
# Message-Ids carry the time too: derive them from the patch content.
for f in "$tmp"/*.patch; do
	id=$(grep -v -e '^Message-Id:' -e '^In-Reply-To:' -e '^References:' "$f" | sha1sum | cut -c1-16)
	sed -i "s/^Message-Id: <.*>/Message-Id: <$id.series@localhost>/" "$f"
done
cid=$(sed -n 's/^Message-Id: //p' "$tmp/0000-cover-letter.patch")
sed -i -e "s/^In-Reply-To: .*/In-Reply-To: $cid/" -e "s/^References: .*/References: $cid/" "$tmp"/*.patch

mkdir -p "$dest"
rm -f "$dest"/[0-9][0-9][0-9][0-9]-*.patch
cp "$tmp"/*.patch "$dest/"
echo "series: $n patches written to $dest"
