"""Fictional ministers, their portfolios over time, and the members who ask questions.

All names are invented. A display name is always ``caps.title()`` of the capitals a document
prints (``SAM VAN DYCK`` -> ``Sam Van Dyck``), so a parser can recover it from a header.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from dataclasses import dataclass

from index.documents.model import slug


@dataclass(frozen=True)
class Person:
    name: str  # display form
    female: bool

    @property
    def caps(self) -> str:
        return self.name.upper()


@dataclass(frozen=True)
class Seat:
    """One minister's place in a government between two reshuffles."""

    person: Person
    roles: tuple[str, ...]  # mixed case: ("Vlaams minister van Mobiliteit en ...",)
    rank: int  # protocol order: the order of names in a joint sentence

    @property
    def portfolio(self) -> str:
        """The portfolio as a document prints it (capitals, one line)."""
        return ", ".join(self.roles).upper()

    @property
    def referral_form(self) -> str:
        """The portfolio as a referral names it: `viceminister-president ... en Vlaams ...`."""
        first, *rest = self.roles
        if not first.startswith("Vlaams"):
            first = first[0].lower() + first[1:]
        return " en ".join([first, *rest])


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


def _p(name: str, female: bool) -> Person:
    return Person(name, female)


VAN_DYCK = _p("Karel Van Dyck", False)
DE_SMET = _p("Liesbet De Smet", True)
VANDEN_BOSSCHE = _p("Pieter Vanden Bossche", False)
VERSTRAETEN = _p("Tom Verstraeten", False)
GOOSSENS = _p("Marleen Goossens", True)
DE_WILDE = _p("Wouter De Wilde", False)
VAN_DAMME = _p("Annelies Van Damme", True)
WUYTS = _p("Sofie Wuyts", True)
MERTENS = _p("Jeroen Mertens", False)
VERHAEGEN = _p("Marie-Laure Verhaegen", True)
VAN_ACKER = _p("Nathalie Van Acker", True)
VERCAUTEREN = _p("Bram Vercauteren", False)
WOUTERS = _p("Dries Wouters", False)
VAN_HECKE = _p("Evelien Van Hecke", True)
VERMEIREN = _p("Jonas Vermeiren", False)
DEWAELE = _p("Hanne Dewaele", True)

MP = "Minister-president van de Vlaamse Regering"
VMP = "Viceminister-president van de Vlaamse Regering"
VM = "Vlaams minister van "


def _gov(*seats: tuple[Person, tuple[str, ...]]) -> tuple[Seat, ...]:
    return tuple(Seat(person, roles, rank) for rank, (person, roles) in enumerate(seats, 1))


