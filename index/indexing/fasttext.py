"""The exact text field, indexed through a cache of per-word analysis results.

Whoosh runs every token of every document through the analyzer chain (tokenizer,
compound filter, folding), one generator step per filter per token. The chain's output
for a token does not depend on its neighbours, only its position does, so each distinct
word is analyzed once per process (by the real analyzer, so the terms are the same)
and a document becomes a regex `findall` plus one dictionary lookup per word.

The marked compound parts (`+opvang` for `kinderopvang`) are postings with their
positions like any term, but they do not count in the field's length: BM25 normalises
by the words of a text, and a text does not get longer because its compounds were split.
"""

from __future__ import annotations

import re
import struct
from collections import defaultdict

from whoosh import fields

from index.indexing.analysis import PART_MARK, TOKEN_PATTERN, exact_analyzer
from index.indexing.postings import ESCAPE, PackedPositions, encode_positions

CACHE_WORDS = 300_000
_ONE = struct.Struct("<H").pack
_FINDALL = re.compile(TOKEN_PATTERN).findall
_CACHE: dict[str, tuple[tuple[tuple[int, str], ...], int]] = {}
_ANALYZER = []


def word_terms(word: str) -> tuple[tuple[tuple[int, str], ...], int]:
    """((offset, term), ...) the exact analyzer makes of one word, and the positions
    it takes (a hyphenated compound takes one per part)."""
    found = _CACHE.get(word)
    if found is None:
        if not _ANALYZER:
            _ANALYZER.append(exact_analyzer())
        pieces = tuple((t.pos, t.text)
                       for t in _ANALYZER[0](word, positions=True, mode="index"))
        found = (pieces, max((p for p, _ in pieces), default=-1) + 1)
        if len(_CACHE) >= CACHE_WORDS:
            _CACHE.clear()
        _CACHE[word] = found
    return found


def term_positions(text: str) -> dict[str, list[int]]:
    """term -> positions, exactly as the exact analyzer would index `text`."""
    positions: dict[str, list[int]] = defaultdict(list)
    pos = 0
    cache = _CACHE
    for word in _FINDALL(text):
        found = cache.get(word) or word_terms(word)
        for offset, term in found[0]:
            positions[term].append(pos + offset)
        pos += found[1]
    return positions


class ExactText(fields.TEXT):
    """A TEXT field with positions (PackedPositions), folded but not stemmed."""

    def __init__(self, field_boost: float = 1.0, stored: bool = False):
        super().__init__(analyzer=exact_analyzer(), phrase=True, field_boost=field_boost,
                         stored=stored)
        self.format = PackedPositions(field_boost=field_boost)

    def index(self, value, **kwargs):
        if not isinstance(value, str) or kwargs:
            return super().index(value, **kwargs)
        return postings(value, self.format.field_boost)


def postings(text: str, boost: float = 1.0) -> list[tuple[bytes, int, float, bytes]]:
    """(term, frequency, weight, encoded positions) of every term of `text`. Whoosh
    adds up the frequencies into the field's length (and stores no other use of them):
    a compound part's is 0, so the length counts words only."""
    out = []
    for term, found in term_positions(text).items():
        n = len(found)
        counted = 0 if term.startswith(PART_MARK) else n
        if n == 1 and found[0] < ESCAPE:
            out.append((term.encode("utf-8"), counted, boost, _ONE(found[0])))
        else:
            out.append((term.encode("utf-8"), counted, n * boost, encode_positions(found)))
    return out
