"""Stem -> indexed words: how a plain query word finds all its inflections.

Only the exact (folded, unstemmed) words are indexed. A plain word is stemmed at query
time and replaced by every indexed word with that stem, which matches exactly the
documents a separately stemmed field would have matched: the stemmed analyzer's term
for a word is the stem of its exact term, and stop words have none. The map is built
from the segments' word lists, once per segment (a commit adds only its new words), and
is shared per index: one map per set of segments that were scanned together.
"""

from __future__ import annotations

import struct
import threading
from collections.abc import Iterator

from index.analysis import analyze, part_stems, stem_word, stop_words
from index.schema import EXACT_SUFFIX, TEXT_FIELDS
from search.postings import segment_key

EXACT_FIELDS = tuple(name + EXACT_SUFFIX for name in TEXT_FIELDS)


class Vocabulary:
    """stem -> the exact words (any text field) that have it, for one index; and
    stem -> the compounds that hold it as a part (`opvang` -> `kinderopvang`), the
    extra terms the stemmed analyzer makes (index.analysis.CompoundPartsFilter)."""

    def __init__(self):
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
            stops = stop_words()
            forms, parts = self._forms, self._parts
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
                        for part in part_stems(word):
                            parts.setdefault(part, set()).add(word)
                self._scanned.add(key)
                _REGISTRY[key] = self
        return self

    def forms(self, stem: str) -> list[str]:
        with self._lock:
            return sorted(self._forms.get(stem, ()))

    def has_word(self, word: str) -> bool:
        """Whether an exact (folded) word occurs in the index; stop words never do here."""
        with self._lock:
            return word in self._forms.get(stem_word(word), ())

    def compounds(self, stem: str) -> list[str]:
        """The indexed compounds that hold `stem` as a part, without its own forms."""
        with self._lock:
            return sorted(self._parts.get(stem, set()) - self._forms.get(stem, set()))

    def _has(self, stem: str) -> bool:
        return stem in self._forms or stem in self._parts

    def exists(self, word: str) -> bool:
        """Whether a plain query word matches any indexed word (or compound part)."""
        return any(self._has(stem) for stem in _stems(word))

    def known(self, word: str) -> bool:
        """Like `exists`, but a stop word (which is never searched) counts as known."""
        stems = _stems(word)
        return not stems or any(self._has(stem) for stem in stems)


def _stems(word: str) -> list[str]:
    return analyze(word, exact=False, mode="query")


def segment_words(leaf, fieldnames) -> Iterator[str]:
    """The words of some fields of one segment, read as one block from its term file
    (Whoosh's lexicon() reads the file once per word: seconds at 200,000 documents)."""
    wanted = [name for name in fieldnames if name in leaf.schema]
    try:
        table = leaf._terms._tindex
        numbers = {_FIELD_NUMBER.pack(table.extras["fieldmap"][name])
                   for name in wanted if name in table.extras["fieldmap"]}
        data = table.dbfile.get(table.startofdata, table.endofdata - table.startofdata)
    except (AttributeError, KeyError):
        for name in wanted:
            for raw in leaf.lexicon(name):
                yield raw.decode("utf-8") if isinstance(raw, bytes) else raw
        return
    pos, end, head = 0, len(data), _RECORD.size
    unpack = _RECORD.unpack_from
    while pos < end:
        keylen, datalen = unpack(data, pos)
        key = data[pos + head:pos + head + keylen]
        if key[:2] in numbers:
            yield key[2:].decode("utf-8")
        pos += head + keylen + datalen


_RECORD = struct.Struct("!ii")  # whoosh.filedb.filetables: key and value lengths
_FIELD_NUMBER = struct.Struct("!H")  # whoosh.codec.whoosh3: a key starts with its field
_REGISTRY: dict[str, Vocabulary] = {}


def vocabulary_for(reader) -> Vocabulary:
    """The vocabulary that scanned this reader's segments (made now if there is none)."""
    for leaf, _ in reader.leaf_readers():
        found = _REGISTRY.get(segment_key(leaf))
        if found is not None:
            return found.update(reader)
    return Vocabulary().update(reader)


def word_known(reader, word: str) -> bool:
    return vocabulary_for(reader).known(word)
