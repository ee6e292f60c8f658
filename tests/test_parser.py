"""The parser on the seeds and on documents in the other layouts, with artefacts."""

from __future__ import annotations

import pytest

from index.documents.hyphenation import document_resolver
from index.documents.model import JointMinister, ParseError
from index.documents.parser import display_name, parse_text


def parse(text: str, source: str = "doc.txt"):
    return parse_text(text, source, document_resolver(text))


def test_seed_with_coordinated_answer(seed_texts):
    (record,) = parse(seed_texts["000_a5f8e81f83ddaffe.txt"])
    assert record.id == "2020-09-25-hilde-crevits-851"
    assert (record.number, record.date, record.asker, record.minister) == \
        (851, "2020-09-25", "Allessia Claes", "Hilde Crevits")
    assert record.portfolio.startswith("VICEMINISTER-PRESIDENT VAN DE VLAAMSE REGERING")
    assert record.portfolio.endswith("WERK, SOCIALE ECONOMIE EN LANDBOUW")
    assert record.title == "Sociale economie - Betrokkenheid en rol lokale besturen"
    assert record.answer_kind == "coordinated" and record.coordinator is None
    assert record.joint == [JointMinister("Hilde Crevits", 851), JointMinister("Bart Somers", 378)]
    assert record.footnotes == [
        "[1] Art. 15, §1 Decr. Vl. 17 februari 2012 betreffende de ondersteuning van het "
        "ondernemerschap op het vlak van de sociale economie en de stimulering van het "
        "maatschappelijk verantwoord ondernemen, BS 26 maart 2012."]
    assert record.annexes == ["BIJLAGE\nOverzicht regisseurs lokale sociale economie"]
    # the question ends before the footnote and the joint sentence, the answer before the annex
    assert record.question.startswith("Werk is voor ons allemaal")
    assert record.question.endswith("te motiveren en te versterken?")
    assert "Deze vraag werd gesteld" not in record.question
    assert "6. Zullen de ministers" in record.question.split("\n\n")[-1]
    assert record.answer.startswith("1. U verwijst in uw vraagstelling")
    assert record.answer.endswith("binnen de beschikbare budgettaire middelen.")
    assert "sociaal-economische organisaties" in record.question
    assert "2-4. Naast deze formele rol" in record.answer
    assert "steden en gemeenten ook rechtstreeks" in record.answer


def test_seed_with_referral_in_layout_two(seed_texts):
    (record,) = parse(seed_texts["002_fefc31c8e2672c2d.txt"])
    assert record.id == "2020-09-25-bart-somers-378"
    assert (record.minister, record.number, record.asker) == ("Bart Somers", 378, "Allessia Claes")
    assert record.answer_kind == "referral" and record.coordinator == "Hilde Crevits"
    assert record.title == "Sociale economie - Betrokkenheid en rol lokale besturen"
    assert record.portfolio.endswith("BESTUURSZAKEN, INBURGERING EN GELIJKE KANSEN")
    assert record.joint == [JointMinister("Hilde Crevits", 851), JointMinister("Bart Somers", 378)]
    assert record.question.startswith("Werk is voor ons allemaal")
    assert record.annexes == []
    assert record.group == parse(seed_texts["000_a5f8e81f83ddaffe.txt"])[0].group


LAYOUT3 = """SCHRIFTELIJKE VRAAG nr. 112 van SAM VAN ROOY
datum: 5 februari 2024
JAN DE SMET
VLAAMS MINISTER VAN ONDERWIJS, SPORT, DIERENWELZIJN EN VLAAMSE
RAND

Leerlingen met een beperking - Ondersteuning

In het buitengewoon onderwijs zitten veel leerlingen. De werkings-
en projectsubsidies zijn beperkt.

1. Hoeveel leerlingen kregen ondersteuning?
2. Welke scholen werken samen met de lokale besturen?

JAN DE SMET
VLAAMS MINISTER VAN ONDERWIJS, SPORT, DIERENWELZIJN EN VLAAMSE RAND

ANTWOORD op vraag nr. 112 van 5 februari 2024 van SAM VAN ROOY

1. In 2023 kregen 4.512 leerlingen ondersteuning.
2. Alle scholen werken samen met de lokale besturen.
"""


def test_layout_three_with_one_line_answer_header():
    (record,) = parse(LAYOUT3)
    assert (record.number, record.date, record.asker, record.minister) == \
        (112, "2024-02-05", "Sam Van Rooy", "Jan De Smet")
    assert record.portfolio == "VLAAMS MINISTER VAN ONDERWIJS, SPORT, DIERENWELZIJN EN VLAAMSE RAND"
    assert record.title == "Leerlingen met een beperking - Ondersteuning"
    assert record.question.split("\n\n") == [
        "In het buitengewoon onderwijs zitten veel leerlingen. De werkings- en "
        "projectsubsidies zijn beperkt.",
        "1. Hoeveel leerlingen kregen ondersteuning?",
        "2. Welke scholen werken samen met de lokale besturen?"]
    assert record.answer_kind == "answer" and record.joint == []
    assert record.answer.split("\n\n")[0] == "1. In 2023 kregen 4.512 leerlingen ondersteuning."


