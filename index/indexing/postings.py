"""Posting lists that numpy can read a block at a time: a codec and a positions format.

This module writes the format; index/indexing/whoosh_private.py decodes it (and holds its layout
constants), so the bytes are parsed in one place.

Whoosh 3 pickles each block of postings as Python tuples and each document's positions
as a pickled list, so reading a common word's postings costs about a microsecond per
document in `pickle.loads` alone. This codec writes the same blocks as flat arrays:

    int32 length (negative for the last block), INFO (count, last id, max weight, flags,
    min and max length bytes, sizes of A and B), A = zlib(uint32 id deltas [+ float32
    weights]), B = zlib(uint32 value lengths + the values concatenated)

so search reads ids and weights of a whole block with two `np.frombuffer` calls and
never inflates B unless it needs positions. `PackedPositions` stores a document's
positions as uint16 deltas (0xFFFF escapes a wider delta), so the positions of a block
are one array too. Both keep Whoosh's reader interface, so every Whoosh query, merge
and deletion works unchanged on them; segments written by Whoosh's own codec (any
writer that does not ask for this one) stay readable, only slower to search.
"""

from __future__ import annotations

import zlib
from array import array

import numpy as np
from whoosh import formats
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3LeafMatcher, W3PostingsWriter
from whoosh.matching import ListMatcher
from whoosh.system import pack_int
from whoosh.util.numeric import byte_to_length, length_to_byte

from index.indexing.whoosh_private import (
    A_ZLIB,
    B_ZLIB,
    ESCAPE,
    INFO,
    MAGIC,
    WEIGHTS,
    check_magic,
    decode_ids_weights,
    decode_positions,
    decode_values,
    read_block_header,
)
from index.indexing.whoosh_private import LITTLE_ENDIAN as _LITTLE

MIN_COMPRESS = 64


class PackedPositions(formats.Positions):
    """Positions as uint16 deltas; a delta of 0xFFFF or more is 0xFFFF, low, high."""

    def encode(self, poslist) -> bytes:
        return encode_positions(poslist)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return decode_positions(valuestring)

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(decode_positions(valuestring))

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost

    def combine(self, vs) -> bytes:
        return encode_positions(sorted({p for v in vs for p in decode_positions(v)}))


def encode_positions(poslist) -> bytes:
    out = array("H")
    prev = 0
    for pos in poslist:
        delta = pos - prev
        prev = pos
        if delta < ESCAPE:
            out.append(delta)
        else:
            out.extend((ESCAPE, delta & 0xFFFF, delta >> 16))
    if not _LITTLE:
        out.byteswap()
    return out.tobytes()


