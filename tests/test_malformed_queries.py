"""Malformed queries: each gets the notice or the error the README promises, and a repaired
query finds exactly what its well-formed equivalent finds (README, "Query language")."""

from __future__ import annotations

import pytest

from search.results import SearchRequest

NO_WORDS = "De zoekvraag bevat geen zoekwoorden."
LONE_OR = "'OR' zonder woord ervoor of erna werd genegeerd."
UNCLOSED = "Aanhalingsteken niet gesloten: de zin loopt tot het einde."
MISSING = "Een ontbrekend ')' werd toegevoegd."
EXTRA = "Een overtollig ')' werd genegeerd."
NOT_ALONE = "'NOT' zonder woord erna werd genegeerd."
EMPTY_FIELD = "Een veld zonder waarde werd genegeerd."

# (malformed query, the notices it gets, the well-formed query it is repaired to;
#  None: nothing is left to search, so nothing is found)
REPAIRED = [
    ('"lokale besturen', [UNCLOSED], '"lokale besturen"'),
    ("(kinderopvang OR leerlingen", [MISSING], "(kinderopvang OR leerlingen)"),
    ("kinderopvang OR leerlingen)", [EXTRA], "kinderopvang OR leerlingen"),
    ("kinderopvang OR", [LONE_OR], "kinderopvang"),
    ("OR kinderopvang", [LONE_OR], "kinderopvang"),
    ("kinderopvang OR OR leerlingen", [LONE_OR], "kinderopvang OR leerlingen"),
    ("OR", [LONE_OR, NO_WORDS], None),
    ("AND NOT", [NOT_ALONE, NO_WORDS], None),
    ("NOT", [NOT_ALONE, NO_WORDS], None),
    ("((((", [MISSING, NO_WORDS], None),  # one notice per kind
    ("minister:", [EMPTY_FIELD, NO_WORDS], None),
    ("onbekend:kinderopvang", ["Onbekend veld 'onbekend:' werd als gewone tekst gezocht."],
     "onbekend kinderopvang"),
    ("-", [NO_WORDS], None),
    ("\x00\x01", [NO_WORDS], None),
    ('""', [NO_WORDS], None),
    ("kinderopvang~~~", [], "kinderopvang"),
    ('"op de hoogte"~', [], '"op de hoogte"'),
    ("titel:(armoede OR kinderopvang)", [], "titel:armoede OR titel:kinderopvang"),
    ("minister:Nobody", ["Geen minister gevonden met de naam 'Nobody'."], None),
]


def found(service, q: str) -> tuple[int, set[str]]:
    result = service.search(SearchRequest(q=q, limit=100))
    assert result.error is None, (q, result.error)
    return result.total, {hit.id for hit in result.hits}


@pytest.mark.parametrize(("query", "notices", "equivalent"), REPAIRED)
def test_a_malformed_query_is_repaired_and_says_so(service, query, notices, equivalent):
    result = service.search(SearchRequest(q=query, limit=100))
    assert result.error is None
    assert result.notices == notices
    got = (result.total, {hit.id for hit in result.hits})
    if equivalent is None:
        assert got == (0, set())
    else:
        expected = found(service, equivalent)
        assert expected[0] > 0, f"the equivalent {equivalent!r} finds nothing: a weak check"
        assert got == expected


@pytest.mark.parametrize(("query", "message"), [
    ("x" * 10_000, "De zoekvraag is te lang (10000 tekens; hoogstens 1000)."),
    ("a*", "Een voorvoegsel moet minstens 3 letters hebben ('a*' is te kort)."),
    ("*economie", "Jokertekens vooraan of midden in een woord worden niet ondersteund; "
                  "gebruik een voorvoegsel zoals onderw*."),
    (" OR ".join(["w"] * 100), "De zoekvraag heeft te veel termen (hoogstens 64)."),
])
def test_a_query_refused_on_cost_finds_nothing_and_says_why(service, query, message):
    result = service.search(SearchRequest(q=query))
    assert (result.error, result.total, result.hits) == (message, 0, [])


def test_the_empty_query_lists_every_question_without_a_notice(service, indexed_records):
    result = service.search(SearchRequest(q=""))
    assert result.notices == [] and result.error is None
    assert result.total == len({r.group for r in indexed_records})