def test_layout_three_header_on_one_line_and_question_without_answer():
    text = ("SCHRIFTELIJKE VRAAG nr. 7 van ELKE PEETERS datum: 30 september 2024 "
            "JAN DE SMET VLAAMS MINISTER VAN ONDERWIJS\n\nSchoolbussen\n\n"
            "Hoeveel schoolbussen rijden er?\n")
    (record,) = parse(text)
    assert (record.number, record.date, record.asker, record.minister) == \
        (7, "2024-09-30", "Elke Peeters", "Jan De Smet")
    assert record.portfolio == "VLAAMS MINISTER VAN ONDERWIJS"
    assert record.answer_kind == "none" and record.answer == ""
    assert record.title == "Schoolbussen"
    assert record.question == "Hoeveel schoolbussen rijden er?"


NINE = ["Jan Jambon", "Hilde Crevits", "Bart Somers", "Ben Weyts", "Zuhal Demir",
        "Wouter Beke", "Matthias Diependaele", "Lydia Peeters", "Benjamin Dalle"]


def test_joint_sentence_with_nine_ministers_wrapping_across_lines():
    names = ", ".join(f"{n} ({i + 10})" for i, n in enumerate(NINE[:-1]))
    sentence = f"Deze vraag werd gesteld aan de ministers {names} en {NINE[-1]} (18)."
    wrapped = sentence.replace("Ben Weyts", "Ben\nWeyts").replace("Lydia Peeters", "Lydia\nPeeters")
    text = (f"Armoede - Cijfers\n\nHoeveel gezinnen leven in armoede?\n\n{wrapped}\n\n"
            "ZUHAL DEMIR\nVLAAMS MINISTER VAN JUSTITIE EN HANDHAVING\n\nANTWOORD\n"
            "op vraag nr. 14 van 3 maart 2021\nvan LOES VANDROMME\n\n"
            "Een gecoördineerd antwoord zal worden verstrekt door de heer Jan Jambon, "
            "minister-president van de Vlaamse Regering.\n")
    (record,) = parse(text)
    assert [j.minister for j in record.joint] == NINE
    assert [j.number for j in record.joint] == list(range(10, 19))
    assert record.minister == "Zuhal Demir" and record.number == 14
    assert record.answer_kind == "referral" and record.coordinator == "Jan Jambon"


def test_coordinated_with_umlaut_and_header_words_spread_over_lines():
    text = ("Titel\n\nVraagtekst hier.\n\nHILDE CREVITS\nVLAAMS MINISTER VAN ECONOMIE\n\n"
            "GECOÖRDINEERD\nANTWOORD op\nvraag nr.\n851 van 25\nseptember 2020 van\n"
            "ALLESSIA CLAES\n\nHet antwoord.\n")
    (record,) = parse(text)
    assert record.answer_kind == "coordinated"
    assert (record.number, record.date, record.asker) == (851, "2020-09-25", "Allessia Claes")
    assert record.answer == "Het antwoord."


def test_annexes_are_split_and_keep_their_rows():
    text = ("Titel\n\nVraag?\n\nBEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\n\nANTWOORD\n"
            "op vraag nr. 3 van 1 oktober 2022\nvan ANN DE VRIES\n\nZie bijlagen.\n\n"
            "Bijlage 1\nGemeente Aantal\nGent 12\n\nBijlage 2\nLeuven 7\n")
    (record,) = parse(text)
    assert record.answer == "Zie bijlagen."
    assert record.annexes == ["Bijlage 1\nGemeente Aantal\nGent 12", "Bijlage 2\nLeuven 7"]


@pytest.mark.parametrize("text, reason", [
    ("", "empty document"),
    ("   \n\n  \n", "empty document"),
    ("Zomaar wat tekst zonder koppen.\n\nNog een alinea.\n", "unknown layout"),
    ("Titel\n\nVraag?\n\nBEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\n\n", "no question number"),
    ("Titel\n\nVraag?\n\nBEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\n\nANTWOORD\n",
     "answer header is incomplete"),
    ("Titel\n\nVraag?\n\nBEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\n\nANTWOORD\n"
     "op vraag nr. 3 van 31 februari 2022\nvan ANN DE VRIES\n\nTekst.\n", "not a valid Dutch date"),
])
def test_missing_required_fields_are_reported_never_guessed(text, reason):
    with pytest.raises(ParseError, match=reason):
        parse(text)


def test_display_names_from_capitals():
    assert display_name("SAM VAN ROOY") == "Sam Van Rooy"
    assert display_name("JEAN-MARIE D'HAESE") == "Jean-Marie D'Haese"
    assert display_name("HILDE  CREVITS", ["Hilde Crevits"]) == "Hilde Crevits"
