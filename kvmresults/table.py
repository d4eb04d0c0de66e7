"""A matrix as the table make run prints: emulator x mode x test."""

from .rows import count

_FMT = "%-6s %-12s %-46s %-5s %6s %7s  %s"


def lines(rows):
    yield _FMT % ("emu", "mode", "test", "", "wall", "guest", "note")
    for r in rows:
        yield _FMT % (r.emulator, r.cell, r.test, r.status.upper(),
                      f"{r.wall}s" if r.wall else "-", f"{r.guest}s" if r.guest else "-", r.reason)
    n = count(rows)
    yield f"matrix: {n['pass']} passed, {n['fail']} failed, {n['skip']} skipped"
