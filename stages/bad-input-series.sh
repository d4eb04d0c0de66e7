#!/usr/bin/env bash
# Bad input must give a clear error and a non-zero exit, never a hang: an
# unknown base, a base whose pinned package version cannot be had, posting
# as the placeholder identity or as no one, a patch that does not apply
# (leaves $SRC without the series: run steps/apply-series.sh after it).
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=lib/expect.sh
. "$TOP/lib/expect.sh"

# An unknown base, and a base whose pinned package version the archive does
# not have (or whose sha256 differs): named, with a non-zero exit.
expect unknown-base nz "unknown base 'nosuch'" env BASE=nosuch "$TOP/steps/fetch-base.sh"
mkdir -p "$tmp/bases" "$tmp/cache"
sed 's/^version .*/version         0.0-0/' "$BASE_RECORD" >"$tmp/bases/gone"
expect base-version-gone nz "could not download $(base_field package) 0.0-0" \
	env BASE="$tmp/bases/gone" KVM_SERIES_CACHE="$tmp/cache" "$TOP/steps/fetch-base.sh"
# Posting with the placeholder identity, or with no identity of the form
# "Name <email>": refused, whatever the tree.
expect post-as-placeholder nz "placeholder identity" env \
	POSTER="$(sed -n 's/^name=//p' "$TOP/config/series-identity") <$(sed -n 's/^email=//p' "$TOP/config/series-identity")>" \
	"$TOP/steps/export-series.sh" --post "$tmp/post"
expect post-bad-poster nz "is not \"Name <email>\"" env POSTER=nobody \
	"$TOP/steps/export-series.sh" --post "$tmp/post"
# A patch whose context no longer matches the tree.
mkdir "$tmp/series"
cp "$SERIES"/*.patch "$tmp/series/"
victim=$(series_patches | sed -n 2p)
[ -n "$victim" ] || die "the series needs 2 patches for this check"
victim=$tmp/series/$(basename "$victim")
awk '!done && /^ [^ ]/ && seen { print " CORRUPTED CONTEXT"; done = 1; next } /^@@/ { seen = 1 } { print }' \
	"$victim" >"$victim.new" && mv "$victim.new" "$victim"
expect corrupt-patch nz "error: .*$(basename "$victim") does not apply" \
	env SERIES="$tmp/series" "$TOP/steps/apply-series.sh"
rm -f "$BDIR/series.applied"
[ $bad = 0 ]
