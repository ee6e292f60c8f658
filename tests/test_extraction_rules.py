"""The rules for 2024-2026 PDF extraction text, each on a small made-up document.

The texts here are written for the tests (other words, names and numbers than the real
documents in tests/data/real), so each rule is shown to work on structure, not phrases.
"""

from __future__ import annotations

import pytest

from index.documents.cleaner import continuation_flags, marks_continuations, reflow
from index.documents.footnotes import extract_page_notes, join_broken_urls
from index.documents.hyphenation import document_resolver
from index.documents.lexicon import default_lexicon
from index.documents.parser import parse_text
from index.documents.tables import mend_split_words, shape


def parse(text: str):
    (record,) = parse_text(text, "doc.txt", document_resolver(text))
    return record


HEADER = (
    "SCHRIFTELIJKE VRAAG\nnr. 412\nvan LOTTE PEETERS\ndatum: 3 maart 2025\n"
    "aan JONAS WILLEMS\nVLAAMS MINISTER VAN MOBILITEIT, OPENBARE WERKEN EN \n"
    "HAVENS\n"
)
ANSWER_HEAD = ("\nJONAS WILLEMS\nVLAAMS MINISTER VAN MOBILITEIT, OPENBARE WERKEN EN \nHAVENS\n"
               "ANTWOORD \nop vraag nr. 412 van 3 maart 2025\nvan LOTTE PEETERS\n")


def doc(question: str, answer: str = "1.\nDe fietspaden worden dit jaar hersteld.\n",
        title: str = "Fietspaden  -  Onderhoud\n") -> str:
    return HEADER + title + question + ANSWER_HEAD + answer


QUESTION = (
    "De gemeenten melden dat veel fietspaden langs gewestwegen in slechte staat zijn. \n"
    "Fietsers wijken daardoor uit naar de rijbaan, wat gevaarlijke situaties geeft.\n"
    "1.\nHoeveel kilometer fietspad werd vorig jaar hersteld?\n"
)


def test_title_ends_where_its_line_ends_and_the_question_follows_without_a_blank():
    record = parse(doc(QUESTION))
    assert record.title == "Fietspaden - Onderhoud"
    assert record.question.split("\n\n") == [
        "De gemeenten melden dat veel fietspaden langs gewestwegen in slechte staat zijn. "
        "Fietsers wijken daardoor uit naar de rijbaan, wat gevaarlijke situaties geeft.",
        "1. Hoeveel kilometer fietspad werd vorig jaar hersteld?"]
    assert record.warnings == []


def test_a_title_wrapped_over_two_lines_with_the_continuation_space():
    record = parse(doc(QUESTION, title="Fietspaden langs gewestwegen en de veiligheid van \n"
                                       "schoolgaande kinderen  -  Onderhoud\n"))
    assert record.title == ("Fietspaden langs gewestwegen en de veiligheid van schoolgaande "
                            "kinderen - Onderhoud")
    assert record.question.startswith("De gemeenten melden")


def test_a_space_after_every_line_or_after_none_is_no_continuation_sign():
    marked = QUESTION.split("\n") * 3
    assert marks_continuations(marked, continuation_flags(marked))
    everywhere = [line.rstrip() + " " if line else line for line in marked]
    assert not marks_continuations(everywhere, continuation_flags(everywhere))
    nowhere = [line.rstrip() for line in marked]
    assert not marks_continuations(nowhere, continuation_flags(nowhere))


def test_one_word_a_line_is_reflowed_into_its_paragraph():
    question = ("Het aantal \nongevallen \nmet \nfietsers \nstijgt \nelk \njaar in de \n"
                "meeste provincies.\n1.\nWat doet de minister daaraan?\n")
    record = parse(doc(question))
    assert record.question.split("\n\n")[0] == (
        "Het aantal ongevallen met fietsers stijgt elk jaar in de meeste provincies.")


def test_bullets_alone_on_a_line_become_list_items():
    question = ("De minister kan kiezen uit twee pistes:\n-\nhet herstel van bestaande \n"
                "fietspaden of\n\uf0b7\nde aanleg van nieuwe fietsostrades\n"
                "Welke piste verkiest de minister?\n")
    paragraphs = parse(doc(question)).question.split("\n\n")
    assert paragraphs[1:3] == ["- het herstel van bestaande fietspaden of",
                               "- de aanleg van nieuwe fietsostrades"]
    assert paragraphs[3] == "Welke piste verkiest de minister?"


