#!/usr/bin/env bash
# Put $SRC at the base commit plus the series in series/ (branch $BRANCH),
# plus the proof stack (branch $PROOF_BRANCH, checked out), applied with git
# am (no fuzz, no 3-way). Files the patches do not touch keep their
# timestamps, so an incremental kernel build stays incremental.
# A patch that does not apply stops the run with its name and git's reason.
# rebase.updateRefs is on in $SRC, so that "git rebase -i $BASE_TAG" on the
# proof branch moves the series branch along. A patch's notes for reviewers
# (below "---") become a git note of its commit.
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

"$TOP/steps/make-base-tree.sh" >/dev/null

stamp=$( (cat "$SERIES/0000-cover-letter.patch" 2>/dev/null; series_patches | xargs -r cat
	  echo proof; proof_patches | xargs -r cat) | sha256sum | cut -d' ' -f1)
if [ "$(cat "$BDIR/series.applied" 2>/dev/null)" = "$stamp" ] &&
   [ -z "$(git -C "$SRC" status --porcelain --untracked-files=normal)" ]; then
	echo "series: already applied at $(git -C "$SRC" rev-parse --short HEAD)"
	exit 0
fi

rm -f "$BDIR/series.applied"
git -C "$SRC" am --abort >/dev/null 2>&1 || true
git -C "$SRC" checkout -q -f "$BRANCH"
git -C "$SRC" reset -q --hard "$BASE_TAG"
git -C "$SRC" clean -q -fd
git -C "$SRC" update-ref -d refs/notes/commits

# notes PATCH: the patch's notes for reviewers, i.e. the "Notes:" block that
# git format-patch --notes writes below "---", unindented.
notes() {
	awk '/^---$/ && !dash { dash = 1; next }
	     dash && !inb && /^Notes:$/ { inb = 1; next }
	     dash && !inb && NF { exit }
	     inb && /^    / { print substr($0, 5); next }
	     inb { exit }' "$1"
}

# apply PATCHES...: git am each, in order, with its notes for reviewers as
# the commit's git note (steps/export-series.sh writes them back).
apply() {
	local p err n
	for p in "$@"; do
		# Keep the author date; the committer date follows it so that the
		# commit hashes, and the round trip through format-patch, are stable.
		if ! err=$(git_series am --no-3way --keep-cr --committer-date-is-author-date "$p" 2>&1); then
			git -C "$SRC" am --abort >/dev/null 2>&1 || true
			printf '  git am: %s\n' "${err//$'\n'/$'\n'  git am: }" >&2
			die "$p does not apply to $BASE_TAG + the patches before it"
		fi
		n=$(notes "$p")
		[ -z "$n" ] || git_series notes add -f -m "$n" HEAD
	done
}

mapfile -t series < <(series_patches)
mapfile -t proof < <(proof_patches)
apply "${series[@]}"
git -C "$SRC" checkout -q -B "$PROOF_BRANCH"
apply "${proof[@]}"
git -C "$SRC" config rebase.updateRefs true
# Notes follow their commits through rebase and amend.
git -C "$SRC" config notes.rewriteRef refs/notes/commits

# The cover letter's subject and text become the branch description, from
# which steps/export-series.sh writes the cover letter back.
cover=$SERIES/0000-cover-letter.patch
if [ -f "$cover" ]; then
	awk '
	!body && /^Subject: / { s = $0; subj = 1; next }
	!body && subj && /^ / { s = s $0; next }
	!body && /^$/ { body = 1; sub(/^Subject: (\[[^]]*\] )?/, "", s); print s; print ""; next }
	!body { subj = 0; next }
	body && /^[^ ].* \([0-9]+\):$/ { exit }
	body { print }' "$cover" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$BDIR/cover.txt"
	git -C "$SRC" config "branch.$BRANCH.description" "$(cat "$BDIR/cover.txt")"
fi
echo "$stamp" >"$BDIR/series.applied"
echo "series: ${#series[@]} patches applied, $BRANCH $(git -C "$SRC" rev-parse --short "$BRANCH"); proof stack: ${#proof[@]} patches, HEAD $(git -C "$SRC" rev-parse --short HEAD)"
