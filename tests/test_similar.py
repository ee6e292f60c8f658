"""Similar questions (`vraagbaak similar`, the question page) over hand-made questions whose
nearest neighbour is known by construction: two pairs on one subject each, and questions
on other subjects that share only common question words with them."""

from __future__ import annotations

import pytest
from crafted import Doc, build_index

SUBJECTS = {
    # number: (title, question); 1-2 and 3-4 are the pairs
    1: ("Fietspaden - Onderhoud",
        "Hoeveel kilometer fietspaden langs gewestwegen werd vorig jaar hersteld? "
        "Welke fietspaden hebben scheuren en wortelopstoot?"),
    2: ("Fietspaden - Herstellingen",
        "Welke fietspaden langs gewestwegen vertonen scheuren of wortelopstoot en wanneer "
        "worden die fietspaden hersteld?"),
    3: ("Kinderopvang - Plaatsen",
        "Hoeveel plaatsen in de kinderopvang voor baby's en peuters zijn er per gemeente? "
        "Hoe lang zijn de wachtlijsten?"),
    4: ("Kinderopvang - Wachtlijsten",
        "Hoe lang zijn de wachtlijsten voor kinderopvang van baby's en peuters, en hoeveel "
        "plaatsen komen erbij?"),
    5: ("Zwembaden - Renovatie", "Welke zwembaden krijgen subsidie voor een renovatie?"),
    6: ("Musea - Bezoekers", "Hoeveel bezoekers telden de musea tijdens de zomermaanden?"),
    7: ("Windmolens - Vergunningen",
        "Hoeveel vergunningen voor windmolens op zee werden geweigerd?"),
}
PAIRS = {1: 2, 2: 1, 3: 4, 4: 3}


@pytest.fixture(scope="module")
def similar_service(tmp_path_factory):
    from search.service import SearchService

    tmp = tmp_path_factory.mktemp("similar")
    docs = [Doc(n, "Karel Vos", title=title, question=question)
            for n, (title, question) in SUBJECTS.items()]
    service = SearchService(build_index(tmp / "docs", tmp / "index", docs))
    yield service
    service.close()


def record_of(service, number: int):
    return service.get(f"2023-03-14-karel-vos-{number}")


@pytest.mark.parametrize(("number", "neighbour"), sorted(PAIRS.items()))
def test_the_question_on_the_same_subject_comes_first(similar_service, number, neighbour):
    similar = similar_service.similar(record_of(similar_service, number))
    assert similar, number
    assert similar[0].number == neighbour
    assert number not in {hit.number for hit in similar}

