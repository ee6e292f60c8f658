"""The Dutch analyzers: what a searcher notices, and that an index survives reopening."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields, index
from whoosh.highlight import UppercaseFormatter, WholeFragmenter, highlight
from whoosh.query import Phrase, Term

from index.indexing.analysis import (
    analyze,
    exact_analyzer,
    fold,
    phrase_terms,
    stem_word,
    stemmed_analyzer,
    stop_words,
)

ROOT = Path(__file__).resolve().parent.parent


def tokens(analyzer, text, **kw):
    kw.setdefault("mode", "index")
    return [(t.text, t.pos) for t in analyzer(text, positions=True, **kw)]


# -- stemming table -------------------------------------------------------------------

MEET = [
    ("antwoord", "antwoorden"), ("vraag", "vragen"), ("bestuur", "besturen"),
    ("sociaal", "sociale"), ("lokaal", "lokale"), ("minister", "ministers"),
    ("gemeente", "gemeenten"), ("gemeente", "gemeentes"), ("financieel", "financiële"),
    ("provinciaal", "provinciale"), ("structureel", "structurele"), ("kind", "kinderen"),
    ("maatregel", "maatregelen"), ("initiatief", "initiatieven"), ("vlaams", "vlaamse"),
    ("werkgever", "werkgevers"), ("gevraagd", "vragen"), ("aanvraag", "aangevraagd"),
    ("ocmw", "OCMW's"), ("ocmw", "OCMW’s"), ("samenwerking", "samenwerkingen"),
]
APART = [
    ("minister", "mini"), ("ministerie", "minister"), ("economie", "economische"),
    ("gemeente", "mening"), ("gezin", "zin"), ("gebied", "bieden"), ("waarden", "waar"),
    ("werkgever", "werk"),
]


@pytest.mark.parametrize(("a", "b"), MEET)
def test_inflections_meet(a, b):
    assert stem_word(a) == stem_word(b)


@pytest.mark.parametrize(("a", "b"), APART)
def test_different_words_stay_apart(a, b):
    assert stem_word(a) != stem_word(b)


@pytest.mark.parametrize(("a", "b"), [
    ("gecoordineerd", "gecoördineerd"), ("GECOORDINEERD", "gecoördineerd"),
    ("creéert", "creëert"), ("creeert", "creëert"), ("financiele", "financiële"),
    ("gecoo\u0308rdineerd", "gecoördineerd"),  # decomposed (NFD) input
])
def test_accents_are_folded_in_both_analyzers(a, b):
    assert analyze(a) == analyze(b)
    assert analyze(a, exact=True) == analyze(b, exact=True)


def test_fold_for_names():
    assert fold("Hilde CREVITS") == "hilde crevits"
    assert fold("Ruşen Çelik") == "rusen celik"
    assert fold("OCMW’s") == "ocmw's"


# -- stop words, digits, apostrophes --------------------------------------------------

def test_stop_words_out_of_stemmed_kept_in_exact():
    assert analyze("op de hoogte") == ["hoogt"]
    assert analyze("op de hoogte", exact=True) == ["op", "de", "hoogte"]
    assert {"de", "het", "een", "op", "van"} <= stop_words()


def test_positions_close_over_stop_words_in_stemmed():
    # "minister van economie" and "minister economie" are the same phrase there
    assert tokens(stemmed_analyzer(), "minister van economie") == [
        ("minister", 0), ("economie", 1)]
    assert tokens(exact_analyzer(), "minister van economie") == [
        ("minister", 0), ("van", 1), ("economie", 2)]


def test_digits_and_numbers_are_kept():
    assert analyze("37 aanvragen in 2020 voor 5 jaar") == ["37", "aanvraag", "2020", "5", "jaar"]
    assert analyze("1.000.000 euro en 3,5 procent", exact=True) == [
        "1.000.000", "euro", "en", "3,5", "procent"]
    assert analyze("Art. 15, §1") == ["art", "15", "1"]


def test_possessive_s_goes_in_stemmed_stays_in_exact():
    assert analyze("OCMW’s") == ["ocmw"]
    assert analyze("OCMW’s", exact=True) == ["ocmw's"]


def test_soft_hyphen_inside_a_word_is_ignored():
    assert analyze("samen\u00adwerking", exact=True) == ["samenwerking"]


# -- compounds ------------------------------------------------------------------------

def test_compound_joined_form_first_then_parts_at_consecutive_positions():
    assert tokens(exact_analyzer(), "de sociaal-economische organisaties") == [
        ("de", 0), ("sociaaleconomische", 1), ("sociaal", 1), ("economische", 2),
        ("organisaties", 3)]
    assert tokens(stemmed_analyzer(), "sociaal-economische organisaties") == [
        ("sociaaleconomisch", 0), ("sociaal", 0), ("economisch", 1), ("organiseer", 2)]


def test_query_mode_gives_parts_only():
    assert phrase_terms("lokale sociaal-economische projecten") == [
        "lokale", "sociaal", "economische", "projecten"]
    assert tokens(exact_analyzer(), "a-b-c d", mode="query") == [
        ("a", 0), ("b", 1), ("c", 2), ("d", 3)]


def test_number_ranges_are_not_joined():
    assert analyze("2020-2025 COVID-19") == ["2020", "2025", "covid", "19"]


def test_elliptic_compound_keeps_first_word():
    assert analyze("werkings- en projectsubsidies", exact=True, parts=False) == [
        "werkings", "en", "projectsubsidies"]


def test_part_offsets_point_into_the_source():
    text = "lokale OCMW-verenigingen"
    got = [(t.text, text[t.startchar:t.endchar])
           for t in exact_analyzer()(text, chars=True, mode="index")]
    assert got == [("lokale", "lokale"), ("ocmwverenigingen", "OCMW-verenigingen"),
                   ("ocmw", "OCMW"), ("verenigingen", "verenigingen")]


_TEXT = st.text(alphabet="ab-é ’'s1.,", max_size=30)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_phrase_positions_are_consecutive_and_match_index_parts(text):
    analyzer = exact_analyzer()
    query = tokens(analyzer, text, mode="query")
    assert [pos for _, pos in query] == list(range(len(query)))
    index_tokens = tokens(analyzer, text)
    # index mode adds joined forms only, each at the position of its first part
    parts = [tok for i, tok in enumerate(index_tokens)
             if i + 1 == len(index_tokens) or index_tokens[i + 1][1] != tok[1]]
    assert parts == query


# -- pickling and a real index --------------------------------------------------------

@pytest.mark.parametrize("make", [stemmed_analyzer, exact_analyzer])
def test_analyzers_pickle_without_their_caches(make):
    analyzer = make()
    list(analyzer("Ministers vragen antwoorden " * 50))  # fill the caches
    data = pickle.dumps(analyzer)
    assert b"_cache" not in data and b"_snowball" not in data
    again = pickle.loads(data)
    assert again == analyzer
    text = "De ministers gaven gecoördineerde antwoorden op sociaal-economische vragen"
    assert [t.text for t in again(text)] == [t.text for t in make()(text)]


def _schema():
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        body=fields.TEXT(analyzer=stemmed_analyzer(), stored=True),
        exact=fields.TEXT(analyzer=exact_analyzer()),
    )


DOCS = {
    "a": "De lokale besturen werken samen met sociaal-economische organisaties.",
    "b": "De minister houdt de Vlaamse Gemeenschap op de hoogte van het antwoord.",
    "c": "Een mini-onderneming vraagt subsidies aan.",
}

_REOPEN = textwrap.dedent("""
    import json, sys
    from whoosh import index
    from whoosh.query import Phrase, Term
    from index.indexing.analysis import phrase_terms, stem_word
    ix = index.open_dir(sys.argv[1])
    def ids(q):
        with ix.searcher() as s:
            return sorted(hit["id"] for hit in s.search(q, limit=None))
    out = {
        "minister": ids(Term("body", stem_word("ministers"))),
        "mini": ids(Term("body", stem_word("mini"))),
        "bestuur": ids(Term("body", stem_word("bestuur"))),
        "phrase": ids(Phrase("exact", phrase_terms("op de hoogte"))),
        "compound": ids(Phrase("exact", phrase_terms("sociaal economische organisaties"))),
        "joined": ids(Term("exact", "sociaaleconomische")),
        "analyzer": [t.text for t in ix.schema["body"].analyzer("Antwoorden")],
    }
    print(json.dumps(out))
