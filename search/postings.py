"""Whole posting lists as numpy arrays, read a block at a time and cached per segment.

Whoosh's matchers hand out one posting per Python call; counting and scoring every
match of a common word that way costs seconds at a few hundred thousand documents.
Here a term's postings in one segment become two arrays (document numbers, weights),
and a phrase's positions one more, straight from the packed blocks of
index/postings.py. The block table (where each block's positions are) is kept with the
arrays, so a phrase later reads only the position sections of blocks that hold a
candidate document, without decoding anything else again. Segments from Whoosh's own
codec are read through its matcher (slower, same result). Entries live in a bounded
LRU cache keyed by segment: a segment never changes once written (deletions are
applied by the caller).
"""

from __future__ import annotations

import os
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from whoosh.reading import TermNotFound

from index.postings import B_ZLIB, ESCAPE, PackedLeafMatcher

# Decoded postings kept per process (VRAAGBAAK_POSTING_CACHE_MB; 0 turns the cache off).
CACHE_BYTES = int(os.environ.get("VRAAGBAAK_POSTING_CACHE_MB", "192")) * 2**20
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
    """term -> Postings per segment, least recently used out past a byte budget."""

    def __init__(self, budget: int = CACHE_BYTES):
        self.budget = budget
        self.size = 0
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def postings(self, reader, fieldname: str, term: str) -> Postings:
        key = (segment_key(reader), fieldname, term)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        found = read_postings(reader, fieldname, term)
        if not self.budget:
            return found
        with self._lock:
            if key not in self._items:
                self._items[key] = found
                self.size += found.nbytes
            while self.size > self.budget and self._items:
                self.size -= self._items.popitem(last=False)[1].nbytes
        return found


def _matcher(reader, fieldname: str, term: str):
    terms = getattr(reader, "_terms", None)  # SegmentReader's terms: no deletion filter
    if terms is None or fieldname not in reader.schema:
        return None
    try:
        return terms.matcher(fieldname, term.encode("utf-8"), reader.schema[fieldname].format)
    except TermNotFound:
        return None


def read_postings(reader, fieldname: str, term: str) -> Postings:
    """Segment-local document numbers (int64), weights (float32) and the block table."""
    m = _matcher(reader, fieldname, term)
    if m is None or not m.is_active():
        return EMPTY
    if not isinstance(m, PackedLeafMatcher):
        ids = np.fromiter(m.all_ids(), dtype=np.int64)
        m.reset()
        weights = np.array([m.weight() for _ in _each(m)], dtype=np.float32)
        return Postings(ids, weights)
    id_parts, weight_parts, blocks = [], [], []
    first = 0
    while m.is_active():
        ids, weights = m.block_arrays()
        id_parts.append(ids)
        weight_parts.append(np.ones(len(ids), dtype=np.float32) if weights is None
                            else weights)
        blocks.append((m._dataoffset + m._alen, m._blen, m._flags & B_ZLIB, first, len(ids)))
        first += len(ids)
        m._next_block()
    return Postings(np.concatenate(id_parts), np.concatenate(weight_parts),
                    np.array(blocks, dtype=np.int64))


def _each(m):
    while m.is_active():
        yield
        m.next()


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
        return _positions_slow(_matcher(reader, fieldname, term), wanted)
    hit = wanted[postings.ids]
    firsts, counts = postings.blocks[:, 3], postings.blocks[:, 4]
    needed = np.flatnonzero(np.add.reduceat(hit, firsts) > 0)
    if not len(needed):
        return _NO_IDS, _NO_IDS
    postfile = reader._terms._postfile
    lengths_parts, blobs = [], []
    for offset, size, packed, _first, count in postings.blocks[needed].tolist():
        data = postfile.get(offset, size)
        if packed:
            data = zlib.decompress(data)
        lengths_parts.append(np.frombuffer(data, dtype="<u4", count=count))
        blobs.append(data[4 * count:])
    rows = np.concatenate([np.arange(f, f + c) for f, c in
                           zip(firsts[needed].tolist(), counts[needed].tolist(), strict=True)])
    docs = postings.ids[rows]
    lengths = np.concatenate(lengths_parts).astype(np.int64)
    codes = np.frombuffer(b"".join(blobs), dtype="<u2").astype(np.int64)
    if (codes == ESCAPE).any():
        return _positions_slow_arrays(docs, lengths, codes, wanted)
    counts_per = lengths // 2
    owner = np.repeat(np.arange(len(docs)), counts_per)
    total = np.cumsum(codes)
    starts = np.cumsum(counts_per) - counts_per
    before = np.where(starts > 0, total[np.maximum(starts - 1, 0)], 0)
    positions = total - np.repeat(before, counts_per)
    keep = hit[rows][owner]
    return docs[owner][keep], positions[keep]


def _positions_slow(m, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    docs, positions = [], []
    fmt = m.format
    while m.is_active():
        doc = m.id()
        if wanted[doc]:
            for pos in fmt.decode_positions(m.value()):
                docs.append(doc)
                positions.append(pos)
        m.next()
    return np.array(docs, dtype=np.int64), np.array(positions, dtype=np.int64)


def _positions_slow_arrays(docs, lengths, codes, wanted) -> tuple[np.ndarray, np.ndarray]:
    """The same as the vectorized path, for the rare block with a wide (escaped) gap."""
    out_docs, out_pos = [], []
    offset = 0
    for doc, length in zip(docs.tolist(), lengths.tolist(), strict=True):
        n = length // 2
        if wanted[doc]:
            pos, i = 0, offset
            while i < offset + n:
                delta = int(codes[i])
                if delta == ESCAPE:
                    delta = int(codes[i + 1]) | int(codes[i + 2]) << 16
                    i += 2
                pos += delta
                out_docs.append(doc)
                out_pos.append(pos)
                i += 1
        offset += n
    return np.array(out_docs, dtype=np.int64), np.array(out_pos, dtype=np.int64)
