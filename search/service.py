"""Answer searches on long-lived searchers, one per thread (search/searchers.py).

A thread's searcher is reopened when a writer has committed, so new documents show up
without a restart and nothing is reopened per query. One search makes a single
unscored pass over the matches for the total and the facets (numpy over column arrays)
and a separate scored pass only as deep as the requested page.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from whoosh.classify import Expander

from config.settings import Settings
from index.documents.model import Record, record_id
from index.indexing.analysis import analyze, stop_words
from index.indexing.schema import EXACT_FIELDS, EXACT_SUFFIX, unpack_record
from index.indexing.store import open_index
from search import plan as p
from search.columns import ColumnCache, Columns
from search.compile import Compiler, Highlights
from search.facets import compute_facets
from search.matching import Evaluator, SearchTimeout
from search.postings import PostingCache
from search.query import QueryError, parse_query
from search.results import (
    MAX_DEPTH,
    MAX_LIMIT,
    GroupMember,
    Hit,
    RecordRef,
    SearchRequest,
    SearchResult,
)
from search.searchers import ThreadSearchers
from search.snippets import snippet_for
from search.status import STATUSES, timing
from search.suggest import suggest
from search.vocab import Vocabulary

# A snippet is looked for in the first 50,000 characters of a text only: answers are a
# few kB, and scanning a 5 MB one cost 2.5 s per hit (measured), outside the time limit.
SNIPPET_SCAN_CHARS = 50_000
# The texts a snippet is chosen from, in this order on a tie.
SNIPPET_TEXTS = ("answer", "question", "title")


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

    def __init__(self, index_dir: Path, settings: Settings | None = None):
        """settings: the time limit, refresh interval and posting cache (defaults when
        None). The store's IndexMissingError or IndexVersionError when there is no usable
        index in index_dir."""
        settings = settings if settings is not None else Settings(index_dir=index_dir)
        self.index_dir = Path(index_dir)
        self.time_limit = settings.search_time_limit
        self._ix = open_index(self.index_dir)
        # One searcher per thread, no lock: a slow search never makes others wait for it.
        self._searchers = ThreadSearchers(self._ix, settings.refresh_interval)
        self._current()
        self._columns = ColumnCache()
        self._postings = PostingCache(settings.posting_cache_bytes)
        self._vocabulary = Vocabulary()
        self._warm(self._current())

    def _warm(self, searcher) -> None:
        """Read the column arrays and the stem map now (seconds at 200,000 documents),
        so the first search does not pay for them, nor run into the time limit."""
        self._columns.columns(searcher)
        self._vocabulary.update(searcher.reader())

    def close(self) -> None:
        self._searchers.close()

    # -- searcher life cycle
    def _current(self):
        """This thread's searcher, reopened if a writer committed since it last looked."""
        return self._searchers.current()

    def refresh(self) -> None:
        self._searchers.expire()
        self._current()

    # -- search
    def search(self, request: SearchRequest) -> SearchResult:
        started = time.monotonic()
        request.validate()  # SearchRequestError, the only error a caller must expect
        searcher = self._current()
        columns = self._columns.columns(searcher)
        try:
            parsed = parse_query(request.q)
        except QueryError as error:
            return SearchResult(request, 0, 0, [], {}, error=str(error),
                                took_ms=(time.monotonic() - started) * 1000)
        compiler = Compiler(searcher.reader(), columns,
                            self._vocabulary.update(searcher.reader()))
        try:
            plan = compiler.compile(parsed.tree, request.q)
        except QueryError as error:
            return SearchResult(request, 0, 0, [], {}, error=str(error),
                                took_ms=(time.monotonic() - started) * 1000)
        notices = list(dict.fromkeys(parsed.notices + compiler.notices))
        today = request.on()
        by_minister, by_status, allowed = self._filter_masks(columns, request, notices, today)
        evaluator = Evaluator(searcher, columns, self._postings,
                              time.monotonic() + self.time_limit)
        try:
            mask, scores = evaluator.run(plan)
        except SearchTimeout:
            return SearchResult(request, 0, 0, [], {}, notices=notices,
                                error="De zoekopdracht duurde te lang en werd gestopt; "
                                      "maak ze specifieker.",
                                took_ms=(time.monotonic() - started) * 1000)
        mask &= columns.live
        if allowed is not None:
            mask &= allowed
        # multi-select facets (minister, status) are counted without their own filter
        any_minister = any_status = None
        if request.facets and by_minister is not None:
            any_minister = np.flatnonzero(mask if by_status is None else mask & by_status)
        if request.facets and by_status is not None:
            any_status = np.flatnonzero(mask if by_minister is None else mask & by_minister)
        for extra in (by_minister, by_status):
            if extra is not None:
                mask &= extra
        matched = np.flatnonzero(mask)
        questions = columns.first_of_questions(matched)
        total = len(questions)
        facets = compute_facets(columns, matched, questions, request, any_minister,
                                any_status, columns.status(today)) if request.facets else {}
        hits: list[Hit] = []
        depth = request.page * request.limit
        if depth > MAX_DEPTH:
            notices.append(f"Alleen de eerste {MAX_DEPTH} resultaten zijn te doorbladeren; "
                           f"verfijn de zoekvraag.")
        elif total:
            ranked = self._ranked_groups(columns, matched, scores, request, depth,
                                         isinstance(plan, p.Everything))
            page = ranked[depth - request.limit: depth]
            parts = self._part_positions(evaluator, [d for d, _ in page], compiler.highlights) \
                if request.snippets else {}
            hits = [self._hit(searcher, columns, docnum, score, compiler.highlights,
                              request.snippets, today, parts.get(docnum))
                    for docnum, score in page]
        suggestion = suggest(searcher.reader(), self._vocabulary, request.q,
                             compiler.highlights) \
            if compiler.highlights.plain_words else None
        return SearchResult(request, total, len(matched), hits, facets, suggestion,
                            notices, took_ms=(time.monotonic() - started) * 1000)

    def _filter_masks(self, columns: Columns, request: SearchRequest, notices: list[str],
                      today: dt.date) -> tuple[np.ndarray | None, ...]:
        """(the minister filter, the status filter, every other filter): the minister
        and status facets are counted without their own filter, so a user can see and
        add more values (any of them); every chosen theme is required."""
        ministers = statuses = mask = None

        def both(m):
            return m if mask is None else mask & m

        if request.ministers:
            codes = []
            for name in request.ministers:
                found = columns.minister_codes(name)
                if not found:
                    notices.append(f"Geen minister gevonden met de naam '{name}'.")
                codes.extend(found)
            ministers = np.isin(columns.minister, np.array(codes, dtype=np.int32))
        if request.asker:
            codes = columns.asker_codes(request.asker)
            if not codes:
                notices.append(f"Geen vraagsteller gevonden met de naam '{request.asker}'.")
            mask = both(np.isin(columns.asker, np.array(codes, dtype=np.int32)))
        if request.date_from:
            mask = both(columns.date >= _ymd(request.date_from))
        if request.date_to:
            mask = both(columns.date <= _ymd(request.date_to))
        for theme in request.themes:
            code = columns.theme_code(theme)
            if code is None:
                notices.append(f"Geen vraag met het thema '{theme}'.")
                mask = both(np.zeros(columns.doc_count, dtype=bool))
            else:
                mask = both(columns.with_theme(code))
        if request.statuses:
            wanted = np.array([STATUSES.index(s) for s in request.statuses], dtype=np.int8)
            statuses = np.isin(columns.status(today), wanted)
        return ministers, statuses, mask

    def _ranked_groups(self, columns: Columns, matched: np.ndarray, scores: np.ndarray,
                       request: SearchRequest, depth: int, browse: bool) -> list[tuple]:
        """(docnum, score) of the best record of each question, best first, `depth` deep."""
        if request.sort != "relevance" or browse:
            dates = columns.date[matched]
            order = np.lexsort((matched, dates)) if request.sort == "oldest" \
                else np.lexsort((matched, -dates.astype(np.int64)))
            ordered = matched[order]
            _, first = np.unique(columns.group[ordered], return_index=True)
            first.sort()
            return [(int(d), None) for d in ordered[first][:depth]]
        return best_groups(columns.group, matched, scores[matched], depth)

    @staticmethod
    def _part_positions(evaluator: Evaluator, docnums: list[int], highlights: Highlights
                        ) -> dict[int, list[set[int]]]:
        """docnum -> where its answer, question and title hold a part term searched for
        (word positions), so the snippet marks the compounds found through their parts."""
        if not highlights.parts or not docnums:
            return {}
        out: dict[int, list[set[int]]] = {}
        for i, name in enumerate(SNIPPET_TEXTS):
            found = evaluator.positions(name + EXACT_SUFFIX, sorted(highlights.parts), docnums)
            for docnum, positions in found.items():
                out.setdefault(docnum, [set() for _ in SNIPPET_TEXTS])[i] = positions
        return out

    def _hit(self, searcher, columns: Columns, docnum: int, score, highlights: Highlights,
             with_snippet: bool, today: dt.date | None = None,
             part_positions: list[set[int]] | None = None) -> Hit:
        record = unpack_record(searcher.stored_fields(docnum)["record"])
        texts = [getattr(record, name) for name in SNIPPET_TEXTS]
        snippet = snippet_for([t[:SNIPPET_SCAN_CHARS] for t in texts], highlights,
                              part_positions=part_positions) if with_snippet else ""
        refs = group_refs(record)
        ministers = [ref.minister for ref in refs] if refs else [record.minister]
        when = timing(record, today or dt.date.today())
        return Hit(record.id, record.title, ministers, record.asker, record.date,
                   record.number, record.answer_kind, score, snippet, record.group,
                   refs or [RecordRef(record.id, record.minister, record.number,
                                      record.answer_kind)],
                   list(record.themes), when.status, when.working_days, when.days_late)

    # -- records
    def view(self):
        """(searcher, its columns): one consistent state for several reads."""
        searcher = self._current()
        return searcher, self._columns.columns(searcher)

    @staticmethod
    def records_at(searcher, docnums) -> list[Record]:
        """The stored records of document numbers of a searcher from `view()`."""
        return [unpack_record(searcher.stored_fields(int(d))["record"]) for d in docnums]

    def get(self, doc_id: str) -> Record | None:
        stored = self._current().document(id=doc_id)
        return unpack_record(stored["record"]) if stored else None

    def group(self, record: Record) -> list[Record]:
        """All records of the question the record belongs to (itself included)."""
        searcher = self._current()
        docnums = list(searcher.document_numbers(group=record.group))
        return [unpack_record(searcher.stored_fields(d)["record"]) for d in docnums]

    def indexed(self, ids) -> set[str]:
        """Which of these record ids the index holds: one call for a whole page."""
        searcher = self._current()
        return {doc_id for doc_id in set(ids)
                if searcher.document_number(id=doc_id) is not None}

    def members(self, record: Record) -> list[GroupMember]:
        """Every addressee of a joint question in document order (none for a question
        to one minister), with what the index holds of each."""
        indexed = {r.id: r for r in self.group(record)} if record.joint else {}
        members = []
        for ref in group_refs(record):
            found = indexed.get(ref.id)
            members.append(GroupMember(ref.id, ref.minister, ref.number,
                                       found.answer_kind if found else None,
                                       found is not None))
        return members

    def hits_from(self, request: SearchRequest, start: int, count: int
                  ) -> tuple[SearchResult, list[Hit]]:
        """`count` hits from the `start`-th (from 0) on, for exports and feeds: the first
        page's result (total, notices, error) and the hits, read in pages of the search's
        own maximum and never past MAX_DEPTH."""
        hits: list[Hit] = []
        first = None
        page, skip = start // MAX_LIMIT + 1, start % MAX_LIMIT
        while len(hits) < count:
            result = self.search(replace(request, page=page, limit=MAX_LIMIT, facets=False))
            first = first or result
            hits += result.hits[skip:]
            skip = 0
            if result.error or len(result.hits) < MAX_LIMIT or page * MAX_LIMIT >= MAX_DEPTH:
                break
            page += 1
        return first, hits[:count]

    def coordinated_for(self, record: Record) -> Record | None:
        """For a referral: the record that carries the coordinated answer."""
        if record.answer_kind != "referral":
            return None
        others = [r for r in self.group(record) if r.answer_kind == "coordinated"]
        for other in others:
            if record.coordinator and other.minister == record.coordinator:
                return other
        return others[0] if others else None

    def similar(self, record: Record, limit: int = 5, today: dt.date | None = None
                ) -> list[Hit]:
        """Other questions that share the salient words of this one's title and question."""
        searcher = self._current()
        columns = self._columns.columns(searcher)
        stops = stop_words()
        # Whoosh's key_terms_from_text, fed the words only: the field's own analysis would
        # add the compound parts, and split them with word lists search never loads.
        expander = Expander(searcher.reader(), "question" + EXACT_SUFFIX)
        expander.add(Counter(analyze(f"{record.title}\n{record.question}", exact=True,
                                     parts=False)).items())
        terms = expander.expanded_terms(24, normalize=True)
        words = [word for word, _ in terms if word not in stops and not word.isdigit()][:12]
        if not words:
            return []
        plan = p.AnyOf([p.Words(EXACT_FIELDS, (word,)) for word in words])
        mask, scores = Evaluator(searcher, columns, self._postings).run(plan)
        own = next(searcher.document_numbers(id=record.id), None)
        if own is not None:
            mask &= columns.group != columns.group[own]
        matched = np.flatnonzero(mask & columns.live)
        highlights = Highlights(words=set(words))
        return [self._hit(searcher, columns, docnum, score, highlights, True, today)
                for docnum, score in best_groups(columns.group, matched, scores[matched],
                                                 limit)]

    def stats(self) -> IndexStats:
        searcher = self._current()
        columns = self._columns.columns(searcher)
        live = np.flatnonzero(columns.live)
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


