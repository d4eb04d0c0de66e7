"""A runtime mutant's verdict in each cell it ran in.

The mutant's guards: a test that must fail with the text of its "Expect:"
line, and KUnit cases that must fail.  Boot and mode must hold, else the
cell proves nothing (INCONCLUSIVE).  A cell named on a "Not-caught-in:"
line may pass the test, for the reason given there.
"""

import re


def parse_not_caught(lines):
    """{"EMU CELL": reason} from "EMU CELL: reason" lines."""
    out = {}
    for line in lines:
        line = line.rstrip("\n")
        f = line.split()
        if len(f) < 2:
            continue
        out[f"{f[0]} {f[1]}".rstrip(":")] = re.sub(r"^[^:]*: *", "", line, count=1)
    return out


def verdicts(name, rows, test="", expect="", kunit=(), not_caught=None):
    """Lines "NAME EMU CELL: verdict", by emulator and cell; and whether all
    are good."""
    not_caught = not_caught or {}
    cells, setup, result, kres = {}, {}, {}, {}
    for r in rows:
        k = f"{r.emulator} {r.cell}"
        cells[k] = True
        if r.test in ("boot", "mode") and r.status != "pass":
            setup[k] = setup.get(k, "") + f"{r.test}: {r.reason} "
        if test and r.test == test:
            result[k] = r
        if r.test.startswith("kunit:"):
            kres[k, r.test[len("kunit:"):]] = r
    lines, good = [], True
    for k in sorted(cells):
        if k in setup:
            lines.append(f"{name} {k}: INCONCLUSIVE ({setup[k]})")
            good = False
            continue
        parts = []
        if test:
            r = result.get(k)
            if r and r.status == "fail" and expect in r.reason:
                parts.append(f"caught ({test}: {r.reason})")
            elif r and r.status == "fail":
                parts.append(f'FAILED, but not with "{expect}" ({r.reason})')
                good = False
            elif k in not_caught:
                parts.append(f"not caught, as expected: {not_caught[k]}")
            else:
                parts.append(f"SURVIVED ({test}: {r.status if r else 'no result'})")
                good = False
        for c in kunit:
            r = kres.get((k, c))
            if r and r.status == "fail":
                parts.append(f"caught (kunit:{c}: {r.reason})")
            else:
                parts.append(f"SURVIVED (kunit:{c}: {r.status if r else 'no result'})")
                good = False
        lines.append(f"{name} {k}: " + "; ".join(parts))
    return lines, good
