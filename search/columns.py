"""Per-document arrays of the filter and facet fields, for numpy counting.

Whoosh's own `groupedby` facets walk Python objects per match; here each segment's
columns are read once into numpy arrays (cached by segment, so a refresh after a small
commit only reads the new segment) and every filter and facet is array arithmetic over
the matching document numbers. The same arrays hold the text fields' lengths (for
scoring) and which documents are live (deletions change without a new segment).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

import numpy as np
from whoosh.util.numeric import byte_to_length

from index.indexing.schema import EXACT_FIELDS
from index.indexing.whoosh_private import column_values, length_bytes
from search.names import name_key, names_matching
from search.postings import segment_key

_BYTE_LENGTHS = np.array([byte_to_length(b) or 0 for b in range(256)], dtype=np.float32)


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
    lengths: dict[str, np.ndarray]  # text field -> length of each document (for BM25)
    length_totals: dict[str, int]   # text field -> sum of the exact lengths (Whoosh's)
    kw_ids: np.ndarray | None = None  # kw_words as ids of the cache's keyword table
    # official metadata (index schema 3); dates as datetime64[D], NaT when unknown
    theme_indptr: np.ndarray | None = None
    theme_words: list[str] | None = None
    asked: np.ndarray | None = None
    answered: np.ndarray | None = None
    on_time: np.ndarray | None = None       # int8: -1 unknown, 0 late, 1 in time
    has_answer: np.ndarray | None = None    # bool: the text holds an answer
    portfolio: np.ndarray | None = None
    portfolio_values: list[str] | None = None


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little",
                          signed=True)


def _codes(values: list[str]) -> tuple[np.ndarray, list[str]]:
    table: dict[str, int] = {}
    codes = np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int32,
                        count=len(values))
    return codes, list(table)


def _lengths(reader, fieldname: str, n: int) -> np.ndarray:
    """Field lengths (the byte-quantized ones Whoosh stores) of every document."""
    return _BYTE_LENGTHS[length_bytes(reader, fieldname, n)]


def read_segment(reader) -> SegmentColumns:
    n = reader.doc_count_all()
    dates, groups = column_values(reader, "date", n), column_values(reader, "group", n)
    date = np.fromiter((int(d.replace("-", "") or 0) for d in dates), dtype=np.int32, count=n)
    group = np.fromiter((_hash64(g) for g in groups), dtype=np.int64, count=n)
    minister, minister_values = _codes(column_values(reader, "minister", n))
    asker, asker_values = _codes(column_values(reader, "asker", n))
    indptr = np.zeros(n + 1, dtype=np.int64)
    words: list[str] = []
    for i, value in enumerate(column_values(reader, "keywords", n)):
        if isinstance(value, bytes):
            value = value.decode()
        words.extend(value.split() if value else [])
        indptr[i + 1] = len(words)
    lengths = {name: _lengths(reader, name, n) for name in EXACT_FIELDS}
    totals = {name: reader.field_length(name) for name in EXACT_FIELDS}
    seg = SegmentColumns(n, date, group, minister, minister_values, asker, asker_values,
                         indptr, words, lengths, totals)
    _read_metadata(reader, n, seg)
    return seg


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else (value or "")


def _dates(values: list) -> np.ndarray:
    return np.array([_text(v) or "NaT" for v in values], dtype="datetime64[D]")


def _read_metadata(reader, n: int, seg: SegmentColumns) -> None:
    """Themes (CSR rows, like keywords), dates asked and answered, the on-time flag,
    whether the text has an answer, and the portfolio of every document."""
    seg.theme_indptr = np.zeros(n + 1, dtype=np.int64)
    seg.theme_words = []
    for i, value in enumerate(column_values(reader, "themes", n)):
        text = _text(value)
        seg.theme_words.extend(t for t in text.split("\n") if t)
        seg.theme_indptr[i + 1] = len(seg.theme_words)
    seg.asked = _dates(column_values(reader, "asked", n))
    seg.answered = _dates(column_values(reader, "answered", n))
    flags = {"1": 1, "0": 0}
    seg.on_time = np.fromiter((flags.get(_text(v), -1)
                               for v in column_values(reader, "on_time", n)),
                              dtype=np.int8, count=n)
    seg.has_answer = np.fromiter((_text(v) not in ("none", "") for v in
                                  column_values(reader, "answer_kind", n)), dtype=bool, count=n)
    seg.portfolio, seg.portfolio_values = _codes([_text(v) for v in
                                                  column_values(reader, "portfolio", n)])


def live_mask(searcher, doc_count: int) -> np.ndarray:
    """True for every document that is not deleted."""
    live = np.ones(doc_count, dtype=bool)
    for reader, offset in searcher.reader().leaf_readers():
        if reader.has_deletions():
            gone = np.fromiter(reader.segment().deleted_docs(), dtype=np.int64)
            live[gone + offset] = False
    return live


class Columns:
    """The arrays of a whole searcher: segments concatenated, codes made global."""

    def __init__(self, segments: list[SegmentColumns], live: np.ndarray | None = None,
                 keywords: dict[str, int] | None = None):
        """keywords: an append-only word -> id table shared by the segments of a cache,
        so a refresh maps only a new segment's keywords (1.6 million at 200,000)."""
        self.minister_values: list[str] = []
        self.asker_values: list[str] = []
        self.keyword_values: list[str] = []
        tables = {"minister": {}, "asker": {}, "keyword": {}, "theme": {}, "portfolio": {}}

        def remap(kind: str, codes: np.ndarray, values: list[str]) -> np.ndarray:
            table = tables[kind]
            lookup = np.array([table.setdefault(v, len(table)) for v in values] or [0],
                              dtype=np.int32)
            return lookup[codes] if len(codes) else codes

        dates, groups, ministers, askers, kw_doc, kw_ids = [], [], [], [], [], []
        theme_doc, theme_ids, asked, answered, on_time, has_answer, portfolios = \
            [], [], [], [], [], [], []
        offset = 0
        for seg in segments:
            dates.append(seg.date)
            groups.append(seg.group)
            ministers.append(remap("minister", seg.minister, seg.minister_values))
            askers.append(remap("asker", seg.asker, seg.asker_values))
            if keywords is None or seg.kw_ids is None:
                table = tables["keyword"] if keywords is None else keywords
                ids = np.fromiter((table.setdefault(w, len(table)) for w in seg.kw_words),
                                  dtype=np.int32, count=len(seg.kw_words))
                if keywords is not None:
                    seg.kw_ids = ids
            kw_ids.append(seg.kw_ids if keywords is not None else ids)
            kw_doc.append(np.repeat(np.arange(seg.doc_count, dtype=np.int64) + offset,
                                    np.diff(seg.kw_indptr)))
            theme_table = tables["theme"]
            theme_ids.append(np.fromiter((theme_table.setdefault(t, len(theme_table))
                                          for t in seg.theme_words), dtype=np.int32,
                                         count=len(seg.theme_words)))
            theme_doc.append(np.repeat(np.arange(seg.doc_count, dtype=np.int64) + offset,
                                       np.diff(seg.theme_indptr)))
            asked.append(seg.asked)
            answered.append(seg.answered)
            on_time.append(seg.on_time)
            has_answer.append(seg.has_answer)
            portfolios.append(remap("portfolio", seg.portfolio, seg.portfolio_values))
            offset += seg.doc_count
        self.doc_count = offset
        self.minister_values = list(tables["minister"])
        self.asker_values = list(tables["asker"])
        self.keyword_values = list(tables["keyword"] if keywords is None else keywords)

        def cat(parts: list[np.ndarray], dtype) -> np.ndarray:
            return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)

        self.date = cat(dates, np.int32)
        self.year = self.date // 10000
        self.month = self.date // 100
        self.group = cat(groups, np.int64)
        # dense question numbers: counting distinct questions is then a scatter, not a sort
        _, inverse = np.unique(self.group, return_inverse=True)
        self.question = inverse.astype(np.int32).reshape(-1)
        self.question_count = int(self.question.max()) + 1 if offset else 0
        self.minister = cat(ministers, np.int32)
        self.asker = cat(askers, np.int32)
        self.theme_values = list(tables["theme"])
        self.theme_doc = cat(theme_doc, np.int64)
        self.theme_id = cat(theme_ids, np.int32)
        self._theme_keys = [name_key(v) for v in self.theme_values]
        self.asked = cat(asked, "datetime64[D]")
        self.answered = cat(answered, "datetime64[D]")
        self.on_time = cat(on_time, np.int8)
        self.has_answer = cat(has_answer, bool)
        self.portfolio = cat(portfolios, np.int32)
        self.portfolio_values = list(tables["portfolio"])
        self._status: dict = {}
        self.kw_doc = cat(kw_doc, np.int64)
        self.kw_id = cat(kw_ids, np.int32)
        self.kw_global = np.bincount(self.kw_id, minlength=len(self.keyword_values)) \
            if len(self.kw_id) else np.zeros(len(self.keyword_values), dtype=np.int64)
        self._minister_keys = [name_key(v) for v in self.minister_values]
        self._asker_keys = [name_key(v) for v in self.asker_values]
        self.live = np.ones(offset, dtype=bool) if live is None else live
        self.live_count = int(self.live.sum())
        self.lengths = {name: cat([seg.lengths[name] for seg in segments], np.float32)
                        for name in EXACT_FIELDS}
        # as Whoosh averages: all documents, deleted ones included
        self.avg_length = {name: sum(seg.length_totals[name] for seg in segments)
                           / max(offset, 1) or 1.0 for name in EXACT_FIELDS}

    def first_of_questions(self, matched: np.ndarray) -> np.ndarray:
        """The lowest matching document of each question with a match, in order."""
        first = np.full(self.question_count, self.doc_count, dtype=np.int64)
        np.minimum.at(first, self.question[matched], matched)
        return np.sort(first[first < self.doc_count])

    # -- who a filter's name means (search/names.py)
    def minister_codes(self, name: str) -> list[int]:
        return names_matching(name, self._minister_keys)

    def asker_codes(self, name: str) -> list[int]:
        return names_matching(name, self._asker_keys)

    # -- official metadata
    def theme_code(self, theme: str) -> int | None:
        """A theme as given, case- and accent-insensitively; None when no document has it."""
        wanted = name_key(theme)
        return next((i for i, t in enumerate(self._theme_keys) if t == wanted), None)

    def with_theme(self, code: int) -> np.ndarray:
        """Mask of the documents that carry theme `code`."""
        mask = np.zeros(self.doc_count, dtype=bool)
        mask[self.theme_doc[self.theme_id == code]] = True
        return mask

    def status(self, today) -> np.ndarray:
        """Status code (index into search.status.STATUSES) of every document on `today`."""
        from search.status import status_codes

        if today not in self._status:
            self._status = {today: status_codes(self.asked, self.answered, self.on_time,
                                                self.has_answer, today)}
        return self._status[today]



class ColumnCache:
    """Segment arrays kept across searcher refreshes, keyed by segment identity."""

    def __init__(self):
        self._segments: dict[str, SegmentColumns] = {}
        self._keywords: dict[str, int] = {}
        self._lock = threading.Lock()
        self._current: tuple[tuple, Columns] | None = None

    def columns(self, searcher) -> Columns:
        leaves = [reader for reader, _offset in searcher.reader().leaf_readers()]
        keys = tuple(segment_key(reader) for reader in leaves)
        state = tuple(reader.segment().deleted_count() if reader.segment() else 0
                      for reader in leaves)
        with self._lock:
            if self._current and self._current[0] == (keys, state):
                return self._current[1]
            segments = []
            for key, reader in zip(keys, leaves, strict=True):
                if key not in self._segments:
                    self._segments[key] = read_segment(reader)
                segments.append(self._segments[key])
            for stale in set(self._segments) - set(keys):
                del self._segments[stale]
            columns = Columns(segments, live_mask(searcher, sum(s.doc_count for s in segments)),
                              self._keywords)
            self._current = ((keys, state), columns)
            return columns