# (first day in office, the sitting government). Two legislatures, each with reshuffles.
TIMELINE: tuple[tuple[dt.date, tuple[Seat, ...]], ...] = (
    (dt.date(2019, 10, 2), _gov(
        (VAN_DYCK, (MP,
            VM + "Buitenlandse Zaken, Cultuur, Digitalisering en Facilitair Management")),
        (DE_SMET, (VMP, VM + "Economie, Innovatie, Werk, Sociale economie en Landbouw")),
        (VANDEN_BOSSCHE, (VMP,
            VM + "Binnenlands Bestuur, Bestuurszaken, Inburgering en Gelijke Kansen")),
        (VERSTRAETEN, (VMP, VM + "Financiën en Begroting, Wonen en Onroerend Erfgoed")),
        (GOOSSENS, (VM + "Onderwijs, Sport, Dierenwelzijn en Vlaamse Rand",)),
        (DE_WILDE, (VM + "Welzijn, Volksgezondheid, Gezin en Armoedebestrijding",)),
        (VAN_DAMME, (VM + "Mobiliteit en Openbare Werken",)),
        (WUYTS, (VM + "Justitie en Handhaving, Omgeving, Energie en Toerisme",)),
        (MERTENS, (VM + "Brussel, Jeugd en Media",)),
    )),
    (dt.date(2022, 5, 16), _gov(
        (VAN_DYCK, (MP,
            VM + "Buitenlandse Zaken, Cultuur, Digitalisering en Facilitair Management")),
        (DE_SMET, (VMP, VM + "Economie, Innovatie, Werk, Sociale economie en Landbouw")),
        (VANDEN_BOSSCHE, (VMP,
            VM + "Binnenlands Bestuur, Bestuurszaken, Inburgering, Gelijke Kansen "
                          "en Armoedebestrijding")),
        (VERSTRAETEN, (VMP, VM + "Financiën en Begroting, Wonen en Onroerend Erfgoed")),
        (GOOSSENS, (VM + "Onderwijs, Sport, Dierenwelzijn en Vlaamse Rand",)),
        (VERHAEGEN, (VM + "Welzijn, Volksgezondheid en Gezin",)),
        (VAN_DAMME, (VM + "Mobiliteit en Openbare Werken",)),
        (WUYTS, (VM + "Justitie en Handhaving, Omgeving, Energie en Toerisme",)),
        (MERTENS, (VM + "Brussel, Jeugd en Media",)),
    )),
    (dt.date(2023, 6, 19), _gov(
        (VAN_DYCK, (MP,
            VM + "Buitenlandse Zaken, Cultuur, Digitalisering en Facilitair Management")),
        (DE_SMET, (VMP, VM + "Economie, Innovatie, Werk, Sociale economie en Energie")),
        (VANDEN_BOSSCHE, (VMP,
            VM + "Binnenlands Bestuur, Bestuurszaken, Inburgering, Gelijke Kansen "
                          "en Armoedebestrijding")),
        (VERSTRAETEN, (VMP, VM + "Financiën en Begroting, Wonen en Onroerend Erfgoed")),
        (GOOSSENS, (VM + "Onderwijs, Sport, Dierenwelzijn en Vlaamse Rand",)),
        (VERHAEGEN, (VM + "Welzijn, Volksgezondheid en Gezin",)),
        (VAN_DAMME, (VM + "Mobiliteit en Openbare Werken",)),
        (WUYTS, (VM + "Justitie en Handhaving, Omgeving, Natuur en Landbouw",)),
        (MERTENS, (VM + "Brussel, Jeugd, Media en Toerisme",)),
    )),
    (dt.date(2024, 9, 30), _gov(
        (VERSTRAETEN, (MP,
            VM + "Economie, Innovatie en Industrie, Buitenlandse Zaken, Digitalisering "
                       "en Facilitair Management")),
        (GOOSSENS, (VMP, VM + "Financiën en Begroting, Justitie en Handhaving")),
        (VAN_ACKER, (VMP, VM + "Welzijn en Armoedebestrijding, Cultuur en Gelijke Kansen")),
        (VERCAUTEREN, (VMP, VM + "Onderwijs, Jeugd en Vlaamse Rand")),
        (VAN_DYCK, (
            VM + "Binnenlands Bestuur, Inburgering en Integratie, Wonen en Onroerend Erfgoed",)),
        (DE_SMET, (VM + "Werk, Sociale economie, Landbouw en Visserij",)),
        (WOUTERS, (VM + "Mobiliteit, Openbare Werken, Havens en Sport",)),
        (VAN_HECKE, (VM + "Omgeving, Natuur, Energie en Klimaat",)),
        (VERMEIREN, (VM + "Brussel, Media, Volksgezondheid, Gezin en Toerisme",)),
    )),
    (dt.date(2025, 6, 16), _gov(
        (VERSTRAETEN, (MP,
            VM + "Economie, Innovatie en Industrie, Buitenlandse Zaken, Digitalisering "
                       "en Facilitair Management")),
        (GOOSSENS, (VMP, VM + "Financiën en Begroting, Justitie en Handhaving")),
        (VAN_ACKER, (VMP, VM + "Welzijn en Armoedebestrijding, Cultuur en Gelijke Kansen")),
        (VERCAUTEREN, (VMP, VM + "Onderwijs, Jeugd en Vlaamse Rand")),
        (VAN_DYCK, (
            VM + "Binnenlands Bestuur, Inburgering en Integratie, Wonen en Onroerend Erfgoed",)),
        (DE_SMET, (VM + "Werk, Sociale economie, Landbouw en Visserij",)),
        (DEWAELE, (VM + "Mobiliteit, Openbare Werken, Havens en Sport",)),
        (VAN_HECKE, (VM + "Omgeving, Natuur, Energie en Klimaat",)),
        (VERMEIREN, (VM + "Brussel, Media, Volksgezondheid, Gezin en Toerisme",)),
    )),
)
_STARTS = [start for start, _ in TIMELINE]

FIRST_DAY = dt.date(2019, 10, 7)
LAST_DAY = dt.date(2025, 12, 19)
ELECTION = dt.date(2024, 6, 9)  # members elected on this day ask questions from the day after