def group_refs(record: Record) -> list[RecordRef]:
    """The ministers of a joint question with the ids their records have."""
    refs = []
    for member in record.joint:
        kind = record.answer_kind if member.minister == record.minister else None
        refs.append(RecordRef(record_id(record.date, member.minister, member.number),
                              member.minister, member.number, kind))
    return refs


def best_groups(groups: np.ndarray, matched: np.ndarray, scores: np.ndarray,
                depth: int) -> list[tuple[int, float]]:
    """(docnum, score) of the best record of each of the `depth` best questions.

    Sorts only the best few matches (ties at the cut included, best first, then lower
    document number, as Whoosh orders them), and more only when joint questions leave
    fewer than `depth` questions among them.
    """
    want = min(len(matched), depth * 4)
    while True:
        if want < len(matched):
            cut = scores[np.argpartition(-scores, want - 1)[want - 1]]
            chosen = np.flatnonzero(scores >= cut)
        else:
            chosen = np.arange(len(matched))
        order = chosen[np.lexsort((matched[chosen], -scores[chosen]))]
        _, first = np.unique(groups[matched[order]], return_index=True)
        first.sort()
        if len(first) >= depth or len(chosen) == len(matched):
            picked = order[first[:depth]]
            return [(int(matched[i]), float(scores[i])) for i in picked]
        want *= 4


def _ymd(date) -> int:
    return date.year * 10000 + date.month * 100 + date.day


def _iso(ymd: int) -> str:
    return f"{ymd // 10000:04d}-{ymd // 100 % 100:02d}-{ymd % 100:02d}"


__all__ = ["SearchService", "SearchTimeout", "IndexStats"]
