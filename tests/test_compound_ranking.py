"""Search with compound parts, the lemma map and hyphen/solid phrases, over a corpus built
for it (issue 12): what a journalist typing a plain word or a quoted phrase would see."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.documents.lexicon import find_hunspell
from search.results import SearchRequest

pytestmark = pytest.mark.skipif(find_hunspell() is None, reason="hunspell-nl missing")

MINISTER = """HILDE CREVITS
VICEMINISTER-PRESIDENT VAN DE VLAAMSE REGERING, VLAAMS MINISTER VAN ECONOMIE,
INNOVATIE, WERK, SOCIALE ECONOMIE EN LANDBOUW"""
FILLER = "Graag had ik hierover meer informatie ontvangen van de bevoegde diensten."

# (query, a text that holds the query word whole, a compound or form that only holds it
# as a part or by conflation). For each: a document with the word in title and text, one
# with the word in the text only, one with only the compound/conflated form (in title and
# text). Expected order: title+text, text only, part/conflation only.
RANKING = [
    ("opvang", "opvang", "kinderopvang"),
    ("beleid", "beleid", "onderwijsbeleid"),
    ("domein", "domein", "beleidsdomein"),
    ("armoede", "armoede", "armoedebestrijding"),
    ("zorg", "zorg", "gezondheidszorg"),
    ("veiligheid", "veiligheid", "verkeersveiligheid"),
    ("markt", "markt", "arbeidsmarkt"),
    ("hulp", "hulp", "jeugdhulp"),
    ("verbruik", "verbruik", "energieverbruik"),
    ("subsidie", "subsidie", "projectsubsidie"),
    ("studie", "studie", "haalbaarheidsstudie"),
    ("agentschap", "agentschap", "klimaatagentschap"),
    ("aanbod", "aanbod", "dienstenaanbod"),
    ("schooljaar", "schooljaar", "schooljaren"),
    ("leden", "leden", "lid"),
    ("adviezen", "adviezen", "advies"),
    ("economieën", "economieën", "economie"),
    ("ideeën", "ideeën", "idee"),
    ("steden", "steden", "stad"),
    ("Europese", "Europese", "Europees"),
]


def document(number: int, title: str, text: str) -> str:
    return (f" {title}\n\n{text} {FILLER}\n\n1. Wat is de stand van zaken?\n\n{MINISTER}\n\n"
            f"ANTWOORD\nop vraag nr. {number} van 3 maart 2024\nvan ALLESSIA CLAES\n\n"
            f"Het antwoord op deze vraag volgt in bijlage.\n")


def corpus() -> dict[str, tuple[str, str]]:
    """name -> (title, text)."""
    docs: dict[str, tuple[str, str]] = {}
    for i, (_query, word, other) in enumerate(RANKING):
        docs[f"r{i:02d}-title"] = (f"Vraag over {word} in Vlaanderen", f"Een vraag over {word}.")
        docs[f"r{i:02d}-text"] = (f"Vraag nummer {i} in Vlaanderen", f"Een vraag over {word}.")
        docs[f"r{i:02d}-part"] = (f"Vraag over {other} in Vlaanderen",
                                  f"Een vraag over {other}.")
    docs.update({
        "hyphen": ("Sociale ondernemingen", "Over sociaal-economische organisaties in Gent."),
        "solid": ("Sociale ondernemers", "Over sociaaleconomische organisaties in Brugge."),
        "ministerie": ("Het ministerie van Onderwijs", "Een vraag aan het ministerie."),
        "gemeentelijk": ("Gemeentelijke diensten", "De gemeentelijke diensten in Aalst."),
        "gemeente": ("Diensten in de gemeente", "De gemeente Aalst en haar diensten."),
    })
    return docs


@pytest.fixture(scope="module")
def compound_service(tmp_path_factory):
    from index.indexing.writer import index_paths
    from search.service import SearchService

    root: Path = tmp_path_factory.mktemp("compound-corpus")
    folder = root / "docs"
    folder.mkdir()
    names = {}
    for number, (name, (title, text)) in enumerate(sorted(corpus().items()), start=1):
        (folder / f"{name}.txt").write_text(document(number, title, text), encoding="utf-8")
        names[number] = name
    report = index_paths([folder], root / "index")
    assert report.ok, report.summary()
    service = SearchService(root / "index")
    service.names = names
    yield service
    service.close()


def found(service, query: str) -> list[str]:
    """Document names in rank order."""
    result = service.search(SearchRequest(q=query, limit=100, facets=False))
    assert result.error is None, result.error
    return [service.names[hit.number] for hit in result.hits]


@pytest.mark.parametrize("query, word, other", RANKING, ids=[q for q, _, _ in RANKING])
def test_whole_words_rank_above_parts_and_title_above_text(compound_service, query, word,
                                                           other):
    i = next(n for n, row in enumerate(RANKING) if row[0] == query)
    ranked = [name for name in found(compound_service, query) if name.startswith(f"r{i:02d}-")]
    assert ranked == [f"r{i:02d}-title", f"r{i:02d}-text", f"r{i:02d}-part"]


def test_a_plain_word_finds_the_compounds_that_hold_it(compound_service):
    assert "r00-part" in found(compound_service, "opvang")  # kinderopvang
    assert "r01-part" in found(compound_service, "beleid")  # onderwijsbeleid


def test_irregular_forms_find_their_word(compound_service):
    assert "r16-part" in found(compound_service, "economieën")  # economie
    assert "r14-part" in found(compound_service, "leden")  # lid
    assert "r15-part" in found(compound_service, "adviezen")  # advies
    assert "r14-title" in found(compound_service, "lid")  # and back: lid finds leden


def test_a_quoted_word_finds_only_the_word(compound_service):
    hits = found(compound_service, '"opvang"')
    assert set(hits) == {"r00-title", "r00-text"}


def test_ministerie_and_gemeentelijk_stay_precise(compound_service):
    assert found(compound_service, "ministerie") == ["ministerie"]
    assert found(compound_service, "gemeentelijk") == ["gemeentelijk"]


@pytest.mark.parametrize("query", [
    '"sociaaleconomische organisaties"', '"sociaal-economische organisaties"',
    '"sociaaleconomische"', '"sociaal-economische"',
])
def test_phrases_match_hyphenated_and_solid_compounds_both_ways(compound_service, query):
    assert sorted(found(compound_service, query)) == ["hyphen", "solid"]


def test_a_phrase_with_a_compound_still_needs_its_order(compound_service):
    assert found(compound_service, '"organisaties sociaaleconomische"') == []


SEARCH_ONLY = """
import sys
import index.documents.lexicon as lexicon
loaded = []
for name in ("load_hunspell", "load_wordfreq"):  # before anything imports them by name
    def spy(*args, _name=name, _real=getattr(lexicon, name)):
        loaded.append(_name)
        return _real(*args)
    setattr(lexicon, name, spy)
from search.results import SearchRequest
from search.service import SearchService

service = SearchService(sys.argv[1])
for q in ["opvang", "beleid -armoede", '"sociaaleconomische organisaties"', '"opvang"',
          "kinderopv*", "titel:domein"]:
    assert service.search(SearchRequest(q=q)).error is None, q
hit = service.search(SearchRequest(q="onderwijsbeleid")).hits[0]
service.similar(service.get(hit.id))
print(sorted(set(loaded) | {name for name in ("wordfreq", "index.indexing.writer")
                            if name in sys.modules}))
"""


def test_searching_compounds_loads_no_word_lists(compound_service):
    """The compounds were split when they were indexed: a search process (each command
    line search, each new web worker) does not load hunspell-nl or wordfreq for them."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", SEARCH_ONLY, str(compound_service.index_dir)],
                         cwd=root, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
