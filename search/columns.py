"""Per-document arrays of the filter and facet fields, for numpy counting.

Whoosh's own `groupedby` facets walk Python objects per match; here each segment's
columns are read once into numpy arrays (cached by segment, so a refresh after a small
commit only reads the new segment) and every filter and facet is array arithmetic over
the matching document numbers.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

import numpy as np

from index.analysis import fold


@dataclass
class SegmentColumns:
    """Raw values of one segment, with codes local to the segment."""

    doc_count: int
    date: np.ndarray          # int32 yyyymmdd
    group: np.ndarray         # int64 hash of the joint-question key
    minister: np.ndarray      # int32 index into minister_values
    minister_values: list[str]
    asker: np.ndarray
    asker_values: list[str]
    kw_indptr: np.ndarray     # CSR rows: keywords of each document
    kw_words: list[str]       # one entry per (document, keyword)


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little",
                          signed=True)


def _codes(values: list[str]) -> tuple[np.ndarray, list[str]]:
    table: dict[str, int] = {}
    codes = np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int32,
                        count=len(values))
    return codes, list(table)


def read_segment(reader) -> SegmentColumns:
    n = reader.doc_count_all()
    dates = reader.column_reader("date")
    groups = reader.column_reader("group")
    ministers = [reader.column_reader("minister")[i] for i in range(n)]
    askers = [reader.column_reader("asker")[i] for i in range(n)]
    keywords = reader.column_reader("keywords")
    date = np.fromiter((int(dates[i].replace("-", "") or 0) for i in range(n)), dtype=np.int32,
                       count=n)
    group = np.fromiter((_hash64(groups[i]) for i in range(n)), dtype=np.int64, count=n)
    minister, minister_values = _codes(ministers)
    asker, asker_values = _codes(askers)
    indptr = np.zeros(n + 1, dtype=np.int64)
    words: list[str] = []
    for i in range(n):
        value = keywords[i]
        if isinstance(value, bytes):
            value = value.decode()
        row = value.split() if value else []
        words.extend(row)
        indptr[i + 1] = len(words)
    return SegmentColumns(n, date, group, minister, minister_values, asker, asker_values,
                          indptr, words)


class Columns:
    """The arrays of a whole searcher: segments concatenated, codes made global."""

    def __init__(self, segments: list[SegmentColumns]):
        self.minister_values: list[str] = []
        self.asker_values: list[str] = []
        self.keyword_values: list[str] = []
        tables = {"minister": {}, "asker": {}, "keyword": {}}

        def remap(kind: str, codes: np.ndarray, values: list[str]) -> np.ndarray:
            table = tables[kind]
            lookup = np.array([table.setdefault(v, len(table)) for v in values] or [0],
                              dtype=np.int32)
            return lookup[codes] if len(codes) else codes

        dates, groups, ministers, askers, kw_doc, kw_ids = [], [], [], [], [], []
        offset = 0
        for seg in segments:
            dates.append(seg.date)
            groups.append(seg.group)
            ministers.append(remap("minister", seg.minister, seg.minister_values))
            askers.append(remap("asker", seg.asker, seg.asker_values))
            kw_table = tables["keyword"]
            kw_ids.append(np.fromiter((kw_table.setdefault(w, len(kw_table))
                                       for w in seg.kw_words), dtype=np.int32,
                                      count=len(seg.kw_words)))
            kw_doc.append(np.repeat(np.arange(seg.doc_count, dtype=np.int64) + offset,
                                    np.diff(seg.kw_indptr)))
            offset += seg.doc_count
        self.doc_count = offset
        self.minister_values = list(tables["minister"])
        self.asker_values = list(tables["asker"])
        self.keyword_values = list(tables["keyword"])
        def cat(parts: list[np.ndarray], dtype) -> np.ndarray:
            return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)

        self.date = cat(dates, np.int32)
        self.year = self.date // 10000
        self.month = self.date // 100
        self.group = cat(groups, np.int64)
        self.minister = cat(ministers, np.int32)
        self.asker = cat(askers, np.int32)
        self.kw_doc = cat(kw_doc, np.int64)
        self.kw_id = cat(kw_ids, np.int32)
        self.kw_global = np.bincount(self.kw_id, minlength=len(self.keyword_values)) \
            if len(self.kw_id) else np.zeros(len(self.keyword_values), dtype=np.int64)
        self._folded_ministers = [fold(v) for v in self.minister_values]
        self._folded_askers = [fold(v) for v in self.asker_values]

    # -- name matching for filters: full name or last name, case- and accent-insensitive
    def minister_codes(self, name: str) -> list[int]:
        return _match_names(self._folded_ministers, name)

    def asker_codes(self, name: str) -> list[int]:
        return _match_names(self._folded_askers, name)


def _match_names(folded: list[str], name: str) -> list[int]:
    wanted = " ".join(fold(name).split())
    if not wanted:
        return []
    return [i for i, full in enumerate(folded)
            if full == wanted or full.endswith(" " + wanted)]


class ColumnCache:
    """Segment arrays kept across searcher refreshes, keyed by segment identity."""

    def __init__(self):
        self._segments: dict[str, SegmentColumns] = {}
        self._lock = threading.Lock()
        self._current: tuple[tuple[str, ...], Columns] | None = None

    def columns(self, searcher) -> Columns:
        leaves = [reader for reader, _offset in searcher.reader().leaf_readers()]
        keys = tuple(_segment_key(reader) for reader in leaves)
        with self._lock:
            if self._current and self._current[0] == keys:
                return self._current[1]
            segments = []
            for key, reader in zip(keys, leaves, strict=True):
                if key not in self._segments:
                    self._segments[key] = read_segment(reader)
                segments.append(self._segments[key])
            for stale in set(self._segments) - set(keys):
                del self._segments[stale]
            columns = Columns(segments)
            self._current = (keys, columns)
            return columns


def _segment_key(reader) -> str:
    segment = reader.segment()
    if segment is None:
        return f"reader-{id(reader)}"
    return f"{segment.segment_id()}"