def test_grouped_replies_stay_together():
    answer = ("1.\nDe fietspaden worden hersteld.\n2, 3. Beide vragen krijgen een antwoord \n"
              "in het fietsbeleidsplan.\n4, 5.Ook deze vragen.\n")
    paragraphs = parse(doc(QUESTION, answer)).answer.split("\n\n")
    assert paragraphs == ["1. De fietspaden worden hersteld.",
                          "2, 3. Beide vragen krijgen een antwoord in het fietsbeleidsplan.",
                          "4, 5. Ook deze vragen."]


def test_header_without_aan_is_read_and_a_name_after_the_date_is_flagged():
    text = doc(QUESTION).replace("aan JONAS WILLEMS\n", "JONAS WILLEMS\n")
    record = parse(text)
    assert record.minister == "Jonas Willems" and record.warnings == []
    run_together = ("SCHRIFTELIJKE VRAAG nr. 412 van LOTTE PEETERS datum: 3 maart 2025 "
                    "JONAS WILLEMS VLAAMS MINISTER VAN MOBILITEIT\n\nFietspaden\n\n"
                    "Hoeveel fietspaden zijn er?\n")
    record = parse(run_together)
    assert record.minister == "Jonas Willems"
    assert record.warnings == ["minister read from the capitals after the date "
                               "(no 'aan' before it)"]


def test_a_title_over_25_words_is_a_warning():
    long_title = " ".join(["woord"] * 26) + "\n\n"
    record = parse(doc(QUESTION, title=long_title))
    assert record.title == long_title.strip()
    assert any("title block has 26 words" in w for w in record.warnings)


def test_without_any_line_end_sign_a_title_block_that_swallowed_the_question_is_cut():
    text = "\n".join(line.rstrip() for line in doc(QUESTION * 3).split("\n"))
    record = parse(text)
    assert record.title == "Fietspaden - Onderhoud"
    assert record.question.startswith("De gemeenten melden dat veel fietspaden")
    (warning,) = record.warnings
    assert warning.startswith("title block has ") and warning.endswith(
        "words (over 25): took its first line as the title")


# -- tables ---------------------------------------------------------------------------

def test_table_one_cell_a_line_is_shaped_by_its_row_keys():
    cells = ["Werkjaar", "Dossiers", "Bedrag", "2019", "12", "€ 1.200,00", "2020", "",
             "€ 900,00", "2021", "7", "€ 300,50", "Totaal", "19", "€ 2.400,50"]
    header, rows = shape(cells)
    assert header == ["Werkjaar", "Dossiers", "Bedrag"]
    assert rows == [["2019", "12", "€ 1.200,00"], ["2020", "", "€ 900,00"],
                    ["2021", "7", "€ 300,50"], ["Totaal", "19", "€ 2.400,50"]]
    labels = ["Gemeente", "Aantal", "Mol", "3", "Geel", "8", "Lier", "1"]
    assert shape(labels) == (["Gemeente", "Aantal"], [["Mol", "3"], ["Geel", "8"], ["Lier", "1"]])
    assert shape(["Jaar", "Aantal", "2019", "4", "2020"]) is None  # a row without values
    # an empty cell the extractor dropped: no width gives columns of one kind of value
    assert shape(["Jaar", "Aantal", "Aandeel", "2022", "41", "12,5%", "2023", "11,0%",
                  "2024", "52", "14,2%"]) is None


def test_words_broken_inside_a_narrow_column_are_mended():
    known = default_lexicon().is_known
    assert mend_split_words(["Gemeent", "e", "Verleend", "e premies", "aantal", "totaal"],
                            known) == ["Gemeente", "Verleende premies", "aantal", "totaal"]


def test_a_table_is_a_block_of_rows_in_the_answer():
    answer = ("1.\nDe cijfers per jaar staan hieronder.\nJaar\nHersteld \n(km)\nAandeel\n"
              "2022\n41\n12,5%\n2023\n38\n11,0%\n2024\n52\n14,2%\n"
              "Daarnaast werden nieuwe fietspaden aangelegd.\n")
    paragraphs = parse(doc(QUESTION, answer)).answer.split("\n\n")
    assert paragraphs == ["1. De cijfers per jaar staan hieronder.",
                          "Jaar | Hersteld (km) | Aandeel\n2022 | 41 | 12,5%\n"
                          "2023 | 38 | 11,0%\n2024 | 52 | 14,2%",
                          "Daarnaast werden nieuwe fietspaden aangelegd."]