class PackedCodec(W3Codec):
    """Whoosh's W3 codec with array-packed posting blocks (see the module docstring)."""

    def __init__(self, blocklimit: int = 512, compression: int = 1, inlinelimit: int = 1):
        super().__init__(blocklimit, compression, inlinelimit)

    def field_writer(self, storage, segment):
        return PackedFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        if byteids:  # term vectors: keep Whoosh's own layout
            return super().postings_writer(dbfile, byteids)
        return PackedPostingsWriter(dbfile, blocklimit=self._blocklimit,
                                    compression=self._compression,
                                    inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(ids, weights, values, format_, scorer=scorer, term=term,
                               terminfo=terminfo)
        offset, length = terminfo.extent()
        return PackedLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


def _pack(data: bytes, level: int) -> tuple[bytes, bool]:
    if level and len(data) >= MIN_COMPRESS:
        return zlib.compress(data, level), True
    return data, False


class PackedFieldWriter(W3FieldWriter):
    def add_postings(self, schema, lengths, items):
        """Whoosh's loop (sorted postings in, terms and blocks out) with less work per
        posting: no lookup of the document's field length (blocks then claim a minimum
        length of 0, which only makes Whoosh's own block skipping more cautious;
        search/matching.py scores from the length column) and no per-posting checks."""
        lastfn = lasttext = None
        add = None
        for fieldname, btext, docnum, weight, value in items:
            if fieldname != lastfn:
                if lasttext is not None:
                    self.finish_term()
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                lastfn, lasttext = fieldname, None
            if docnum == -1:  # Whoosh's marker for spelling words: no postings
                continue
            if btext != lasttext:
                if lasttext is not None:
                    self.finish_term()
                self.start_term(btext)
                lasttext = btext
                add = self._postwriter.add_posting
            add(docnum, weight, value or b"")
        if lasttext is not None:
            self.finish_term()
        if lastfn is not None:
            self.finish_field()


class PackedPostingsWriter(W3PostingsWriter):
    def add_posting(self, id_, weight, vbytes, length=None):
        """W3's add_posting without its per-posting type assertions."""
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)

    def _write_block(self, last=False):
        if not self._blockcount:
            self._postfile.write(MAGIC)
        self._terminfo.add_block(self)
        ids = self._ids
        flags = 0
        if len(ids) < 16:  # most blocks hold a rare word's few postings: no numpy
            deltas = array("I", [ids[0]] + [b - a for a, b in zip(ids, ids[1:], strict=False)])
        else:
            deltas = array("I", np.diff(np.frombuffer(ids, dtype=np.uint32),
                                        prepend=np.uint32(0)).tobytes())
        if not _LITTLE:
            deltas.byteswap()
        a = deltas.tobytes()
        weights = self._weights
        if any(w != 1.0 for w in weights):
            flags |= WEIGHTS
            weights = array("f", weights)
            if not _LITTLE:
                weights.byteswap()
            a += weights.tobytes()
        a, packed = _pack(a, self._compression)
        flags |= A_ZLIB if packed else 0
        b = b""
        values = self._values
        if values:
            lengths = array("I", map(len, values))
            if not _LITTLE:
                lengths.byteswap()
            b, packed = _pack(lengths.tobytes() + b"".join(values), self._compression)
            flags |= B_ZLIB if packed else 0
        info = INFO.pack(len(ids), ids[-1], self._maxweight, flags,
                         length_to_byte(self._minlength), length_to_byte(self._maxlength),
                         len(a), len(b))
        size = len(info) + len(a) + len(b)
        self._postfile.write(pack_int(-size if last else size) + info + a + b)
        self._blockcount += 1
        self._new_block()


class PackedLeafMatcher(W3LeafMatcher):
    """Whoosh's matcher interface over packed blocks, plus whole-block numpy access."""

    def _read_header(self):
        check_magic(self._postfile, self._startoffset)
        self._baseoffset = self._startoffset + 4

    def _goto(self, position):
        self._data = self._ids = self._weights = self._values = None
        self._arrays = None
        self._i = 0
        head = read_block_header(self._postfile, position)
        self._lastblock, self._nextoffset = head.last, head.next_offset
        self._blocklength, self._maxid, self._maxweight = head.count, head.last_id, \
            head.max_weight
        self._flags, self._alen, self._blen = head.flags, head.a_size, head.b_size
        self._compression = self._flags & (A_ZLIB | B_ZLIB)
        self._dataoffset = head.data_offset
        self._minlength = byte_to_length(head.min_length)
        self._maxlength = byte_to_length(head.max_length)

    # -- whole-block access (index/indexing/whoosh_private.py, for search/postings.py)
    def block_arrays(self) -> tuple[np.ndarray, np.ndarray | None]:
        """(ids as int64, weights as float32 or None when all are 1.0) of this block."""
        if self._arrays is None:
            self._arrays = decode_ids_weights(self._postfile.get(self._dataoffset, self._alen),
                                              self._flags, self._blocklength)
        return self._arrays

    def block_values(self) -> tuple[np.ndarray, bytes]:
        """(byte length of each posting's value, the values concatenated)."""
        return decode_values(self._postfile.get(self._dataoffset + self._alen, self._blen),
                             bool(self._flags & B_ZLIB), self._blocklength)

    # -- Whoosh's matcher interface
    def _read_ids(self):
        self._ids = self.block_arrays()[0].tolist()

    def _read_weights(self):
        weights = self.block_arrays()[1]
        self._weights = array("f", [1.0] * self._blocklength) if weights is None \
            else array("f", weights.tolist())

    def _read_values(self):
        if not self._blen:
            self._values = (None,) * self._blocklength if self._fixedsize == 0 \
                else (b"",) * self._blocklength
            return
        lengths, blob = self.block_values()
        ends = np.cumsum(lengths).tolist()
        starts = [0, *ends[:-1]]
        self._values = tuple(blob[a:b] for a, b in zip(starts, ends, strict=True))
