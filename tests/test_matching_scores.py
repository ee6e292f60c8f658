"""The numpy evaluator's scores are Whoosh's BM25F: words and phrases scored by
search/matching.py against the same queries run by Whoosh's own searcher on the same
index (two segments of unequal size, the title boost, lengths that differ). Whoosh is
the oracle: it is the scoring the evaluator reimplements over arrays, not code of this
project.

The order of hits on a page follows these scores, so a score off by a factor shows as
records in the wrong order.
"""

from __future__ import annotations

import numpy as np
import pytest
from crafted import Doc, index_in_two_runs
from whoosh import query as wq

from index.indexing.schema import EXACT_FIELDS
from index.indexing.store import open_index
from search import plan as p
from search.columns import ColumnCache
from search.matching import Evaluator
from search.postings import PostingCache

FIRST = [
    Doc(1, "Ann Pauwels", title="Walvissen - Noordzee",
        question="Hoeveel walvissen zwemmen er in de Noordzee?",
        answer="De blauwe walvis zwemt in de Noordzee. De walvis is groot."),
    Doc(2, "Ann Pauwels", title="Havens - Zeebrugge", question="Wat gebeurde er?",
        answer="Een walvis strandde nabij Zeebrugge, een blauwe walvis, een jonge walvis "
               "die de weg kwijt was in de haven van Zeebrugge en de Noordzee niet vond."),
    Doc(3, "Jo Maes", title="Dolfijnen - Kleur", question="Welke kleur heeft een dolfijn?",
        answer="Deze dolfijn heeft een blauwe kleur."),
]
SECOND = [
    Doc(4, "Jo Maes", title="Blauwe walvis - Noordzee", question="Is de blauwe walvis er?",
        answer="Ja."),
    Doc(5, "Greet Verbeke", title="Vissen - Kabeljauw", question="Hoeveel kabeljauw?",
        answer="De kabeljauw in de Noordzee is schaars; de walvis eet geen kabeljauw."),
    Doc(6, "Greet Verbeke", title="Natuur - Bos", question="Hoe staat het bos ervoor?",
        answer="Het bos en het bos en het bos worden beheerd, de blauwe walvis niet."),
    Doc(7, "Karel Vos", title="Zee - Noordzee", question="Zwemt de blauwe walvis daar?",
        answer="De Noordzee is ondiep; de blauwe walvis komt er zelden."),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    index_dir = index_in_two_runs(tmp_path_factory.mktemp("scores"), FIRST, SECOND)
    ix = open_index(index_dir)
    with ix.searcher() as searcher:
        assert len(list(searcher.reader().leaf_readers())) == 2
        yield searcher


def compare(searcher, plan: p.Plan, query: wq.Query, cache_bytes: int | None = None
            ) -> dict[int, float]:
    """The evaluator's matches and scores against Whoosh's, document by document
    (`cache_bytes`: the posting cache's budget, 0 = off; default: the setting's)."""
    columns = ColumnCache().columns(searcher)
    cache = PostingCache() if cache_bytes is None else PostingCache(cache_bytes)
    mask, scores = Evaluator(searcher, columns, cache).run(plan)
    expected = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
    assert expected, "the query should find something"
    got = {int(d): float(scores[d]) for d in np.flatnonzero(mask)}
    assert got.keys() == expected.keys()
    assert got == pytest.approx(expected, rel=1e-5)
    return got


@pytest.mark.parametrize("field, word", [
    (f, w) for f in EXACT_FIELDS for w in ("walvis", "noordzee", "de", "bos")
    if (f, w) != ("title_exact", "de")  # no title holds `de`
])
def test_a_word_scores_as_whoosh_scores_it(index, field, word):
    compare(index, p.Words((field,), (word,)), wq.Term(field, word))


def test_a_word_in_several_fields_scores_the_sum_of_its_fields(index):
    scores = compare(index, p.Words(EXACT_FIELDS, ("walvis",)),
                     wq.Or([wq.Term(f, "walvis") for f in EXACT_FIELDS]))
    assert len(set(scores.values())) == len(scores)  # the order is not a tie


@pytest.mark.parametrize("words, slop", [
    (("blauwe", "walvis"), 1), (("de", "noordzee"), 1), (("het", "bos"), 1),
    (("de", "blauwe", "walvis"), 1), (("walvis", "noordzee"), 6), (("het", "bos"), 3),
])
def test_a_phrase_scores_as_whoosh_scores_it_in_every_field(index, words, slop):
    scores = compare(index, p.Sequence(EXACT_FIELDS, words, slop),
                     wq.Or([wq.Phrase(f, list(words), slop=slop) for f in EXACT_FIELDS]))
    assert scores


def test_a_phrase_in_one_field_scores_as_whoosh_scores_it(index):
    compare(index, p.Sequence(("answer_exact",), ("blauwe", "walvis"), 1),
            wq.Phrase("answer_exact", ["blauwe", "walvis"]))


def test_a_one_document_index_scores_as_whoosh_scores_it(tmp_path):
    from crafted import build_index

    ix = open_index(build_index(tmp_path / "docs", tmp_path / "index", FIRST[:1]))
    with ix.searcher() as searcher:
        compare(searcher, p.Words(EXACT_FIELDS, ("walvis",)),
                wq.Or([wq.Term(f, "walvis") for f in EXACT_FIELDS]))
        compare(searcher, p.Sequence(EXACT_FIELDS, ("blauwe", "walvis"), 1),
                wq.Or([wq.Phrase(f, ["blauwe", "walvis"]) for f in EXACT_FIELDS]))


def test_with_the_posting_cache_off_words_and_phrases_score_as_whoosh_scores_them(index):
    """posting_cache_mb = 0 turns the cache off: every read goes to the segment itself."""
    compare(index, p.Words(EXACT_FIELDS, ("walvis",)),
            wq.Or([wq.Term(f, "walvis") for f in EXACT_FIELDS]), cache_bytes=0)
    compare(index, p.Sequence(EXACT_FIELDS, ("de", "blauwe", "walvis"), 1),
            wq.Or([wq.Phrase(f, ["de", "blauwe", "walvis"]) for f in EXACT_FIELDS]),
            cache_bytes=0)


def test_forms_that_all_count_less_than_one_occurrence_count_their_share(index):
    """A typed word that is not in the index itself still finds its other forms and the
    compounds that hold it, each occurrence counting its boost (0.2, 0.15): the summed
    frequency per document is Whoosh's own term weights times those boosts."""
    field = "answer_exact"
    boosts = {"walvis": 0.2, "kabeljauw": 0.15}
    expected: dict[int, float] = {}
    for term, boost in boosts.items():
        for docnum, weight in index.reader().postings(field, term).items_as("weight"):
            expected[docnum] = expected.get(docnum, 0.0) + boost * weight
    evaluator = Evaluator(index, ColumnCache().columns(index), PostingCache())
    tf = evaluator.frequencies(field, tuple(boosts), tuple(boosts.values()))
    got = {int(d): float(tf[d]) for d in np.flatnonzero(tf)}
    assert len(expected) >= 5
    assert got == pytest.approx(expected, rel=1e-6)
