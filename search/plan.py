"""What a query asks for, resolved against the index: the input of search/matching.py."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    """Documents with any of `terms` in any of `fields`; scored as one word (the
    inflections of a plain word count together, like one stemmed term). `boosts`, one
    per term when given, scales each term's occurrences: the form as typed counts in
    full, other forms and compounds that hold the word as a part count less."""

    fields: tuple[str, ...]
    terms: tuple[str, ...]
    boosts: tuple[float, ...] = ()


@dataclass(frozen=True)
class Sequence:
    """An exact phrase: `words` in order, each at most `slop` positions after the last."""

    fields: tuple[str, ...]
    words: tuple[str, ...]
    slop: int = 1


@dataclass(frozen=True)
class Names:
    """Records of these minister or asker codes (search/columns.py)."""

    column: str
    codes: tuple[int, ...]


@dataclass(frozen=True)
class AllOf:
    children: list


@dataclass(frozen=True)
class AnyOf:
    children: list


@dataclass(frozen=True)
class Without:
    base: object
    exclude: object


@dataclass(frozen=True)
class Everything:
    pass


@dataclass(frozen=True)
class Nothing:
    pass


Plan = Words | Sequence | Names | AllOf | AnyOf | Without | Everything | Nothing
