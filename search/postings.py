"""Whole posting lists as numpy arrays, read a block at a time and cached per segment.

Whoosh's matchers hand out one posting per Python call; counting and scoring every
match of a common word that way costs seconds at a few hundred thousand documents.
Here a term's postings in one segment become two arrays (document numbers, weights),
and a phrase's positions one more, straight from the packed blocks of
index/indexing/postings.py, read and decoded by index/indexing/whoosh_private.py. The
block table (where each block's positions are) is kept with the arrays, so a phrase later
reads only the position sections of blocks that hold a candidate document, without decoding anything
else again. Segments from Whoosh's own codec are read through its matcher (slower, same
result). Entries live in a bounded LRU cache keyed by segment: a segment never changes
once written (deletions are applied by the caller).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from config.settings import Settings
from index.indexing.postings import PackedLeafMatcher
from index.indexing.whoosh_private import (
    all_postings,
    decode_position_arrays,
    matcher_positions,
    packed_blocks,
    read_value_sections,
    term_matcher,
)

_NO_IDS = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class Postings:
    """One term in one segment. `blocks` rows: (offset of the positions section, its
    length, compressed?, first posting, postings); None for Whoosh's own codec."""

    ids: np.ndarray
    weights: np.ndarray
    blocks: np.ndarray | None = None

    @property
    def nbytes(self) -> int:
        extra = self.blocks.nbytes if self.blocks is not None else 0
        return self.ids.nbytes + self.weights.nbytes + extra + 200


EMPTY = Postings(_NO_IDS, np.zeros(0, dtype=np.float32))


def segment_key(reader) -> str:
    segment = reader.segment()
    return segment.segment_id() if segment is not None else f"reader-{id(reader)}"


class PostingCache:
    """term -> Postings per segment, least recently used out past a byte budget
    (the posting_cache_mb setting; 0 turns the cache off)."""

    def __init__(self, budget: int = Settings.posting_cache_mb * 2**20):
        self.budget = budget
        self.size = 0
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def postings(self, reader, fieldname: str, term: str, segment: str | None = None
                 ) -> Postings:
        return self.many(reader, fieldname, (term,), segment)[0]

    def many(self, reader, fieldname: str, terms, segment: str | None = None
             ) -> list[Postings]:
        """The postings of several terms of one segment (`segment`: its key, when the
        caller has it), looked up under one lock: a plain word reads a dozen forms and
        part terms in every field and segment."""
        segment = segment or segment_key(reader)
        keys = [(segment, fieldname, term) for term in terms]
        with self._lock:
            found = [self._items.get(key) for key in keys]
            for key, item in zip(keys, found, strict=True):
                if item is not None:
                    self._items.move_to_end(key)
        for i, key in enumerate(keys):
            if found[i] is None:
                found[i] = self._add(key, read_postings(reader, fieldname, key[2]))
        return found

    def _add(self, key: tuple, found: Postings) -> Postings:
        if not self.budget:
            return found
        with self._lock:
            if key not in self._items:
                self._items[key] = found
                self.size += found.nbytes
            while self.size > self.budget and self._items:
                self.size -= self._items.popitem(last=False)[1].nbytes
        return found


def read_postings(reader, fieldname: str, term: str) -> Postings:
    """Segment-local document numbers (int64), weights (float32) and the block table."""
    m = term_matcher(reader, fieldname, term)
    if m is None or not m.is_active():
        return EMPTY
    if not isinstance(m, PackedLeafMatcher):
        return Postings(*all_postings(m))
    id_parts, weight_parts, blocks = [], [], []
    first = 0
    for ids, weights, (offset, size, packed) in packed_blocks(m):
        id_parts.append(ids)
        weight_parts.append(np.ones(len(ids), dtype=np.float32) if weights is None
                            else weights)
        blocks.append((offset, size, packed, first, len(ids)))
        first += len(ids)
    return Postings(np.concatenate(id_parts), np.concatenate(weight_parts),
                    np.array(blocks, dtype=np.int64))


def read_positions(reader, fieldname: str, term: str, wanted: np.ndarray,
                   postings: Postings | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(local document number, position) of every occurrence in the wanted documents.

    `wanted` is a boolean mask over the segment's documents; only the position sections
    of blocks with a wanted document are read. Both arrays come out sorted by document,
    then position.
    """
    if postings is None:
        postings = read_postings(reader, fieldname, term)
    if not len(postings.ids):
        return _NO_IDS, _NO_IDS
    if postings.blocks is None:
        return matcher_positions(term_matcher(reader, fieldname, term), wanted)
    hit = wanted[postings.ids]
    firsts, counts = postings.blocks[:, 3], postings.blocks[:, 4]
    needed = np.flatnonzero(np.add.reduceat(hit, firsts) > 0)
    if not len(needed):
        return _NO_IDS, _NO_IDS
    sections = read_value_sections(
        reader, [(offset, size, packed, count) for offset, size, packed, _first, count
                 in postings.blocks[needed].tolist()])
    rows = np.concatenate([np.arange(f, f + c) for f, c in
                           zip(firsts[needed].tolist(), counts[needed].tolist(), strict=True)])
    lengths = np.concatenate([lengths for lengths, _ in sections])
    blob = b"".join(values for _, values in sections)
    return decode_position_arrays(postings.ids[rows], lengths, blob, hit[rows])
