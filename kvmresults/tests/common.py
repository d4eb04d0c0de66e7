"""The saved logs and tables that the tests replay (tests/data/)."""

import os

DATA = os.path.join(os.path.dirname(__file__), "data")


def data(name):
    """The path of a file of tests/data/."""
    return os.path.join(DATA, name)


def lines(name):
    """The lines of a file of tests/data/, as a parser reads them."""
    with open(data(name), encoding="utf-8") as f:
        return f.readlines()
