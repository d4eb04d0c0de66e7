#!/usr/bin/env bash
# The series round trip: exporting the applied series again must reproduce
# series/ byte for byte.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$TOP/scripts/export-series.sh" "$tmp"
diff -ru "$SERIES" "$tmp" || die "export-series.sh does not reproduce series/"
echo "round trip: series/ reproduced ($(find "$tmp" -name '*.patch' | wc -l) files)"
