"""Stem -> indexed words: how a plain query word finds all its inflections.

Only the exact (folded, unstemmed) words are indexed. A plain word is stemmed at query
time and replaced by every indexed word with that stem, which matches exactly the
documents a separately stemmed field would have matched: the stemmed analyzer's term
for a word is the stem of its exact term, and stop words have none. The map is built
from the segments' word lists, once per segment (a commit adds only its new words); the
search service owns its vocabulary and hands it to whatever needs it (the compiler, the
suggester), so nothing outlives the service.
"""

from __future__ import annotations

import threading

from index.analysis import analyze, stem_word, stop_words
from index.schema import EXACT_FIELDS
from index.whoosh_private import segment_words
from search.postings import segment_key


class Vocabulary:
    """stem -> the exact words (any text field) that have it, for one index."""

    def __init__(self):
        self._forms: dict[str, set[str]] = {}
        self._scanned: set[str] = set()
        self._lock = threading.Lock()

    def update(self, reader) -> Vocabulary:
        """Scan the words of segments of `reader` not seen before."""
        leaves = [leaf for leaf, _ in reader.leaf_readers()]
        new = [leaf for leaf in leaves if segment_key(leaf) not in self._scanned]
        if not new:
            return self
        with self._lock:
            stops = stop_words()
            forms = self._forms
            stems: dict[str, str | None] = {}
            for leaf in new:
                key = segment_key(leaf)
                if key in self._scanned:
                    continue
                for word in segment_words(leaf, EXACT_FIELDS):
                    if word in stems:
                        stem = stems[word]
                    else:
                        stem = stems[word] = None if word in stops else stem_word(word)
                    if stem is not None:
                        forms.setdefault(stem, set()).add(word)
                self._scanned.add(key)
        return self

    def forms(self, stem: str) -> list[str]:
        with self._lock:
            return sorted(self._forms.get(stem, ()))

    def known(self, word: str) -> bool:
        """Whether a plain query word matches any indexed word; a stop word (which is
        never searched) counts as known."""
        stems = _stems(word)
        return not stems or any(stem in self._forms for stem in stems)


def _stems(word: str) -> list[str]:
    return analyze(word, exact=False, mode="query")
