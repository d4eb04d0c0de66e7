# shellcheck shell=bash
# A second work tree of $SRC at $PTREE, built into $POUT with the test
# kernel's config: for checks that build other commits than the series tip
# (each patch, mutants) without touching the main tree or its build.
# $PTREE and $POUT are to each other what $SRC and $KOUT are (../linux from
# the objects): with kmake's ccache base directory, a file the two trees
# have alike compiles once. Sourced after lib/common.sh.

: "${KOUT:?}"
PTREE=$BDIR/patch/linux
POUT=$BDIR/patch/kernel

# ptree_at REV: put the patch tree at REV (only changed files are touched).
ptree_at() {
	if [ ! -e "$PTREE/.git" ]; then
		git -C "$SRC" worktree prune
		mkdir -p "$(dirname "$PTREE")"
		git -C "$SRC" worktree add -q --detach "$PTREE" "$1"
	fi
	git -C "$PTREE" reset -q --hard
	git -C "$PTREE" clean -q -fd
	git -C "$PTREE" checkout -q --detach "$1"
}

# ptree_with REV PATCH: the patch tree at REV with PATCH (a mutant)
# applied; git's reason on stderr if it does not apply.
ptree_with() {
	ptree_at "$1"
	git -C "$PTREE" apply "$2"
}

# ptree_make ARGS...: make in the patch tree with the test kernel's config.
ptree_make() {
	mkdir -p "$POUT"
	[ -f "$KOUT/.config" ] || die "no configured kernel in $KOUT (run steps/build-kernel.sh)"
	cmp -s "$KOUT/.config" "$POUT/.config" || cp "$KOUT/.config" "$POUT/.config"
	kmake "$PTREE" "$POUT" "$@"
}
