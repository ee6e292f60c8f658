"""Evaluate a plan over the whole index in one pass of numpy arrays.

Every node yields a boolean mask over all document numbers and a score array: And,
Or and Not are array operations, a word is its postings summed with `np.bincount`, and
a phrase is a membership test of (document, position) keys, so the cost grows with the
postings read, not with a Python step per match. The same pass gives the matches (for
the total and the facets) and their scores (for the page): nothing is scored twice.

Scores are BM25 per text field (the weights carry the title boost), summed over the
fields and the words of the query, as Whoosh's BM25F does; the inflections of a plain
word count together, so `besturen` ranks as the stem `bestur` would (other forms and
compounds holding the word as a part count as a share of an occurrence: plan.Words).
"""

from __future__ import annotations

import math
import time

import numpy as np

from search import plan as p
from search.columns import Columns
from search.postings import PostingCache, read_positions, segment_key

K1 = 1.2
B = 0.75


class SearchTimeout(Exception):
    """The search took longer than the time limit."""


class Evaluator:
    def __init__(self, searcher, columns: Columns, cache: PostingCache,
                 deadline: float | None = None):
        self.leaves = [(reader, offset, reader.doc_count_all(), segment_key(reader))
                       for reader, offset in searcher.reader().leaf_readers()]
        self.columns = columns
        self.n = columns.doc_count
        self.cache = cache
        self.deadline = deadline

    def check_time(self) -> None:
        """Raise SearchTimeout past the deadline: called at every node and inside the
        loops of long phrases (63 words with slop 50 ran 42 s in one node, unchecked)."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise SearchTimeout()

    def run(self, plan: p.Plan) -> tuple[np.ndarray, np.ndarray]:
        """(matches as a mask over all documents, live or not; scores)."""
        self.check_time()
        if isinstance(plan, p.Words):
            return self._words(plan)
        if isinstance(plan, p.Sequence):
            return self._sequence(plan)
        if isinstance(plan, p.AllOf | p.AnyOf):
            mask, score = self.run(plan.children[0])
            for child in plan.children[1:]:
                other, more = self.run(child)
                mask = mask & other if isinstance(plan, p.AllOf) else mask | other
                score = score + more
            return mask, score
        if isinstance(plan, p.Without):
            mask, score = self.run(plan.base)
            return mask & ~self.run(plan.exclude)[0], score
        if isinstance(plan, p.Names):
            values = self.columns.minister if plan.column == "minister" else self.columns.asker
            return np.isin(values, np.array(plan.codes, dtype=np.int32)), self._zeros()
        if isinstance(plan, p.Everything):
            return self.columns.live.copy(), self._zeros()
        return np.zeros(self.n, dtype=bool), self._zeros()

    def _zeros(self) -> np.ndarray:
        return np.zeros(self.n, dtype=np.float64)

    # -- words
    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Global document numbers and weights of one term."""
        ids, weights = [], []
        for reader, offset, _count, segment in self.leaves:
            self.check_time()
            found = self.cache.postings(reader, fieldname, term, segment)
            if len(found.ids):
                ids.append(found.ids + offset)
                weights.append(found.weights)
        if not ids:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        return np.concatenate(ids), np.concatenate(weights)

    def frequencies(self, fieldname: str, terms, boosts=()) -> np.ndarray:
        """Per document, the summed weights of all of `terms` in the field, each term's
        weights times its boost if given: one bincount per segment over the postings of
        all terms together (a plain word has a dozen forms and part terms)."""
        tf = self._zeros()
        scale = np.asarray(boosts, dtype=np.float32) if boosts else None
        if scale is not None and (scale == 1.0).all():
            scale = None
        for reader, offset, count, segment in self.leaves:
            self.check_time()
            found = self.cache.many(reader, fieldname, terms, segment)
            sizes = [len(item.ids) for item in found]
            if not any(sizes):
                continue
            weights = np.concatenate([item.weights for item in found])
            if scale is not None:
                weights = weights * np.repeat(scale, sizes)
            tf[offset:offset + count] = np.bincount(
                np.concatenate([item.ids for item in found]), weights=weights,
                minlength=count)
        return tf

    def _words(self, plan: p.Words) -> tuple[np.ndarray, np.ndarray]:
        mask, score = np.zeros(self.n, dtype=bool), self._zeros()
        for fieldname in plan.fields:
            tf = self.frequencies(fieldname, plan.terms, plan.boosts)
            docs = np.flatnonzero(tf > 0)  # a bool array: numpy scans it 4x faster
            if not len(docs):
                continue
            score[docs] += self.bm25(fieldname, docs, tf[docs], len(docs))
            mask[docs] = True
        return mask, score

    def bm25(self, fieldname: str, docs: np.ndarray, tf: np.ndarray, df: int) -> np.ndarray:
        """Whoosh's BM25F for one field: tf is the posting weight (field boost included),
        statistics over all documents of the index, as Whoosh counts them."""
        columns = self.columns
        idf = math.log(max(self.n, 1) / (df + 1)) + 1
        lengths = columns.lengths.get(fieldname)
        norm = 1.0 if lengths is None else \
            (1 - B) + B * lengths[docs] / columns.avg_length[fieldname]
        return idf * tf * (K1 + 1) / (tf + K1 * norm)

    # -- phrases
    def _sequence(self, plan: p.Sequence) -> tuple[np.ndarray, np.ndarray]:
        mask, score = np.zeros(self.n, dtype=bool), self._zeros()
        for fieldname in plan.fields:
            postings = [self.postings(fieldname, word) for word in plan.words]
            candidates = np.ones(self.n, dtype=bool)
            for ids, _ in postings:
                present = np.zeros(self.n, dtype=bool)
                present[ids] = True
                candidates &= present
            if not candidates.any():
                continue
            sizes = [len(ids) for ids, _ in postings]
            if plan.slop <= 1:
                found = self._adjacent(fieldname, plan.words, sizes, candidates)
            else:
                found = self._near(fieldname, plan.words, plan.slop, candidates)
            if not len(found):
                continue
            docs = np.unique(found >> 32)
            # scored as Whoosh scores a phrase: the sum of its words' scores
            for ids, weights in postings:
                tf = np.bincount(ids, weights=weights, minlength=self.n)
                score[docs] += self.bm25(fieldname, docs, tf[docs], len(ids))
            mask[docs] = True
        return mask, score

    def keys(self, fieldname: str, word: str, wanted: np.ndarray) -> np.ndarray:
        """Sorted (document << 32 | position) of `word` in the wanted documents."""
        parts = []
        for reader, offset, count, segment in self.leaves:
            local = wanted[offset:offset + count]
            if not local.any():
                continue
            docs, positions = read_positions(reader, fieldname, word, local,
                                             self.cache.postings(reader, fieldname, word,
                                                                 segment))
            if len(docs):
                parts.append(((docs + offset) << 32) | positions)
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def positions(self, fieldname: str, terms, docnums) -> dict[int, set[int]]:
        """docnum -> the positions of any of `terms` in `fieldname`, for a few documents
        (the hits of a page, whose snippets mark them)."""
        wanted = np.zeros(self.n, dtype=bool)
        wanted[np.asarray(docnums, dtype=np.int64)] = True
        out: dict[int, set[int]] = {}
        for term in terms:
            for key in self.keys(fieldname, term, wanted).tolist():
                out.setdefault(key >> 32, set()).add(key & 0xFFFFFFFF)
        return out

    def _adjacent(self, fieldname, words, sizes, candidates) -> np.ndarray:
        """Start keys of the phrase: from the rarest word outwards, each next word read
        only in the documents still in the running."""
        order = sorted(range(len(words)), key=lambda i: sizes[i])
        first = order[0]
        keys = self.keys(fieldname, words[first], candidates)
        starts = keys[(keys & 0xFFFFFFFF) >= first] - first
        for i in order[1:]:
            if not len(starts):
                break
            self.check_time()
            wanted = np.zeros(self.n, dtype=bool)
            wanted[starts >> 32] = True
            starts = starts[_member(starts + i, self.keys(fieldname, words[i], wanted))]
        return starts

    def _near(self, fieldname, words, slop, candidates) -> np.ndarray:
        """End keys of chains where each word follows the last within `slop` positions
        (Whoosh's SpanNear2, ordered): every allowed gap is tried, not the nearest."""
        ends = self.keys(fieldname, words[0], candidates)
        for word in words[1:]:
            if not len(ends):
                break
            self.check_time()
            wanted = np.zeros(self.n, dtype=bool)
            wanted[ends >> 32] = True
            following = self.keys(fieldname, word, wanted)
            found = []
            for gap in range(1, slop + 1):  # one shifted copy at a time: slop copies of a
                moved = ends + gap          # common word's positions took 300 MB at once
                found.append(moved[_member(moved, following)])
                self.check_time()
            ends = np.unique(np.concatenate(found))
        return ends


def _member(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    if not len(sorted_keys):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(sorted_keys, values)
    at[at == len(sorted_keys)] = 0
    return sorted_keys[at] == values
