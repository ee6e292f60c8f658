"""Each extraction artefact of DESIGN.md, undone by the cleaner."""

from __future__ import annotations

from index.documents.cleaner import (
    clean_lines,
    drop_page_furniture,
    fix_misreads,
    join_hyphenated,
    normalise_space,
    reflow,
    split_glued_number,
)
from index.documents.hyphenation import document_resolver


def resolve(text: str = ""):
    return document_resolver(text)


def test_whitespace_doubled_leading_trailing_and_nbsp():
    assert normalise_space("  sociale  economie \t nodig\u00a0 ") == "sociale economie nodig"


def test_paragraph_sign_misread_as_81_is_restored():
    assert fix_misreads("[1] Art. 15, 81 Decr. VI. 17 februari 2012") == \
        "[1] Art. 15, §1 Decr. Vl. 17 februari 2012"


def test_misread_fix_leaves_ordinary_numbers_and_roman_numerals_alone():
    assert fix_misreads("Er zijn 81 dossiers.") == "Er zijn 81 dossiers."
    assert fix_misreads("Hoofdstuk VI. Slotbepalingen") == "Hoofdstuk VI. Slotbepalingen"


def test_reply_number_glued_to_its_word_gets_a_space():
    assert split_glued_number("2-4.Naast deze formele rol") == "2-4. Naast deze formele rol"
    assert split_glued_number("2012.De wet") == "2012.De wet"


def test_hyphenation_joins_a_split_word_and_keeps_a_true_compound():
    lines = ["een lokale dienstenecono-", "mie project en sociaal-", "economische organisaties"]
    assert join_hyphenated(lines, resolve()) == [
        "een lokale diensteneconomie project en sociaal-economische organisaties"]


def test_elliptic_compound_before_en_keeps_its_hyphen_and_space():
    lines = ["voor de werkings-", "en projectsubsidies van de beleids-", "of beheerscyclus"]
    joined = " ".join(join_hyphenated(lines, resolve()))
    assert joined == "voor de werkings- en projectsubsidies van de beleids- of beheerscyclus"


def test_a_dash_before_a_blank_line_is_left_alone():
    lines = ["Sociale economie -", "", "Betrokkenheid"]
    assert join_hyphenated(lines, resolve()) == lines


def test_page_numbers_and_running_headers_are_removed():
    lines = ["de lokale sociale", "", "3", "", "Vlaams Parlement — Schriftelijke vraag nr. 851",
             "economie in hun gemeente."]
    assert drop_page_furniture(lines) == ["de lokale sociale", "", "", "economie in hun gemeente."]


def test_a_repeated_header_beside_page_numbers_is_removed_even_in_an_unknown_form():
    lines = ["tekst een", "Kabinet X - pagina", "2", "tekst twee", "Kabinet X - pagina", "3",
             "tekst drie"]
    assert drop_page_furniture(lines) == ["tekst een", "tekst twee", "tekst drie"]


def test_numbers_inside_an_annex_table_stay():
    lines = ["Gemeente", "Aantal", "Gent", "12", "Leuven", "7"]
    assert drop_page_furniture(lines) == lines


def test_reflow_joins_lines_and_keeps_numbered_items_apart():
    lines = ["Een lokaal bestuur kan zowel optreden", "als klant.", "1. Welke besturen",
             "werken samen?", "2. Welke diensten?"]
    assert reflow(lines) == ["Een lokaal bestuur kan zowel optreden als klant.",
                             "1. Welke besturen werken samen?", "2. Welke diensten?"]


def test_reflow_mends_a_blank_line_inside_a_sentence_and_a_bare_reply_number():
    lines = ["1.", "", "U verwijst naar de regierol.", "", "2-4. Steden en", "",
             "gemeenten werken samen."]
    assert reflow(lines) == ["1. U verwijst naar de regierol.",
                             "2-4. Steden en gemeenten werken samen."]


def test_page_break_inside_a_paragraph_is_mended_end_to_end():
    text = ("Het decreet betreffende de ondersteu-\n\n7\n\nVlaams Parlement\n\n"
            "ning van het ondernemerschap.\n")
    lines = clean_lines(text, resolve())
    assert reflow(lines) == ["Het decreet betreffende de ondersteuning van het ondernemerschap."]


def test_a_body_line_starting_with_vlaams_parlement_is_not_a_running_header():
    lines = ["Het decreet werd goedgekeurd door het", "Vlaams Parlement, BS 23 april 2013.",
             "Vlaams Parlement heeft dat beslist."]
    assert drop_page_furniture(lines) == lines
