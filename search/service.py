"""Answer searches on one long-lived searcher.

The searcher is opened once and refreshed when a writer has committed, so new documents
show up without a restart and nothing is reopened per query. One search makes a single
unscored pass over the matches for the total and the facets (numpy over column arrays)
and a separate scored pass only as deep as the requested page.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh import query as wq

from index.model import Record, record_id
from index.schema import EXACT_SUFFIX, TEXT_FIELDS, unpack_record
from index.writer import open_index
from search.columns import ColumnCache, Columns
from search.compile import Compiler, Highlights, stemmed_terms
from search.facets import compute_facets
from search.query import QueryError, parse_query
from search.results import MAX_DEPTH, Hit, RecordRef, SearchRequest, SearchResult
from search.snippets import snippet_for
from search.suggest import suggest

SEARCH_TIME_LIMIT = 5.0
REFRESH_INTERVAL = 0.5


class SearchTimeout(Exception):
    """The search took longer than the time limit."""


@dataclass
class IndexStats:
    records: int
    questions: int
    ministers: int
    askers: int
    first_date: str | None
    last_date: str | None
    segments: int
    size_bytes: int
    index_dir: str

    def to_json(self) -> dict:
        return dict(vars(self))


class SearchService:
    """The search core: every caller (CLI, web, benchmark) goes through this."""

    def __init__(self, index_dir: Path, time_limit: float = SEARCH_TIME_LIMIT):
        self.index_dir = Path(index_dir)
        self.time_limit = time_limit
        self._ix = open_index(self.index_dir, create=False)
        self._searcher = self._ix.searcher()
        self._columns = ColumnCache()
        self._lock = threading.RLock()
        self._checked = time.monotonic()

    def close(self) -> None:
        with self._lock:
            self._searcher.close()

    # -- searcher life cycle
    def _current(self):
        """The searcher, refreshed if a writer committed since we last looked."""
        now = time.monotonic()
        if now - self._checked >= REFRESH_INTERVAL:
            self._checked = now
            if not self._searcher.up_to_date():
                # refresh() closes what the new searcher no longer shares with the old
                # one; closing the old searcher here would close shared segment readers
                self._searcher = self._searcher.refresh()
        return self._searcher

    def refresh(self) -> None:
        with self._lock:
            self._checked = 0.0
            self._current()

    def columns(self) -> Columns:
        with self._lock:
            return self._columns.columns(self._current())

    # -- search
    def search(self, request: SearchRequest) -> SearchResult:
        started = time.monotonic()
        request.validate()
        with self._lock:
            searcher = self._current()
            columns = self._columns.columns(searcher)
            try:
                parsed = parse_query(request.q)
            except QueryError as error:
                return SearchResult(request, 0, 0, [], {}, error=str(error),
                                    took_ms=(time.monotonic() - started) * 1000)
            compiler = Compiler(searcher.reader(), columns)
            try:
                q = compiler.compile(parsed.tree, request.q)
            except QueryError as error:
                return SearchResult(request, 0, 0, [], {}, error=str(error),
                                    took_ms=(time.monotonic() - started) * 1000)
            notices = list(dict.fromkeys(parsed.notices + compiler.notices))
            allowed, except_minister = self._filter_mask(columns, request, notices)
            try:
                unfiltered = self._matching(searcher, q, started)
            except SearchTimeout:
                return SearchResult(request, 0, 0, [], {}, notices=notices,
                                    error="De zoekopdracht duurde te lang en werd gestopt; "
                                          "maak ze specifieker.",
                                    took_ms=(time.monotonic() - started) * 1000)
            matched = _apply(unfiltered, allowed)
            groups, first = np.unique(columns.group[matched], return_index=True)
            total = len(groups)
            # the minister facet ignores the minister filter, so other ministers can be added
            minister_pool = _apply(unfiltered, except_minister) if request.ministers \
                else matched
            facets = compute_facets(columns, matched, matched[first], request, minister_pool) \
                if request.facets else {}
            hits: list[Hit] = []
            depth = request.page * request.limit
            if depth > MAX_DEPTH:
                notices.append(f"Alleen de eerste {MAX_DEPTH} resultaten zijn te doorbladeren; "
                               f"verfijn de zoekvraag.")
            elif total:
                ranked = self._ranked_groups(searcher, q, columns, matched, request, depth,
                                             isinstance(q, wq.Every), allowed is not None)
                page = ranked[depth - request.limit: depth]
                hits = [self._hit(searcher, columns, docnum, score, compiler.highlights,
                                  request.snippets) for docnum, score in page]
            suggestion = suggest(searcher.reader(), request.q, compiler.highlights) \
                if compiler.highlights.plain_words else None
            return SearchResult(request, total, len(matched), hits, facets, suggestion,
                                notices, took_ms=(time.monotonic() - started) * 1000)

    def _filter_mask(self, columns: Columns, request: SearchRequest, notices: list[str]
                     ) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Document masks of all filters, and of all filters but the minister filter."""
        mask = None

        def both(m):
            return m if mask is None else mask & m

        if request.asker:
            codes = columns.asker_codes(request.asker)
            if not codes:
                notices.append(f"Geen vraagsteller gevonden met de naam '{request.asker}'.")
            mask = both(np.isin(columns.asker, np.array(codes, dtype=np.int32)))
        if request.date_from:
            mask = both(columns.date >= _ymd(request.date_from))
        if request.date_to:
            mask = both(columns.date <= _ymd(request.date_to))
        except_minister = mask
        if request.ministers:
            codes = []
            for name in request.ministers:
                found = columns.minister_codes(name)
                if not found:
                    notices.append(f"Geen minister gevonden met de naam '{name}'.")
                codes.extend(found)
            mask = both(np.isin(columns.minister, np.array(codes, dtype=np.int32)))
        return mask, except_minister

    def _matching(self, searcher, q, started: float) -> np.ndarray:
        """All matching live document numbers, unscored, in one pass."""
        if isinstance(q, wq.Every):
            ids = np.fromiter(searcher.reader().all_doc_ids(), dtype=np.int64)
        else:
            deadline = started + self.time_limit
            out = []
            for count, docnum in enumerate(searcher.docs_for_query(q)):
                out.append(docnum)
                if count % 20000 == 19999 and time.monotonic() > deadline:
                    raise SearchTimeout()
            ids = np.array(out, dtype=np.int64)
        return ids

    def _ranked_groups(self, searcher, q, columns: Columns, matched: np.ndarray,
                       request: SearchRequest, depth: int, browse: bool,
                       filtered: bool) -> list[tuple]:
        """(docnum, score) of the best record of each question, best first, `depth` deep."""
        if request.sort != "relevance" or browse:
            dates = columns.date[matched]
            order = np.lexsort((matched, dates)) if request.sort == "oldest" \
                else np.lexsort((matched, -dates.astype(np.int64)))
            ordered = matched[order]
            _, first = np.unique(columns.group[ordered], return_index=True)
            first.sort()
            return [(int(d), None) for d in ordered[first][:depth]]
        limit = depth * 2
        while True:
            results = searcher.search(q, limit=limit, terms=False,
                                      filter=_as_filter(matched) if filtered else None)
            scored = [(hit.docnum, hit.score) for hit in results]
            seen: dict[int, tuple] = {}
            for docnum, score in scored:
                key = int(columns.group[docnum])
                if key not in seen:
                    seen[key] = (docnum, score)
            if len(seen) >= depth or len(scored) < limit:
                return list(seen.values())[:depth]
            limit *= 4

    def _hit(self, searcher, columns: Columns, docnum: int, score, highlights: Highlights,
             with_snippet: bool) -> Hit:
        record = unpack_record(searcher.stored_fields(docnum)["record"])
        snippet = snippet_for([record.answer, record.question, record.title], highlights) \
            if with_snippet else ""
        refs = group_refs(record)
        ministers = [ref.minister for ref in refs] if refs else [record.minister]
        return Hit(record.id, record.title, ministers, record.asker, record.date,
                   record.number, record.answer_kind, score, snippet, record.group,
                   refs or [RecordRef(record.id, record.minister, record.number,
                                      record.answer_kind)])

    # -- records
    def get(self, doc_id: str) -> Record | None:
        with self._lock:
            stored = self._current().document(id=doc_id)
        return unpack_record(stored["record"]) if stored else None

    def group(self, record: Record) -> list[Record]:
        """All records of the question the record belongs to (itself included)."""
        with self._lock:
            searcher = self._current()
            docnums = list(searcher.document_numbers(group=record.group))
            return [unpack_record(searcher.stored_fields(d)["record"]) for d in docnums]

    def coordinated_for(self, record: Record) -> Record | None:
        """For a referral: the record that carries the coordinated answer."""
        if record.answer_kind != "referral":
            return None
        others = [r for r in self.group(record) if r.answer_kind == "coordinated"]
        for other in others:
            if record.coordinator and other.minister == record.coordinator:
                return other
        return others[0] if others else None

    def similar(self, record: Record, limit: int = 5) -> list[Hit]:
        """Other questions that share the salient words of this one's title and question."""
        with self._lock:
            searcher = self._current()
            columns = self._columns.columns(searcher)
            terms = searcher.key_terms_from_text("question", f"{record.title}\n{record.question}",
                                                 numterms=12)
            words = [word for word, _ in terms]
            if not words:
                return []
            q = wq.Or([wq.Term(f, w) for w in words for f in TEXT_FIELDS])
            own = int(columns.group[next(searcher.document_numbers(id=record.id))]) \
                if searcher.document(id=record.id) else None
            results = searcher.search(q, limit=limit * 12, terms=False)
            hits, seen = [], {own}
            highlights = Highlights(stems=set(words))
            for hit in results:
                key = int(columns.group[hit.docnum])
                if key in seen:
                    continue
                seen.add(key)
                hits.append(self._hit(searcher, columns, hit.docnum, hit.score, highlights,
                                      True))
                if len(hits) >= limit:
                    break
            return hits

    def stats(self) -> IndexStats:
        with self._lock:
            searcher = self._current()
            columns = self._columns.columns(searcher)
            live = np.fromiter(searcher.reader().all_doc_ids(), dtype=np.int64)
            dates = columns.date[live]
            size = sum(p.stat().st_size for p in self.index_dir.iterdir() if p.is_file())
            return IndexStats(
                records=len(live),
                questions=len(np.unique(columns.group[live])),
                ministers=len(np.unique(columns.minister[live])),
                askers=len(np.unique(columns.asker[live])),
                first_date=_iso(int(dates.min())) if len(dates) else None,
                last_date=_iso(int(dates.max())) if len(dates) else None,
                segments=len(searcher.reader().leaf_readers()),
                size_bytes=size,
                index_dir=str(self.index_dir),
            )

    def term_exists(self, word: str) -> bool:
        with self._lock:
            reader = self._current().reader()
            return any(reader.doc_frequency(f, t) for t in stemmed_terms(word)
                       for f in TEXT_FIELDS)


def group_refs(record: Record) -> list[RecordRef]:
    """The ministers of a joint question with the ids their records have."""
    refs = []
    for member in record.joint:
        kind = record.answer_kind if member.minister == record.minister else None
        refs.append(RecordRef(record_id(record.date, member.minister, member.number),
                              member.minister, member.number, kind))
    return refs


def _apply(ids: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    return ids[mask[ids]] if mask is not None and len(ids) else ids


def _as_filter(matched: np.ndarray) -> set[int]:
    return set(matched.tolist())


def _ymd(date) -> int:
    return date.year * 10000 + date.month * 100 + date.day


def _iso(ymd: int) -> str:
    return f"{ymd // 10000:04d}-{ymd // 100 % 100:02d}-{ymd % 100:02d}"


__all__ = ["SearchService", "SearchTimeout", "IndexStats", "EXACT_SUFFIX"]