def sitting(date: dt.date) -> tuple[Seat, ...]:
    """The nine seats of the government in office on date, in protocol order."""
    index = bisect.bisect_right(_STARTS, date) - 1
    if index < 0:
        raise ValueError(f"no government before {_STARTS[0]}")
    return TIMELINE[index][1]


MINISTERS: tuple[Person, ...] = tuple(
    dict.fromkeys(seat.person for _, seats in TIMELINE for seat in seats)
)

_FIRST_F = _words(
    "Annick Astrid Axelle Bieke Caroline Charlotte Chloë Dorien Els Elien Emma Evi Fien "
    "Freya Griet Hannelore Heidi Ilse Inge Isabelle Joke Karolien Katrien Kim Lien Lore Lotte "
    "Maaike Margot Mieke Nele Nina Rani Sara Sien Sofie Tine Valerie Veerle Vera Zoë Anne-Sophie"
)
_FIRST_M = _words(
    "Arne Bart Ben Bert Bjorn Brecht Dirk Dieter Filip Frederik Gert Gijs Hans Jan Jens Joris "
    "Kobe Koen Kris Lander Lieven Maarten Mathias Michiel Nick Nils Olivier Pieter Rik Robbe "
    "Ruben Seppe Simon Steven Stijn Thijs Tim Toon Vincent Ward Wim Yves Jean-Pierre"
)
_SURNAMES = _words(
    "Aerts|Baeten|Bogaert|Bosmans|Bracke|Callens|Cools|Coppens|De Backer|De Bruyne|De Clercq|"
    "De Coninck|De Cock|De Meyer|De Pauw|De Vos|De Wolf|Declercq|Deprez|Dewitte|Goethals|"
    "Hermans|Hendrickx|Heylen|Huybrechts|Jacobs|Janssens|Lambrechts|Lemmens|Leroy|Maes|"
    "Martens|Michiels|Moens|Nijs|Pauwels|Peetermans|Raes|Roels|Segers|Smets|Stevens|Stroobants|"
    "Suys|Thys|Timmermans|Van Acoleyen|Van Belle|Van Camp|Vandevelde|Van Dessel|Van Gorp|"
    "Van Hove|Van Laere|Van Loo|Van Mol|Van Steen|Vanhaecke|Vandamme|Vanderhaegen|Verbeke|"
    "Verbruggen|Vercammen|Verhoeven|Verlinden|Vermeulen|Verschueren|Verstappen|Vervoort|"
    "Wauters|Willems|Wijns|Claeys|Daems|Engels|Geerinckx|Govaerts|Laenen|Meeus|Nuyts|Opdebeeck|"
    "Praet|Rombouts|Sels|Mortier-Luyten|Tack|Van Aert|Van Buggenhout|Vansteenkiste|Veldeman|Wyns",
    "|",
)


def _askers() -> tuple[Person, ...]:
    """150 members, built once from fixed lists with a fixed seed (the user's seed does not
    change who sits in parliament)."""
    rng = random.Random("vraagbaak-askers")
    taken = {slug(p.name) for p in MINISTERS}
    people: list[Person] = []
    while len(people) < 150:
        female = rng.random() < 0.45
        first = rng.choice(_FIRST_F if female else _FIRST_M)
        name = f"{first} {rng.choice(_SURNAMES)}"
        # Display form must be the title-casing of the printed capitals, word by word.
        name = name.upper().title()
        if slug(name) in taken:
            continue
        taken.add(slug(name))
        people.append(Person(name, female))
    return tuple(people)


ASKERS = _askers()
# The first 60 sit in both legislatures, the next 45 only before the 2024 election, the last
# 45 only after it.
_BOTH, _OLD_ONLY = 60, 45
ASKERS_BEFORE = ASKERS[: _BOTH + _OLD_ONLY]
ASKERS_AFTER = ASKERS[:_BOTH] + ASKERS[_BOTH + _OLD_ONLY:]


def askers_on(date: dt.date) -> tuple[Person, ...]:
    """The members of parliament who can ask a question on date."""
    return ASKERS_BEFORE if date <= ELECTION else ASKERS_AFTER


def _check() -> None:
    for person in (*MINISTERS, *ASKERS):
        assert person.caps.title() == person.name, person.name
        person.caps.encode("cp1252")
    assert len({slug(p.name) for p in MINISTERS}) == len(MINISTERS)


_check()
