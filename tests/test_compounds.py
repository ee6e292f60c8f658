"""Compound splitting, the lemma map and the analyzer that uses them (issue 12).

The decisions below are a reader's: a compound gives its parts, a word that only looks
like one (`regering`, `ambtenaar`, `kwartaal`) stays whole, and forms of one word meet.
"""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from index.documents.lexicon import find_hunspell
from index.indexing.analysis import analyze, exact_analyzer, stem_word, stemmed_analyzer
from index.indexing.compounds import CompoundSplitter
from index.indexing.stemming import DutchStemmer

needs_hunspell = pytest.mark.skipif(find_hunspell() is None, reason="hunspell-nl missing")

# Domain compounds and how they split (modifier without its linker, head as written).
DOMAIN_COMPOUNDS = {
    "kinderopvang": ("kinder", "opvang"),
    "onderwijsbeleid": ("onderwijs", "beleid"),
    "beleidsdomein": ("beleid", "domein"),
    "armoedebestrijding": ("armoede", "bestrijding"),
    "gezondheidszorg": ("gezondheid", "zorg"),
    "verkeersveiligheid": ("verkeer", "veiligheid"),
    "arbeidsmarkt": ("arbeid", "markt"),
    "jeugdhulp": ("jeugd", "hulp"),
    "energieverbruik": ("energie", "verbruik"),
    "dienstenaanbod": ("dienst", "aanbod"),
    "projectsubsidie": ("project", "subsidie"),
    "haalbaarheidsstudie": ("haalbaarheid", "studie"),
    "onderzoeksprojecten": ("onderzoek", "projecten"),
    "dagbesteding": ("dag", "besteding"),
    "klimaatagentschap": ("klimaat", "agentschap"),
    "schooljaar": ("school", "jaar"),
}
# Words that must stay whole: no compound, or a derivation whose "parts" mislead.
DOMAIN_WHOLE = [
    "regering", "ambtenaar", "kwartaal", "gemeentelijk", "gemeentelijke", "minister",
    "ministerie", "samenwerking", "onderwijs", "overheid", "ondersteuning", "belasting",
    "digitalisering", "mogelijkheden", "belangrijke", "maatschappelijk", "agentschap",
    "gekregen", "werknemers", "vrijwilligers",
]


@needs_hunspell
@pytest.mark.parametrize("word, parts", sorted(DOMAIN_COMPOUNDS.items()))
def test_domain_compounds_split_into_their_parts(word, parts):
    assert CompoundSplitter().top_split(word) == parts


@needs_hunspell
@pytest.mark.parametrize("word", DOMAIN_WHOLE)
def test_non_compounds_stay_whole(word):
    assert CompoundSplitter()(word) == ()


@needs_hunspell
def test_a_three_part_compound_also_gives_its_inner_compound():
    parts = CompoundSplitter()("kinderopvangbeleid")
    assert {"kinderopvang", "kinder", "opvang", "beleid"} <= set(parts)


@needs_hunspell
@pytest.mark.parametrize("exact", [True, False], ids=["exact", "stemmed"])
def test_the_analyzers_index_marked_parts_at_the_compound_position(exact):
    analyzer = exact_analyzer() if exact else stemmed_analyzer()
    tokens = [(t.text, t.pos) for t in analyzer(
        "de kinderopvang in het beleidsdomein", positions=True, mode="index")]
    at = dict(tokens)
    kinder = "+kinder" if exact else "+kind"  # the stemmed analyzer stems the part too
    # the parts are extra terms of their own (marked), at the compound's own position
    assert at["+opvang"] == at[kinder] == at["kinderopvang"]
    assert at["+beleid"] == at["+domein"] == at["beleidsdomein"] == at["kinderopvang"] + 3 \
        - (0 if exact else 2)  # the stemmed analyzer drops `in` and `het`
    assert "opvang" not in at and "beleid" not in at  # never the whole word's term
    # the words keep their positions: the parts take none of their own
    words = [pos for text, pos in tokens if not text.startswith("+")]
    assert words == list(range(words[0], words[0] + len(words)))
    # a query word or quoted phrase stays whole: `kinderopvang` asks for the compound only
    assert analyze("kinderopvang", mode="query") == ["kinderopvang"]
    assert analyze("kinderopvang", exact=True, mode="query") == ["kinderopvang"]
    assert analyze("kinderopvang", exact=True, parts=False) == ["kinderopvang"]


@needs_hunspell
def test_a_part_with_the_words_own_stem_is_no_extra_term():
    # `taallessen` stems to `taal`, `beschikking` is cut `beschik` + `king`: searching
    # `taal` or `beschikking` finds them as words, not a second time as a part
    assert analyze("taallessen beschikking", exact=True) == [
        "taallessen", "+lessen", "beschikking", "+king"]


@needs_hunspell
def test_words_that_only_look_like_compounds_get_no_part_terms():
    assert analyze("regering ambtenaar kwartaal gemeentelijk", exact=True) == [
        "regering", "ambtenaar", "kwartaal", "gemeentelijk"]


@needs_hunspell
def test_analyze_command_shows_the_parts():
    out = subprocess.run([sys.executable, "-m", "cli.main", "analyze"], input="onderwijsbeleid\n",
                         capture_output=True, text=True, check=True).stdout
    assert out.split() == ["onderwijsbeleid", "+onderwijs", "+beleid"]


@needs_hunspell
def test_the_analyzer_survives_pickling_without_its_word_lists():
    analyzer = stemmed_analyzer()
    before = [t.text for t in analyzer("armoedebestrijding en ideeën", mode="index")]
    blob = pickle.dumps(analyzer)
    assert len(blob) < 20_000  # neither hunspell, wordfreq nor the lemma map inside
    restored = pickle.loads(blob)
    assert [t.text for t in restored("armoedebestrijding en ideeën", mode="index")] == before
    assert before[:2] == ["armoedebestrijd", "+armoede"] and len(before) == 4


def test_a_stemmer_pickled_before_the_lemma_map_keeps_analysing_without_it():
    stemmer = DutchStemmer()
    state = stemmer.__getstate__()
    del state["lemmas"]  # what an index written before the map holds
    old = DutchStemmer.__new__(DutchStemmer)
    old.__setstate__(state)
    assert old("ideeen") != old("idee")
    assert stemmer("ideeen") == stemmer("idee")


@pytest.mark.parametrize("a, b", [
    ("economie", "economieën"), ("idee", "ideeën"), ("lid", "leden"), ("advies", "adviezen"),
    ("stemmen", "stemt"), ("Europees", "Europese"), ("categorie", "categorieën"),
    ("stad", "steden"), ("vragen", "vraagt"), ("groot", "grote"), ("investeren", "investeert"),
])
def test_forms_of_one_word_meet(a, b):
    assert stem_word(a) == stem_word(b)


@pytest.mark.parametrize("a, b", [
    ("minister", "ministerie"), ("beleid", "beleidsdomein"), ("gemeente", "gemeentelijk"),
    ("economie", "economisch"), ("wet", "weten"), ("kwart", "kwartaal"), ("ambt", "ambtenaar"),
    ("lid", "lijden"), ("opvang", "kinderopvang"),
])
def test_different_words_stay_apart(a, b):
    assert stem_word(a) != stem_word(b)