def test_a_table_that_cannot_be_shaped_is_kept_one_cell_a_line_with_a_warning():
    answer = ("1.\nDe cijfers staan hieronder.\nJaar\nAantal\n2022\n41\n2023\n38\n12\n"
              "Daarnaast werden nieuwe fietspaden aangelegd.\n")
    record = parse(doc(QUESTION, answer))
    assert "Jaar\nAantal\n2022\n41\n2023\n38\n12" in record.answer.split("\n\n")
    assert record.warnings == ["a table of 7 cells could not be shaped into rows; "
                               "kept one cell a line"]


def test_in_a_continuation_document_a_number_between_blank_lines_is_a_table_cell():
    answer = ("1.\nDe cijfers per jaar.\nJaar\nAantal\nBedrag\n2022\n \n4.100\n2023\n7\n"
              "3.900\n")
    paragraphs = parse(doc(QUESTION, answer)).answer.split("\n\n")
    assert paragraphs[1] == "Jaar | Aantal | Bedrag\n2022 |  | 4.100\n2023 | 7 | 3.900"


# -- footnotes ------------------------------------------------------------------------

def test_page_end_footnote_moves_out_and_its_glued_marker_is_bracketed():
    answer = ("1.\nDe herstelling volgt het vademecum fietsvoorzieningen1 van het \n"
              "agentschap. Het budget werd verhoogd.\n"
              "1 Zie de website van het agentschap, versie 2024.\n\n"
              "2.\nDe planning volgt in het najaar (zie hier2 voor \nde kaart).\n"
              "2 https://www.example.org/fietsbeleid/2024-\n06/kaart_fietspaden.pdf \n")
    record = parse(doc(QUESTION, answer))
    assert record.answer.split("\n\n") == [
        "1. De herstelling volgt het vademecum fietsvoorzieningen[1] van het agentschap. "
        "Het budget werd verhoogd.",
        "2. De planning volgt in het najaar (zie hier[2] voor de kaart)."]
    assert record.footnotes == [
        "[1] Zie de website van het agentschap, versie 2024.",
        "[2] https://www.example.org/fietsbeleid/2024-06/kaart_fietspaden.pdf"]
    assert record.warnings == []


def test_a_line_starting_with_a_number_is_no_footnote_without_its_marker():
    lines = ["Het gaat om:", "", "20 nieuwe fietsstraten", "", "Verder niets."]
    notes = extract_page_notes(lines, [False] * len(lines))
    assert notes.lines == lines and notes.notes == []
    # CO2 and an acronym with a digit are words, not markers
    lines = ["De CO2 uitstoot en ETS1 dalen.", "1 Bron: het rapport.", ""]
    assert extract_page_notes(lines, [False] * 3).notes == []


def test_a_url_broken_over_two_lines_is_joined():
    assert join_broken_urls(["zie https://example.org/a/b-", "c/d.pdf voor meer"]) == \
        ["zie https://example.org/a/b-c/d.pdf voor meer"]
    assert join_broken_urls(["zie https://example.org/a", "en verder"]) == \
        ["zie https://example.org/a", "en verder"]


def test_a_marker_without_its_footnote_is_a_warning():
    question = ("De gemeenten melden schade.[1] Ook scholen melden schade.[2]\n"
                "1.\nHoeveel meldingen waren er?\n[1] Bron: de gemeenten.\n")
    record = parse(doc(question))
    assert record.footnotes == ["[1] Bron: de gemeenten."]
    assert record.warnings == ["footnote marker [2] has no footnote text"]


# -- annexes --------------------------------------------------------------------------

def test_annex_heading_with_a_document_reference():
    answer = "1.\nZie de bijlage.\nBIJLAGE\nSV 77 – Bijlage 1\n"
    record = parse(doc(QUESTION, answer))
    assert record.answer == "1. Zie de bijlage."
    assert record.annexes == ["BIJLAGE\nSV 77 – Bijlage 1"]


@pytest.mark.parametrize("text", [
    "Werk is belangrijk.\n\n1. Welke besturen?\n",
    "Werk is belangrijk.\n1. Welke besturen?\n2. Welke diensten?\n",
])
def test_reflow_without_the_continuation_sign_is_unchanged(text):
    lines = text.split("\n")
    assert reflow(lines)[0] == "Werk is belangrijk."
