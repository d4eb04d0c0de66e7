#!/usr/bin/env bash
# Run ShellCheck over every shell script of the repository.
# shellcheck source=lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

command -v shellcheck >/dev/null || die "no shellcheck (Debian package shellcheck)"
cd "$TOP"
mapfile -t files < <(git ls-files '*.sh' .ci/run 2>/dev/null || find . -name '*.sh')
shellcheck -x "${files[@]}"
shellcheck -s sh guest/init
echo "shellcheck: ${#files[@]} scripts and guest/init clean"
