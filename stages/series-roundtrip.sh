#!/usr/bin/env bash
# The round trip: exporting the applied series and proof stack again must
# reproduce series/ and the proof directory byte for byte.
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$TOP/steps/export-series.sh" "$tmp/series" "$tmp/proof"
diff -ru "$SERIES" "$tmp/series" || die "steps/export-series.sh does not reproduce $SERIES"
echo "round trip: $SERIES reproduced ($(find "$tmp/series" -name '*.patch' | wc -l) files)"
[ -n "$PROOF" ] || exit 0
diff -ru "$PROOF" "$tmp/proof" || die "steps/export-series.sh does not reproduce $PROOF"
echo "round trip: $PROOF reproduced ($(find "$tmp/proof" -name '*.patch' | wc -l) files)"