""")


def test_index_reopens_in_a_fresh_process_and_searches(tmp_path):
    ix = index.create_in(tmp_path, _schema())
    with ix.writer() as w:
        for key, text in DOCS.items():
            w.add_document(id=key, body=text, exact=text)
    proc = subprocess.run(
        [sys.executable, "-c", _REOPEN, str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert got == {
        "minister": ["b"], "mini": ["c"], "bestuur": ["a"], "phrase": ["b"],
        "compound": ["a"], "joined": ["a"], "analyzer": ["antwoord"],
    }


def test_phrase_on_stemmed_field_and_highlight(tmp_path):
    ix = index.create_in(tmp_path, _schema())
    with ix.writer() as w:
        for key, text in DOCS.items():
            w.add_document(id=key, body=text, exact=text)
    with ix.searcher() as s:
        hits = s.search(Phrase("body", analyze("lokaal bestuur", mode="query")))
        assert [h["id"] for h in hits] == ["a"]
        hits = s.search(Term("body", stem_word("sociaaleconomisch")))
        assert [h["id"] for h in hits] == ["a"]
        snippet = hits[0].highlights("body")
        assert "sociaal-economische" in snippet.lower() and "<b" in snippet
    text = DOCS["a"]
    marked = highlight(text, {stem_word("besturen")}, stemmed_analyzer(),
                       fragmenter=WholeFragmenter(), formatter=UppercaseFormatter())
    assert "BESTUREN" in marked
