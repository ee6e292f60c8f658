"""Who a name in a filter means: the one rule for minister and asker names.

A name given by a user (`--minister`, `?minister=`, `minister:` in a query, `asker`)
selects a person when it is that person's full name or their last name: `Somers`,
`bart somers` and `Bart Sómers` select Bart Somers, `Bart` selects no one. Case, accents
and runs of spaces never matter. Filters, facet `selected` flags and the web layer's
ticked values all use this rule, so a filter that matches no one is never shown ticked.
"""

from __future__ import annotations

from index.indexing.analysis import fold


def name_key(name: str) -> str:
    """The comparable form of a name: folded case and accents, single spaces."""
    return " ".join(fold(name).split())


def name_selects(given: str, full: str) -> bool:
    """Whether the name a user gave selects the person called `full`."""
    return _selects(name_key(given), name_key(full))


def names_matching(given: str, keys: list[str]) -> list[int]:
    """Positions in `keys` (names already passed through name_key) that `given` selects."""
    wanted = name_key(given)
    return [i for i, key in enumerate(keys) if _selects(wanted, key)]


def _selects(wanted: str, key: str) -> bool:
    return bool(wanted) and (key == wanted or key.endswith(" " + wanted))
