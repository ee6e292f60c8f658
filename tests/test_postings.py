"""The packed postings codec, the cached exact field and the numpy evaluator agree with
Whoosh's own codec, analyzer and queries on the same documents."""

from __future__ import annotations

import random

import numpy as np
import pytest
from whoosh import fields
from whoosh import index as whoosh_index
from whoosh import query as wq

from index.indexing.analysis import exact_analyzer
from index.indexing.fasttext import ExactText
from index.indexing.postings import PackedCodec, encode_positions
from index.indexing.whoosh_private import decode_positions
from search import plan as p
from search.columns import ColumnCache
from search.matching import Evaluator
from search.postings import PostingCache, read_positions, read_postings

WORDS = ["de", "het", "een", "van", "sociale", "economie", "lokale", "besturen", "vlaamse",
         "regering", "kinderopvang", "sociaal-economische", "werkings-", "en", "subsidies",
         "2020-2025", "OCMW's", "creëert"]


def texts(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 400))) for _ in range(n)]


@pytest.mark.parametrize("positions", [[], [0], [3, 4, 9], [5, 70_000, 70_001, 300_000]])
def test_positions_round_trip_with_wide_gaps(positions):
    assert decode_positions(encode_positions(positions)) == positions


def test_cached_exact_field_indexes_what_the_analyzer_makes():
    """The same terms, weights and positions; a compound part's frequency is 0, so the
    field length Whoosh adds up from them counts the words only."""
    plain = fields.TEXT(analyzer=exact_analyzer(), phrase=True, field_boost=2.0)
    fast = ExactText(field_boost=2.0)
    parts = set()
    for text in texts(40) + ["", "werkings- en projectsubsidies, COVID-19 e-mail Vlaams-Brabant"]:
        expected = sorted((w, 0 if w.startswith(b"+") else f, wt,
                           tuple(plain.format.decode_positions(v)))
                          for w, f, wt, v in plain.index(text))
        got = sorted((w, f, wt, tuple(decode_positions(v))) for w, f, wt, v in fast.index(text))
        assert got == expected
        parts.update(w for w, *_ in got if w.startswith(b"+"))
    assert {b"+kinder", b"+opvang", b"+project", b"+subsidies"} <= parts


@pytest.fixture(scope="module")
def two_indexes(tmp_path_factory):
    """The same documents under Whoosh's codec and the packed one, a few deleted."""
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), body=ExactText(),
                           date=fields.ID(sortable=True), group=fields.ID(sortable=True),
                           minister=fields.ID(sortable=True), asker=fields.ID(sortable=True),
                           keywords=fields.ID(sortable=True))
    docs = texts(700)
    out = {}
    for name, codec in (("w3", None), ("packed", PackedCodec(blocklimit=64))):
        folder = tmp_path_factory.mktemp(name)
        ix = whoosh_index.create_in(str(folder), schema)
        for start in (0, 400):  # two segments
            writer = ix.writer(codec=codec) if codec else ix.writer()
            for i in range(start, min(start + 400, len(docs))):
                writer.add_document(id=str(i), body=docs[i], date="2020-01-01", group=str(i))
            writer.commit(merge=False)
        writer = ix.writer(codec=codec) if codec else ix.writer()
        for i in (3, 450, 451):
            writer.delete_by_term("id", str(i))
        writer.commit(merge=False)
        out[name] = ix
    return out


@pytest.mark.parametrize("term", ["de", "economie", "sociaaleconomische", "ocmw's", "absent"])
def test_whoosh_queries_see_the_same_postings_under_both_codecs(two_indexes, term):
    results = {}
    for name, ix in two_indexes.items():
        with ix.searcher() as searcher:
            hits = searcher.search(wq.Term("body", term), limit=None)
            results[name] = [(searcher.stored_fields(h.docnum)["id"], round(h.score, 6))
                             for h in hits]
    assert results["w3"] == results["packed"]


def test_bulk_reads_equal_the_matcher(two_indexes):
    with two_indexes["packed"].searcher() as searcher:
        for reader, _ in searcher.reader().leaf_readers():
            for term in ("de", "economie", "2020"):
                found = read_postings(reader, "body", term)
                ids, weights = found.ids, found.weights
                m = reader._terms.matcher("body", term.encode(), reader.schema["body"].format)
                expected = []
                while m.is_active():
                    expected.append((m.id(), m.weight(), m.value_as("positions")))
                    m.next()
                assert ids.tolist() == [e[0] for e in expected]
                assert weights.tolist() == [e[1] for e in expected]
                wanted = np.ones(reader.doc_count_all(), dtype=bool)
                wanted[::3] = False
                docs, positions = read_positions(reader, "body", term, wanted)
                assert list(zip(docs.tolist(), positions.tolist(), strict=True)) == \
                    [(d, pos) for d, _, ps in expected if wanted[d] for pos in ps]


@pytest.mark.parametrize("slop", [1, 3])
def test_phrases_match_what_whoosh_matches(two_indexes, slop):
    rng = random.Random(slop)
    for name, ix in two_indexes.items():
        with ix.searcher() as searcher:
            columns = ColumnCache().columns(searcher)
            evaluator = Evaluator(searcher, columns, PostingCache())
            for _ in range(25):
                words = tuple(rng.choice(["de", "het", "van", "economie", "sociale", "lokale"])
                              for _ in range(rng.choice([2, 3])))
                expected = {h.docnum for h in searcher.search(
                    wq.Phrase("body", list(words), slop=slop), limit=None)}
                mask, _ = evaluator.run(p.Sequence(("body",), words, slop))
                assert set(np.flatnonzero(mask & columns.live).tolist()) == expected, \
                    (name, words)


def test_an_index_with_the_old_stemmed_schema_is_refused_clearly(tmp_path):
    from whoosh.filedb.filestore import FileStorage

    from index.indexing.store import INDEX_NAME, IndexVersionError, open_index

    FileStorage(str(tmp_path)).create_index(
        fields.Schema(id=fields.ID(stored=True), title=fields.TEXT()), indexname=INDEX_NAME)
    with pytest.raises(IndexVersionError, match="vraagbaak index"):
        open_index(tmp_path)
