"""Every read below Whoosh's public API, in one place, each with its public fallback.

Whoosh's readers hand out one value (a posting, a word, a column cell) per Python call;
at a few hundred thousand documents that costs seconds per search or per refresh. The
functions here read the same bytes a block at a time, straight from the files of a
segment, through private attributes of the `whoosh3` release pinned in pyproject.toml
(WHOOSH_VERSION; tests/test_whoosh_private.py pins it and checks every fast path against
its fallback). Where an attribute is missing (another Whoosh release, another codec),
each function falls back to the public API: slower, the same result.

The decoding of the packed posting format that index/indexing/postings.py writes lives here too,
so search never parses posting bytes itself:

    block = int32 length (negative for the last block), INFO (count, last id, max weight,
    flags, min and max length bytes, sizes of A and B), A = [zlib](uint32 id deltas
    [+ float32 weights]), B = [zlib](uint32 value lengths + the values concatenated);
    a value (positions) = uint16 deltas, 0xFFFF escaping a wider delta (low, high).
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple

import numpy as np
from whoosh.reading import TermNotFound
from whoosh.system import unpack_int

WHOOSH_VERSION = "3.54.0"

# -- the packed posting format (written by index/indexing/postings.py)
MAGIC = b"VbP1"
INFO = struct.Struct("<IIfBBBII")
WEIGHTS, A_ZLIB, B_ZLIB = 1, 2, 4
ESCAPE = 0xFFFF
LITTLE_ENDIAN = sys.byteorder == "little"
_NO_IDS = np.zeros(0, dtype=np.int64)


class BlockHeader(NamedTuple):
    count: int
    last_id: int
    max_weight: float
    flags: int
    min_length: int   # Whoosh's byte-quantized lengths, as bytes
    max_length: int
    a_size: int
    b_size: int
    last: bool        # the term's last block
    data_offset: int  # where section A starts
    next_offset: int  # where the next block starts


def read_block_header(postfile, position: int) -> BlockHeader:
    """The header of the block at `position` of a packed posting list."""
    length = unpack_int(postfile.get(position, 4))[0]
    info = INFO.unpack(postfile.get(position + 4, INFO.size))
    return BlockHeader(*info, length < 0, position + 4 + INFO.size,
                       position + 4 + abs(length))


def check_magic(postfile, offset: int) -> None:
    """A packed posting list starts with MAGIC; anything else is a corrupt index."""
    magic = postfile.get(offset, 4)
    if magic != MAGIC:
        from whoosh.codec.base import CorruptIndexError

        raise CorruptIndexError(f"Bad packed postings tag {magic!r} at offset {offset}; "
                                f"rebuild the index.")


def decode_ids_weights(data: bytes, flags: int, count: int
                       ) -> tuple[np.ndarray, np.ndarray | None]:
    """Section A of a block: (ids as int64, weights as float32, or None when all 1.0)."""
    if flags & A_ZLIB:
        data = zlib.decompress(data)
    ids = np.cumsum(np.frombuffer(data, dtype="<u4", count=count), dtype=np.int64)
    weights = np.frombuffer(data, dtype="<f4", count=count, offset=4 * count) \
        if flags & WEIGHTS else None
    return ids, weights


def decode_values(data: bytes, compressed: bool, count: int) -> tuple[np.ndarray, bytes]:
    """Section B of a block: (byte length of each posting's value, the values joined)."""
    if compressed:
        data = zlib.decompress(data)
    lengths = np.frombuffer(data, dtype="<u4", count=count).astype(np.int64)
    return lengths, data[4 * count:]


def decode_positions(data: bytes) -> list[int]:
    """One posting's positions."""
    codes = array("H")
    codes.frombytes(data)
    if not LITTLE_ENDIAN:
        codes.byteswap()
    out, pos, i, n = [], 0, 0, len(codes)
    while i < n:
        delta = codes[i]
        if delta == ESCAPE:
            delta = codes[i + 1] | codes[i + 2] << 16
            i += 2
        pos += delta
        out.append(pos)
        i += 1
    return out


def decode_position_arrays(docs: np.ndarray, lengths: np.ndarray, blob: bytes,
                           keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(document, position) of every position of the postings whose `keep` is true.

    docs, lengths: per posting, its document and the byte length of its value; blob: the
    values joined. Vectorized unless a wide (escaped) gap occurs."""
    codes = np.frombuffer(blob, dtype="<u2").astype(np.int64)
    if (codes == ESCAPE).any():
        return _position_arrays_escaped(docs, lengths, codes, keep)
    counts = lengths // 2
    owner = np.repeat(np.arange(len(docs)), counts)
    total = np.cumsum(codes)
    starts = np.cumsum(counts) - counts
    before = np.where(starts > 0, total[np.maximum(starts - 1, 0)], 0)
    positions = total - np.repeat(before, counts)
    kept = keep[owner]
    return docs[owner][kept], positions[kept]


def _position_arrays_escaped(docs, lengths, codes, keep) -> tuple[np.ndarray, np.ndarray]:
    out_docs, out_pos = [], []
    offset = 0
    for doc, length, wanted in zip(docs.tolist(), lengths.tolist(), keep.tolist(),
                                   strict=True):
        n = length // 2
        if wanted:
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


# -- postings of one term in one segment
def term_matcher(reader, fieldname: str, term: str):
    """The segment's own matcher for a term (no deletion filter: the caller masks deleted
    documents), or None when the term is not there. Fallback: Whoosh's `postings()`."""
    if fieldname not in reader.schema:
        return None
    terms = getattr(reader, "_terms", None)  # SegmentReader's term and posting files
    try:
        if terms is None:
            return reader.postings(fieldname, term)
        return terms.matcher(fieldname, term.encode("utf-8"), reader.schema[fieldname].format)
    except TermNotFound:
        return None


def packed_blocks(matcher) -> Iterator[tuple[np.ndarray, np.ndarray | None, tuple]]:
    """Each block of a packed matcher (index/indexing/postings.py): (ids, weights or None, where
    its values are: (offset, length, compressed))."""
    while matcher.is_active():
        ids, weights = matcher.block_arrays()
        yield ids, weights, (matcher._dataoffset + matcher._alen, matcher._blen,
                             bool(matcher._flags & B_ZLIB))
        matcher._next_block()


def read_value_sections(reader, sections: list[tuple[int, int, int]]
                        ) -> list[tuple[np.ndarray, bytes]]:
    """The value sections of some blocks, as `packed_blocks` located them: (lengths,
    values joined) per (offset, length, compressed, count)."""
    postfile = reader._terms._postfile
    return [decode_values(postfile.get(offset, size), bool(packed), count)
            for offset, size, packed, count in sections]


def all_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """Ids and weights through Whoosh's matcher interface (any codec)."""
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float32)


