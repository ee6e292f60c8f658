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
from index.indexing.analysis import analyze, stem_word, stemmed_analyzer
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
def test_the_stemmed_analyzer_indexes_parts_at_the_compound_position():
    tokens = dict((t.text, t.pos) for t in stemmed_analyzer()(
        "de kinderopvang in het beleidsdomein", positions=True, mode="index"))
    assert tokens["opvang"] == tokens["kinderopvang"]
    assert tokens["beleid"] == tokens["domein"] == tokens["beleidsdomein"]
    assert tokens["beleidsdomein"] == tokens["kinderopvang"] + 1
    # a query word stays whole: a plain `kinderopvang` asks for the compound only
    assert analyze("kinderopvang", mode="query") == ["kinderopvang"]
    # and the exact analyzer (quoted phrases) never sees parts
    assert analyze("kinderopvang", exact=True) == ["kinderopvang"]


@needs_hunspell
def test_analyze_command_shows_the_parts():
    out = subprocess.run([sys.executable, "-m", "cli.main", "analyze"], input="onderwijsbeleid\n",
                         capture_output=True, text=True, check=True).stdout
    terms = out.split()
    assert terms[0] == "onderwijsbeleid" and "beleid" in terms[1:] and len(terms) == 3


@needs_hunspell
def test_the_analyzer_survives_pickling_without_its_word_lists():
    analyzer = stemmed_analyzer()
    before = [t.text for t in analyzer("armoedebestrijding en ideeën", mode="index")]
    blob = pickle.dumps(analyzer)
    assert len(blob) < 20_000  # neither hunspell, wordfreq nor the lemma map inside
    restored = pickle.loads(blob)
    assert [t.text for t in restored("armoedebestrijding en ideeën", mode="index")] == before
    assert before[:2] == ["armoedebestrijd", "armoede"] and len(before) == 4


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
