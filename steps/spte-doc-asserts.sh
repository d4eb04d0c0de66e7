#!/usr/bin/env bash
# Turn the bit tables of an SPTE format page (Documentation/virt/kvm/x86/
# spte.rst) into C static_asserts: in each RST simple table whose first
# column is "Bits" and last is "Definition", every row states bits (like
# "5:3" or "63,51:12,10") and an expression whose value must be exactly
# those bits. Prints the C file on stdout.
# Usage: steps/spte-doc-asserts.sh RST
set -euo pipefail
if [ $# != 1 ] || [ ! -r "$1" ]; then echo "usage: $0 RST" >&2; exit 2; fi

cat <<'C'
// SPDX-License-Identifier: GPL-2.0-only
/* Generated from Documentation/virt/kvm/x86/spte.rst: its bit tables. */
#include <linux/bits.h>
#include <linux/build_bug.h>
#include "spte.h"

C
awk -v file="$1" '
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
function mask(bits,    n, i, r, part, hl) {
	n = split(bits, part, ","); r = ""
	for (i = 1; i <= n; i++) {
		if (part[i] !~ /^[0-9]+(:[0-9]+)?$/) { bad = 1; return "" }
		if (split(part[i], hl, ":") == 2) r = r (r == "" ? "" : " | ") "GENMASK_ULL(" hl[1] ", " hl[2] ")"
		else r = r (r == "" ? "" : " | ") "BIT_ULL(" part[i] ")"
	}
	return r
}
function flush() {
	if (bits == "") return
	m = mask(bits)
	if (m == "") { printf "%s:%d: bad bits \"%s\"\n", file, line, bits > "/dev/stderr"; err = 1 }
	else if (def == "") { printf "%s:%d: no definition for bits %s\n", file, line, bits > "/dev/stderr"; err = 1 }
	else {
		gsub(/``/, "", def)
		printf "static_assert((u64)(%s) == (%s),\n\t      \"spte.rst:%d: %s is not bits %s\");\n", def, m, line, def, bits
		rows++
	}
	bits = ""; def = ""
}
/^=+( +=+)+ *$/ {
	# A border: the first opens a table, the second ends its header, the third closes it.
	border++
	if (border == 1) { n = 0; rest = $0; pos = 1
		while (match(rest, /=+/)) { n++; start[n] = pos + RSTART - 1; pos += RSTART + RLENGTH - 1; rest = substr($0, pos) }
		ncol = n; checked = 0 }
	if (border == 3) { flush(); border = 0 }
	next
}
border == 1 && NF {
	checked = trim(substr($0, start[1], start[2] - start[1])) == "Bits" &&
		trim(substr($0, start[ncol])) == "Definition"
	next
}
border == 2 && checked && NF {
	first = trim(substr($0, start[1], start[2] - start[1]))
	last = trim(substr($0, start[ncol]))
	if (first != "") { flush(); bits = first; def = last; line = NR }
	else if (last != "") def = def " " last
}
END {
	if (!rows) { printf "%s: no checked table\n", file > "/dev/stderr"; err = 1 }
	exit err
}' "$1"
