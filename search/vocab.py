"""Stem -> indexed words: how a plain query word finds all its inflections.

Only the exact (folded, unstemmed) words are indexed. A plain word is stemmed at query
time and replaced by every indexed word with that stem, which matches exactly the
documents a separately stemmed field would have matched: the stemmed analyzer's term
for a word is the stem of its exact term, and stop words have none. The map is built
from the segments' word lists, once per segment (a commit adds only its new words); the
search service owns its vocabulary and hands it to whatever needs it (the compiler, the
suggester), so nothing outlives the service.

The index also holds the parts of solid compounds as marked terms (`+opvang`, from
`kinderopvang`: index/indexing/analysis.py, PART_MARK). They are filed by the stem of
the part, so a plain word finds its part terms the same way as its forms: the compounds
were split when they were indexed, and search needs no dictionary.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from index.indexing.analysis import PART_MARK, analyze, stem_word, stop_words
from index.indexing.schema import EXACT_FIELDS
from index.indexing.whoosh_private import segment_words
from search.postings import segment_key


class Vocabulary:
    """stem -> the exact words (any text field) that have it, for one index; and
    stem -> the marked part terms whose part has it (`opvang` -> `+opvang`), the terms
    the index holds for the compounds' parts (index.indexing.analysis.CompoundPartsFilter).
    With `parts=False` the part terms are left out (a benchmark's floor)."""

    def __init__(self, parts: bool = True):
        self.with_parts = parts
        self._forms: dict[str, set[str]] = {}
        self._parts: dict[str, set[str]] = {}
        self._scanned: set[str] = set()
        self._lock = threading.Lock()

    def update(self, reader) -> Vocabulary:
        """Scan the words of segments of `reader` not seen before."""
        leaves = [leaf for leaf, _ in reader.leaf_readers()]
        new = [leaf for leaf in leaves if segment_key(leaf) not in self._scanned]
        if not new:
            return self
        with self._lock:
            seen: set[str] = set()
            for leaf in new:
                key = segment_key(leaf)
                if key in self._scanned:
                    continue
                self._add(segment_words(leaf, EXACT_FIELDS), seen)
                self._scanned.add(key)
        return self

    def add_words(self, words: Iterable[str]) -> Vocabulary:
        """File some exact (folded) words, as if an indexed segment held them."""
        with self._lock:
            self._add(words, set())
        return self

    def _add(self, words: Iterable[str], seen: set[str]) -> None:
        """File `words`, except those in `seen`: the words met so far in this scan, filed
        already (one word recurs in every text field and segment that has it)."""
        stops = stop_words()
        forms, parts = self._forms, self._parts
        with_parts = self.with_parts
        for word in words:
            if word in seen:
                continue  # filed already
            seen.add(word)
            if word.startswith(PART_MARK):
                if with_parts:
                    parts.setdefault(stem_word(word[1:]), set()).add(word)
                continue
            if word in stops:
                continue
            forms.setdefault(stem_word(word), set()).add(word)

    def forms(self, stem: str) -> list[str]:
        with self._lock:
            return sorted(self._forms.get(stem, ()))

    def has_word(self, word: str) -> bool:
        """Whether an exact (folded) word occurs in the index; stop words never do here."""
        with self._lock:
            return word in self._forms.get(stem_word(word), ())

    def part_terms(self, stem: str) -> list[str]:
        """The indexed part terms (`+opvang`) of the parts that have `stem`."""
        with self._lock:
            return sorted(self._parts.get(stem, ()))

    def part_stem_count(self) -> int:
        """How many stems have part terms filed under them."""
        with self._lock:
            return len(self._parts)

    def _has(self, stem: str) -> bool:
        return stem in self._forms or stem in self._parts

    def known(self, word: str) -> bool:
        """Whether a plain query word matches any indexed word; a stop word (which is
        never searched) counts as known."""
        stems = _stems(word)
        return not stems or any(self._has(stem) for stem in stems)


def _stems(word: str) -> list[str]:
    return analyze(word, exact=False, mode="query")
