#!/usr/bin/env bash
# Turn the commits above the base in $SRC back into patch directories: the
# series (branch $BRANCH) into series/, with git format-patch, a cover
# letter (from the branch description) and base-commit information; the
# proof stack (branch $PROOF_BRANCH above $BRANCH) into the base's proof
# directory. Stable: on an unmodified tree, neither directory changes. A
# commit's git note becomes the patch's notes for reviewers (below "---").
# Usage: steps/export-series.sh [OUTDIR [PROOFDIR]]   (default: series/ and proof/)
#        steps/export-series.sh --post OUTDIR
#   --post: only the series, ready to send: From and Signed-off-by of the
#   placeholder identity (config/series-identity) become the poster's own,
#   POSTER="Name <email>" or else git's user.name and user.email.
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

post=
if [ "${1:-}" = --post ]; then
	[ $# = 2 ] || die "usage: $0 --post OUTDIR"
	post=1
	shift
	if [ -z "${POSTER:-}" ]; then
		n=$(git config user.name || true) e=$(git config user.email || true)
		if [ -z "$n" ] || [ -z "$e" ]; then
			die "no poster identity: set POSTER=\"Name <email>\", or git's user.name and user.email"
		fi
		POSTER="$n <$e>"
	fi
	case $POSTER in
	*" <"*@*">") ;;
	*) die "POSTER='$POSTER' is not \"Name <email>\"" ;;
	esac
fi
placeholder="$(sed -n 's/^name=//p' "$TOP/config/series-identity") <$(sed -n 's/^email=//p' "$TOP/config/series-identity")>"
[ -z "$post" ] || [ "$POSTER" != "$placeholder" ] ||
	die "POSTER is the placeholder identity; posting needs your own (DCO)"

dest=${1:-$SERIES}
pdest=${2:-$PROOF}
git -C "$SRC" rev-parse -q --verify "refs/tags/$BASE_TAG" >/dev/null || die "no base tree (run steps/apply-series.sh)"
n=$(git -C "$SRC" rev-list --count "$BASE_TAG..$BRANCH")
[ "$n" -gt 0 ] || die "no commits above $BASE_TAG on branch $BRANCH in $SRC"
git -C "$SRC" config "branch.$BRANCH.description" >/dev/null ||
	die "branch $BRANCH has no description for the cover letter"
if [ -n "$PROOF" ] && [ -z "$post" ]; then
	git -C "$SRC" merge-base --is-ancestor "$BRANCH" "$PROOF_BRANCH" ||
		die "branch $PROOF_BRANCH is not on top of $BRANCH (rebase it with rebase.updateRefs)"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Message-Ids carry the time: derive them from the patch content, and thread
# to the first file's.
stable_ids() {
	local f id cid
	for f in "$1"/*.patch; do
		id=$(grep -v -e '^Message-Id:' -e '^In-Reply-To:' -e '^References:' "$f" | sha1sum | cut -c1-16)
		sed -i "s/^Message-Id: <.*>/Message-Id: <$id.series@localhost>/" "$f"
	done
	cid=$(sed -n 's/^Message-Id: //p' "$(find "$1" -name '*.patch' | LC_ALL=C sort | head -n1)")
	sed -i -e "s/^In-Reply-To: .*/In-Reply-To: $cid/" -e "s/^References: .*/References: $cid/" "$1"/*.patch
}

# replace DIR: DIR's patch files become those of $tmp/out.
replace() {
	mkdir -p "$1"
	rm -f "$1"/[0-9][0-9][0-9][0-9]-*.patch
	cp "$tmp/out"/*.patch "$1/"
	rm -rf "$tmp/out"
}

git_series format-patch -q --cover-letter --cover-from-description=subject \
	--base="$BASE_TAG" --zero-commit --no-signature --thread=shallow --notes \
	-o "$tmp/out" "$BASE_TAG..$BRANCH"
# The cover letter carries the time of the export: give it the tip's date.
date=$(git -C "$SRC" log -1 --format=%aD "$BRANCH")
sed -i "s/^Date: .*/Date: $date/" "$tmp/out/0000-cover-letter.patch"
if [ -n "$post" ]; then
	# The placeholder as author and signer, and nobody else's.
	grep -h -e '^From: ' -e '^Signed-off-by: ' "$tmp/out"/*.patch | grep -vF "$placeholder" &&
		die "the series has authors or signers besides the placeholder; edit them by hand"
	sed -i -e "s|^From: $placeholder\$|From: $POSTER|" \
		-e "s|^Signed-off-by: $placeholder\$|Signed-off-by: $POSTER|" "$tmp/out"/*.patch
	# Let git send-email or b4 make the Message-Ids and threading.
	sed -i -e '/^Message-Id: /d' -e '/^In-Reply-To: /d' -e '/^References: /d' "$tmp/out"/*.patch
else
	stable_ids "$tmp/out"
fi
replace "$dest"
echo "series: $n patches written to $dest${post:+, from $POSTER}"
[ -z "$post" ] || exit 0

[ -n "$PROOF" ] || exit 0
n=$(git -C "$SRC" rev-list --count "$BRANCH..$PROOF_BRANCH")
if [ "$n" = 0 ]; then
	mkdir -p "$pdest"
	rm -f "$pdest"/[0-9][0-9][0-9][0-9]-*.patch
	echo "proof stack: empty"
	exit 0
fi
git_series format-patch -q --zero-commit --no-signature --thread=shallow --notes \
	-o "$tmp/out" "$BRANCH..$PROOF_BRANCH"
stable_ids "$tmp/out"
replace "$pdest"
echo "proof stack: $n patches written to $pdest"
