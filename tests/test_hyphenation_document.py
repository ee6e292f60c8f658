"""The document resolver (index/documents/hyphenation.py) on whole documents: the document's own
spelling decides a line-end break first, trailing punctuation does not hide the word, a
break before `en`/`of` is an elliptic compound whatever the document glues elsewhere, and
what the document leaves open goes to the lexicon with the word that follows."""

from __future__ import annotations

import pytest
from crafted import Doc

from index.documents.hyphenation import document_resolver
from index.documents.parser import parse_text


def answer_of(answer: str) -> str:
    text = Doc(1, "Karel Vos", answer=answer).text()
    (record,) = parse_text(text, "doc.txt", document_resolver(text))
    return record.answer


@pytest.mark.parametrize("tail", [".", ",", ";", ":", "!", "?", ")", "”", "’", "'", '"', ").",
                                  "?”"])
def test_own_hyphenated_spelling_wins_with_punctuation_after_the_break(tail):
    assert document_resolver("")("kwark", f"taart{tail}", None) == f"kwarktaart{tail}"
    answer = answer_of(f"Wij eten kwark-taart vandaag. Morgen is er (weer) kwark-\n"
                       f"taart{tail} en koffie.")
    assert f"kwark-taart{tail}" in answer and "kwarktaart" not in answer


@pytest.mark.parametrize("tail", ["", ".", ","])
def test_own_solid_spelling_wins_with_punctuation_after_the_break(tail):
    assert document_resolver("")("re", f"integratie{tail}", None).startswith("re-")
    answer = answer_of(f"De reintegratie loopt. Geld gaat naar re-\nintegratie{tail} "
                       f"en opleiding.")
    assert f"reintegratie{tail}" in answer and "re-integratie" not in answer


@pytest.mark.parametrize(("left", "conj"), [("beleids", "en"), ("beleids", "of"),
                                             ("Beleids", "EN")])
def test_a_break_before_en_or_of_stays_elliptic_though_the_document_glues_it_elsewhere(
        left, conj):
    answer = answer_of(f"Een tikfout: {left}-{conj} staat hier. De {left}-\n{conj} "
                       f"beheerscyclus loopt.")
    assert f"De {left}- {conj} beheerscyclus" in answer


def test_what_the_document_leaves_open_goes_to_the_lexicon_with_the_next_word():
    # `werken` is a word; only the word after the break shows `werk- en` is elliptic
    assert document_resolver("")("werk", "en", None) == "werken"
    assert answer_of("Er zijn werk-\nen leertrajecten.") == "Er zijn werk- en leertrajecten."