def matcher_positions(matcher, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(document, position) of the wanted documents through Whoosh's matcher interface."""
    docs, positions = [], []
    fmt = matcher.format
    while matcher.is_active():
        doc = matcher.id()
        if wanted[doc]:
            for pos in fmt.decode_positions(matcher.value()):
                docs.append(doc)
                positions.append(pos)
        matcher.next()
    return np.array(docs, dtype=np.int64), np.array(positions, dtype=np.int64)


# -- the words of a segment
_RECORD = struct.Struct("!ii")  # whoosh.filedb.filetables: key and value lengths
_FIELD_NUMBER = struct.Struct("!H")  # whoosh.codec.whoosh3: a key starts with its field


def segment_words(leaf, fieldnames) -> Iterator[str]:
    """The words of some fields of one segment, read as one block from its term file
    (Whoosh's lexicon() reads the file once per word: seconds at 200,000 documents).
    Fallback: `lexicon()`."""
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


# -- columns
def column_values(reader, name: str, n: int) -> list:
    """Every document's value of one column, through a single column reader (opening
    one per document re-reads the column's offset table each time), its data read as
    one block when it is a variable-length column. Fallback: iterate the column. A field
    the schema lacks (an index of another version) reads as empty."""
    if name not in reader.schema or not reader.has_column(name):
        return [""] * n
    column = reader.column_reader(name)
    raw = column.raw_column() if hasattr(column, "raw_column") else column
    lengths = getattr(raw, "_lengths", None)
    if lengths is None or not hasattr(raw, "_dbfile"):
        values = list(column)
    else:
        ends = list(accumulate(lengths))
        blob = raw._dbfile.get(raw._basepos, ends[-1]) if ends else b""
        values = [blob[end - length:end] for length, end in zip(lengths, ends, strict=True)]
        translate = getattr(column, "_translate", None)
        if translate is not None:
            values = [translate(v) for v in values]
    return values + [""] * (n - len(values))


def length_bytes(reader, fieldname: str, n: int) -> np.ndarray:
    """The byte-quantized field length Whoosh stores for every document (uint8), read as
    one block. Fallback: `doc_field_length` per document, quantized the same way."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
    from whoosh.util.numeric import length_to_byte

    perdoc = getattr(reader, "_perdoc", None)
    column = None
    if perdoc is not None and hasattr(perdoc, "_cached_reader"):
        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    codes = np.zeros(n, dtype=np.uint8)
    if column is not None:
        if hasattr(column, "_dbfile"):
            raw = np.frombuffer(column._dbfile.get(column._basepos, column._count),
                                dtype=np.uint8)
        else:
            raw = np.fromiter((column[i] for i in range(n)), dtype=np.uint8, count=n)
        codes[:min(n, len(raw))] = raw[:n]
        return codes
    if perdoc is not None:
        return codes  # no lengths for this field in this segment
    for i in range(n):
        codes[i] = length_to_byte(reader.doc_field_length(i, fieldname, 0) or 0)
    return codes
