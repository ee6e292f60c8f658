"""Behaviours that a one-line bug once broke without any test noticing (issue 15).

Each test is about one behaviour a user relies on, over hand-made documents whose
content is the oracle: the word distance written into a phrase, the spelling of a
minister's name, the date of a question, the spelling a document itself uses.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from crafted import Doc, build_index

from index.documents.dates import session_year
from index.documents.hyphenation import document_resolver
from index.documents.parser import parse_text
from index.indexing.analysis import stem_word
from search.results import SearchRequest

ROOT = Path(__file__).resolve().parent.parent
FILLERS = ["rood", "groen", "blauw", "geel", "paars"]
NEAR_WORDS = ("zwaluwstaart", "kompasnaald")


def fourth_monday_of_september(year: int) -> dt.date:
    """Independent of index.documents.dates: the fourth Monday as the calendar lists them."""
    mondays = [d for d in calendar.Calendar().itermonthdates(year, 9)
               if d.month == 9 and d.weekday() == calendar.MONDAY]
    return mondays[3]


def crafted_docs() -> list[Doc]:
    docs = []
    # Phrase distance: the two words with k other words between them, k = 0..5,
    # and once in the wrong order.
    for k in range(len(FILLERS) + 1):
        between = " ".join(FILLERS[:k])
        docs.append(Doc(100 + k, "Karel Vos", title="Nabijheid - Proef",
                        answer=f"Dit is een {NEAR_WORDS[0]} {between} {NEAR_WORDS[1]} hier."))
    docs.append(Doc(110, "Karel Vos", title="Nabijheid - Omgekeerd",
                    answer=f"Dit is een {NEAR_WORDS[1]} rood {NEAR_WORDS[0]} hier."))
    # Names: one with accents, two that share letters but are other people.
    docs += [Doc(200, "Zoë Gérard", asker="Renée Çelik"), Doc(201, "Zoë Gérard"),
             Doc(210, "Jan De Smet"), Doc(211, "Ben Smets"), Doc(212, "Lien Vandesmet")]
    # The first day of a zittingsjaar and the day before it.
    start = fourth_monday_of_september(2023)
    docs += [Doc(300, "Karel Vos", date=start, title="Zittingsgrens - Eerste dag"),
             Doc(301, "Karel Vos", date=start - dt.timedelta(days=1),
                 title="Zittingsgrens - Laatste dag")]
    return docs


@pytest.fixture(scope="module")
def crafted_service(tmp_path_factory):
    from search.service import SearchService

    tmp = tmp_path_factory.mktemp("crafted")
    index_dir = build_index(tmp / "docs", tmp / "index", crafted_docs())
    service = SearchService(index_dir)
    yield service
    service.close()


def numbers(result) -> set[int]:
    assert result.error is None, result.error
    return {ref.number for hit in result.hits for ref in hit.records}


# -- "a b"~N: at most N other words between ------------------------------------------

@pytest.mark.parametrize("slop", [0, 1, 2, 3, 4, 5])
def test_near_phrase_allows_exactly_n_words_between(crafted_service, slop):
    q = f'"{NEAR_WORDS[0]} {NEAR_WORDS[1]}"~{slop}'
    found = numbers(crafted_service.search(SearchRequest(q=q, limit=100)))
    assert found == {100 + k for k in range(slop + 1)}, q


def test_near_phrase_keeps_the_word_order(crafted_service):
    q = f'"{NEAR_WORDS[1]} {NEAR_WORDS[0]}"~3'
    assert numbers(crafted_service.search(SearchRequest(q=q))) == {110}


# -- the minister filter: case- and accent-insensitive, full or last name --------------

@pytest.mark.parametrize("name", ["Zoë Gérard", "zoe gerard", "GERARD", "gérard", "Gerard"])
def test_minister_filter_folds_accents_and_case(crafted_service, name):
    result = crafted_service.search(SearchRequest(ministers=[name], limit=100))
    assert numbers(result) == {200, 201}, name
    assert result.notices == []


def test_asker_filter_folds_accents(crafted_service):
    assert numbers(crafted_service.search(SearchRequest(asker="renee celik"))) == {200}


@pytest.mark.parametrize(("name", "expected"), [
    ("Smet", {210}), ("De Smet", {210}), ("jan de smet", {210}),
    ("Smets", {211}), ("Vandesmet", {212}),
])
def test_minister_filter_matches_a_whole_last_name_not_a_piece(crafted_service, name, expected):
    assert numbers(crafted_service.search(SearchRequest(ministers=[name], limit=100))) == expected


@pytest.mark.parametrize("piece", ["mets", "sme", "smet s", "Jan", "rard", "Zoë"])
def test_a_piece_of_a_name_finds_no_minister_and_says_so(crafted_service, piece):
    result = crafted_service.search(SearchRequest(ministers=[piece], limit=100))
    assert numbers(result) == set()
    assert result.notices == [f"Geen minister gevonden met de naam '{piece}'."]


# -- the zittingsjaar starts on the fourth Monday of September -------------------------

@pytest.mark.parametrize("year", range(2015, 2031))
def test_the_first_day_of_a_zittingsjaar_belongs_to_it(year):
    start = fourth_monday_of_september(year)
    assert session_year(start) == f"{year}-{year + 1}"
    assert session_year(start - dt.timedelta(days=1)) == f"{year - 1}-{year}"


def test_session_facet_counts_the_first_day_in_the_new_zittingsjaar(crafted_service):
    result = crafted_service.search(SearchRequest(q="zittingsgrens"))
    assert numbers(result) == {300, 301}
    assert {(v.value, v.count) for v in result.facets["session"]} == \
        {("2022-2023", 1), ("2023-2024", 1)}


def test_session_period_of_the_web_filter_runs_from_the_first_day_to_the_eve_of_the_next():
    from web.state import session_period

    assert session_period(2023) == (fourth_monday_of_september(2023),
                                    fourth_monday_of_september(2024) - dt.timedelta(days=1))


# -- stemming: KP strips ge- inside compounds; the override table puts it back -----------

@pytest.mark.parametrize("word", ["werkgever", "werkgevers", "opdrachtgever", "zorggevers"])
def test_ge_inside_a_gever_compound_is_kept(word):
    stem = stem_word(word)
    assert "gever" in stem or stem.endswith("gev"), (word, stem)


def test_werkgever_does_not_meet_werkver():
    assert stem_word("werkgever") == stem_word("werkgevers") != stem_word("werkver")


# -- hyphenation: the document's own spelling decides first -----------------------------

def parse_answer(answer: str) -> str:
    text = Doc(1, "Karel Vos", answer=answer).text()
    (record,) = parse_text(text, "doc.txt", document_resolver(text))
    return record.answer


def test_a_break_is_kept_as_a_hyphen_when_the_document_writes_the_word_hyphenated():
    assert document_resolver("")("kwark", "taart", None) == "kwarktaart"  # the lexicon joins
    answer = parse_answer("De kwark-taart was op. Wij bakken morgen een nieuwe kwark-\n"
                          "taart voor iedereen.")
    assert answer.count("kwark-taart") == 2 and "kwarktaart" not in answer


def test_a_break_is_joined_when_the_document_writes_the_word_solid():
    assert document_resolver("")("re", "integratie", None) == "re-integratie"  # lexicon
    answer = parse_answer("De reintegratie loopt. Voor de trajecten van re-\n"
                          "integratie is geld.")
    assert answer.count("reintegratie") == 2 and "re-integratie" not in answer


# -- a killed commit's leftover files are removed by the next run ----------------------

KILL_AT_SECOND_COMMIT = textwrap.dedent("""
    import os, signal, sys
    from whoosh.filedb.filestore import FileStorage

    rename = FileStorage.rename_file
    commits = []

    def rename_or_die(self, frm, to, safe=False):
        # A commit ends by renaming its new table of contents into place; die at the
        # second commit's rename, after its temporary file is written.
        if ".toc." in frm:
            commits.append(to)
            if len(commits) == 3:
                os.kill(os.getpid(), signal.SIGKILL)
        return rename(self, frm, to, safe)

    FileStorage.rename_file = rename_or_die
    from cli.main import main
    sys.argv[0] = "vraagbaak"
    main()
""")


def test_a_toc_left_by_a_commit_killed_before_its_rename_is_removed_next_run(tmp_path):
    from crafted import write_docs

    from index.indexing.writer import INDEX_NAME

    docs = write_docs(tmp_path / "docs", [Doc(n, "Karel Vos") for n in range(1, 31)])
    index_dir = tmp_path / "index"
    env = {k: v for k, v in os.environ.items() if not k.startswith("VRAAGBAAK_")}
    env.update(PYTHONPATH=str(ROOT), VRAAGBAAK_COMMIT_EVERY="10")
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AT_SECOND_COMMIT, "index", str(docs), "--index-dir",
         str(index_dir), "--workers", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    leftovers = sorted(p.name for p in index_dir.glob(f"_{INDEX_NAME}_*.toc.*"))
    assert len(leftovers) == 1, leftovers  # what the killed commit wrote and never renamed

    from index.indexing.writer import index_paths

    report = index_paths([docs], index_dir, workers=1)
    assert report.ok and report.added + report.unchanged == 30, report.summary()
    assert sorted(p.name for p in index_dir.glob(f"_{INDEX_NAME}_*.toc.*")) == []
