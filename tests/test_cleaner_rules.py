"""Each line-level rule of the cleaner on small texts with the expected lines written by
hand (forms as they occur in the parliament's extractions: seeds and tests/data/real).

Line-end breaks go to a stand-in resolver that records what it was asked, so these
tests say what the cleaner does, not what the Dutch lexicon decides.
"""

from __future__ import annotations

import pytest

from index.documents.cleaner import (
    clean_document,
    continuation_flags,
    drop_page_furniture,
    ends_sentence,
    fix_misreads,
    furniture,
    is_label,
    is_page_number,
    join_continuations,
    join_hyphenated,
    marks_continuations,
    normalise_bullet,
    normalise_space,
    reflow,
    split_glued_number,
    starts_paragraph,
)


class Resolver:
    """Joins as told by `answers` ((left, right) -> text), else solid; records each call."""

    def __init__(self, answers: dict[tuple[str, str], str] | None = None):
        self.answers = answers or {}
        self.calls: list[tuple[str, str, str | None]] = []

    def __call__(self, left: str, right: str, next_word: str | None) -> str:
        self.calls.append((left, right, next_word))
        return self.answers.get((left, right), left + right)


def test_every_kind_of_space_collapses():
    assert normalise_space("\u2007sociale\u202f\u202feconomie\t\u00a0nu ") == "sociale economie nu"


@pytest.mark.parametrize("line", ["3", "- 3 -", "— 4 —", "– 12", "pagina 3", "Pagina 3 van 12",
                                  "p. 3", "p.3", "3/12", "3 / 12", "3 van 12", "1234"])
def test_page_number_forms(line):
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["12345", "3 dossiers", "pagina", "Art. 3", "3.", "2020-2025"])
def test_not_page_numbers(line):
    assert not is_page_number(line)


@pytest.mark.parametrize("line", ["Vlaams Parlement", "VLAAMS PARLEMENT",
                                  "Vlaams Parlement - Schriftelijke vraag 12",
                                  "Vlaams Parlement | 2024-2025",
                                  "Schriftelijke vraag nr. 851 - Sociale economie",
                                  "Schriftelijke vraag nr.851 | blad 2",
                                  "Kabinet Crevits | Schriftelijke vragen 2024"])
def test_running_header_forms_are_dropped(line):
    assert drop_page_furniture(["Eerste zin van de vraag", line, "gaat hier verder."]) == [
        "Eerste zin van de vraag", "gaat hier verder."]


@pytest.mark.parametrize("line", ["Vlaams Parlement, BS 23 april 2013.",
                                  "Schriftelijke vraag nr. 851 van mevrouw Claes",
                                  "De schriftelijke vragen werden gebundeld."])
def test_body_lines_that_look_like_headers_stay(line):
    lines = ["Eerste zin", line, "gaat verder."]
    assert drop_page_furniture(lines) == lines


def test_page_numbers_alone_first_or_last_go_and_numbers_in_text_stay():
    assert drop_page_furniture(["7", "", "tekst"]) == ["", "tekst"]
    assert drop_page_furniture(["tekst een.", "", "7"]) == ["tekst een.", ""]
    assert drop_page_furniture(["tekst een.", "x", "7"]) == ["tekst een.", "x", "7"]
    assert drop_page_furniture(["tekst", "", "7", "meer"]) == ["tekst", "", "7", "meer"]
    assert drop_page_furniture(["a", "", "pagina 2", "", "b"]) == ["a", "", "", "b"]
    # two numbers in a row are a column of figures, not furniture; the last one alone is
    assert drop_page_furniture(["3", "3", "", "5"]) == ["3", "3", ""]


def test_a_repeated_line_beside_a_page_number_is_a_header_unless_it_looks_like_body():
    assert drop_page_furniture(["4", "Kop X", "meer", "5", "Kop X", "rest"]) == ["meer", "rest"]
    assert drop_page_furniture(["Kop X", "4", "meer", "Kop X", "5", "rest"]) == ["meer", "rest"]
    lines = ["BIJLAGE 1", "3", "x", "BIJLAGE 1", "4", "y"]
    assert drop_page_furniture(lines) == ["BIJLAGE 1", "x", "BIJLAGE 1", "y"]
    lines = ["Bijlage 1", "3", "x", "Bijlage 1", "4", "y"]
    assert drop_page_furniture(lines) == ["Bijlage 1", "x", "Bijlage 1", "y"]
    lines = ["1.", "4", "1.", "5", "tekst"]
    assert drop_page_furniture(lines) == ["1.", "1.", "tekst"]
    lines = ["Antwoord", "", "3", "", "ANTWOORD", "", "4", "", "ANTWOORD"]
    assert drop_page_furniture(lines) == ["Antwoord", "", "", "ANTWOORD", "", "", "ANTWOORD"]


def test_strict_furniture_keeps_numbers_between_blanks_and_repeated_words():
    assert furniture(["tekst", "", "4", "", "meer"], strict=True) == set()
    assert furniture(["Kop X", "4", "meer", "Kop X", "5", "x"], strict=True) == set()
    assert furniture(["Vlaams Parlement", "4", "meer"], strict=True) == {0, 1}
    assert furniture(["meer", "4", "Vlaams Parlement"], strict=True) == {1, 2}
    # nor is a repeated line beside a header a header of its own
    lines = ["Vlaams Parlement", "Jaar", "tekst", "Vlaams Parlement", "Jaar"]
    assert furniture(lines, strict=True) == {0, 3}
    assert furniture(lines) == {0, 1, 3, 4}
    assert furniture(["tekst", "", "4", "", "meer"]) == {2}


@pytest.mark.parametrize(("line", "fixed"), [
    ("Artikel 5, 82 van het decreet", "Artikel 5, §2 van het decreet"),
    ("Art. 7bis, 83", "Art. 7bis, §3"),
    ("Art 12,810", "Art 12,§10"),
    ("Besl. VI. Reg. 2012", "Besl. Vl. Reg. 2012"),
    ("Parl. St. VI. Parl. 2019-20", "Parl. St. Vl. Parl. 2019-20"),
    ("B. VI. Reg. 2 juli 2021", "B. Vl. Reg. 2 juli 2021"),
    ("Stuk. VI. Parl.", "Stuk. Vl. Parl."),
    ("Doc. VI. Parl.", "Doc. Vl. Parl."),
    ("Omz. VI.", "Omz. Vl."),
    ("Ord. VI. 3", "Ord. Vl. 3"),
    ("Decr. VI.2012", "Decr. VI.2012"),
    ("Art. 15, 8123", "Art. 15, 8123"),
    ("artikel 15, 81", "artikel 15, 81"),
    ("DECR. VI. 2012", "DECR. VI. 2012"),
])
def test_misreads_in_citations(line, fixed):
    assert fix_misreads(line) == fixed


@pytest.mark.parametrize(("line", "fixed"), [
    ("1.Welke", "1. Welke"), ("8, 9.Het", "8, 9. Het"), ("2 - 4.Naast", "2 - 4. Naast"),
    ("2–4.Naast", "2–4. Naast"), ("12.Antwoord", "12. Antwoord"), ("1.Één", "1. Één"),
    ("123.Naast", "123.Naast"), ("1.welke", "1.welke"), ("1. Welke", "1. Welke"),
])
def test_glued_reply_numbers(line, fixed):
    assert split_glued_number(line) == fixed


def test_bullet_glyphs_at_a_line_start_become_a_dash():
    assert normalise_bullet("\uf0b7 punt") == "- punt"
    assert normalise_bullet("• punt") == "- punt"
    assert normalise_bullet("▪") == "-" and normalise_bullet("● punt") == "- punt"
    assert normalise_bullet("•punt") == "•punt"
    assert normalise_bullet("een • punt") == "een • punt"


@pytest.mark.parametrize(("line", "label", "opens"), [
    ("1.", True, True), ("2-4.", True, True), ("8, 9.", True, True), ("10.", True, True),
    ("c)", True, True), ("-", True, True), ("•", True, True),
    ("1. tekst", False, True), ("a) tekst", False, True), ("- tekst", False, True),
    ("* tekst", False, True), ("o tekst", False, True), ("▪ tekst", False, True),
    ("123.", False, False), ("o", False, False), ("2020. Het jaar", False, False),
    ("C) tekst", False, False), ("tekst", False, False),
])
def test_labels_and_paragraph_openers(line, label, opens):
    assert is_label(line) is label
    assert starts_paragraph(line) is opens


@pytest.mark.parametrize(("text", "ends"), [
    ("zijn[2]", False), ("gemeente.[1]", True), ("vraag?", True), ("einde)", True),
    ("lijst:", True), ("x;", True), ("a]", True), ("Ja!", True), ("geen", False),
    ("geen,", False),
])
def test_sentence_ends(text, ends):
    assert ends_sentence(text) is ends


def test_line_end_breaks_are_resolved_with_the_next_word_and_chained():
    resolve = Resolver({("sociaal", "economische"): "sociaal-economische"})
    lines = ["de sociaal-", "economische en cul-", "turele sector", "verder"]
    assert join_hyphenated(lines, resolve) == [
        "de sociaal-economische en culturele sector", "verder"]
    assert resolve.calls == [("sociaal", "economische", "en"), ("cul", "turele", "sector")]


def test_a_break_before_a_last_word_alone_and_a_break_at_the_end():
    resolve = Resolver()
    assert join_hyphenated(["de onder-", "steuning"], resolve) == ["de ondersteuning"]
    assert resolve.calls == [("onder", "steuning", None)]
    assert join_hyphenated(["het laatste woord-"], resolve) == ["het laatste woord-"]


def test_a_hyphen_after_a_number_or_a_space_is_no_break():
    resolve = Resolver()
    lines = ["de periode 2020-", "2025 loopt", "Sociale economie -", "Betrokkenheid"]
    assert join_hyphenated(lines, resolve) == lines
    assert resolve.calls == []


def test_the_merged_line_keeps_the_rest_of_the_next_line_with_single_spaces():
    resolve = Resolver()
    assert join_hyphenated(["(de onder-", "steuning),  en meer"], resolve) == [
        "(de ondersteuning), en meer"]
    assert resolve.calls == [("onder", "steuning),", "en")]


def test_continuation_flags_are_trailing_white_space_after_text():
    lines = ["a ", "b", "", "  ", "c\t", "d\u00a0", "e\u2007", "f\u202f"]
    assert continuation_flags(lines) == [True, False, False, False, True, True, True, True]


def test_continuation_lines_are_joined_but_not_onto_a_new_item():
    join = join_continuations
    assert join(["De minister", "antwoordt nu.", "Tweede zin."], [True, False, False]) == [
        "De minister antwoordt nu.", "Tweede zin."]
    # a blank line inside the sentence is a page break; after a sentence end it ends it
    assert join(["De minister", "", "antwoordt nu."], [True, False, False]) == [
        "De minister antwoordt nu."]
    assert join(["Dat is alles.", "", "Nieuw."], [True, False, False]) == [
        "Dat is alles.", "", "Nieuw."]
    assert join(["Dat is alles.", "Nieuwe zin."], [True, False]) == [
        "Dat is alles. Nieuwe zin."]
    for item in ("1. Welke?", "- punt", "[1] noot", "c)"):
        assert join(["De vragen", item], [True, False]) == ["De vragen", item]
    assert join(["De vragen", ""], [True, False]) == ["De vragen", ""]
    # blank lines held back after a line that goes on come back before a new item
    assert join(["De vragen", "", "1. Welke?"], [True, False, False]) == [
        "De vragen", "", "1. Welke?"]
    # a bracket that is no footnote marker goes on the line
    assert join(["De cijfers", "[zie bijlage] volgen."], [True, False]) == [
        "De cijfers [zie bijlage] volgen."]
    assert join(["De vragen", "", "", "zijn"], [True, False, False, False]) == [
        "De vragen zijn"]
    assert join(["De vragen", "zijn", "gesteld."], [False, True, False]) == [
        "De vragen", "zijn gesteld."]


def test_marks_continuations_reads_the_sign_from_lines_inside_sentences():
    inside = "de gemeenten melden dat veel fietspaden langs gewestwegen"
    marked = [f"{inside} ", "in slechte staat zijn.", ""] * 3
    assert marks_continuations(marked, continuation_flags(marked))
    bare = [inside, "in slechte staat zijn.", ""] * 3
    assert not marks_continuations(bare, continuation_flags(bare))
    every = [f"{line} " for line in bare]
    assert not marks_continuations(every, continuation_flags(every))


def test_a_short_document_marks_continuations_with_few_lines():
    inside = "de gemeenten melden dat veel fietspaden langs gewestwegen"
    one = ["Titel", "", f"{inside} ", "in slechte staat zijn.", "", "Einde."]
    assert marks_continuations(one, continuation_flags(one))
    before_blanks = ["Titel", "", f"{inside} ", "in slechte staat zijn.", "",
                     "Kort ", "", "Ook kort ", "", "Einde."]
    assert not marks_continuations(before_blanks, continuation_flags(before_blanks))
    no_inside = ["Titel", "", "Kort ", "zinnetje.", "", "Nog ", "een.", "", "Einde."]
    assert marks_continuations(no_inside, continuation_flags(no_inside))
    one_mark = ["Titel", "", "Kort ", "zinnetje.", "", "Nog", "een.", "", "Einde."]
    assert not marks_continuations(one_mark, continuation_flags(one_mark))


def test_clean_document_runs_every_fix_in_order():
    text = ("1.Welke  bedragen   zijn er?\n"
            "\uf0b7 Art. 15, 81 Decr. VI. 17 februari 2012 betreffende de ondersteu-\n\n"
            "3\n\nVlaams Parlement\n\n"
            "ning van het ondernemerschap.\n")
    cleaned = clean_document(text, Resolver())
    assert cleaned.lines == [
        "1. Welke bedragen zijn er?",
        "- Art. 15, §1 Decr. Vl. 17 februari 2012 betreffende de ondersteuning van het "
        "ondernemerschap.", ""]
    assert cleaned.continuation is False and cleaned.notes == []


def test_reflow_of_labels_and_page_breaks():
    assert reflow(["2-4.", "", "Tekst."]) == ["2-4. Tekst."]
    assert reflow(["Zin zonder einde", "", "gaat verder."]) == ["Zin zonder einde gaat verder."]
    assert reflow(["Zin zonder einde", "", "Gaat verder."]) == [
        "Zin zonder einde", "Gaat verder."]
    assert reflow(["Zin.", "", "gaat verder."]) == ["Zin.", "gaat verder."]
    assert reflow(["Zin zonder einde", "", "- een punt"]) == ["Zin zonder einde", "- een punt"]
    assert reflow(["Een.", "", "", "b."]) == ["Een.", "b."]


def test_reflow_of_logical_lines():
    assert reflow(["1.", "Tekst.", "2.", "3.", "Meer."], logical=True) == [
        "1. Tekst.", "2.", "3. Meer."]
    assert reflow(["Zin zonder einde", "gaat verder."], logical=True) == [
        "Zin zonder einde gaat verder."]
    assert reflow(["Zin zonder einde", "Gaat verder.", "", "Nog."], logical=True) == [
        "Zin zonder einde", "Gaat verder.", "Nog."]
    assert reflow(["Tekst.", "4."], logical=True) == ["Tekst.", "4."]


def test_a_caption_ending_in_a_space_is_not_joined_to_the_table_after_it():
    cells = ["Jaar", "Aantal", "2022", "41", "2023", "45", "2024", "50"]
    assert join_continuations(["De tabel:", *cells], [True] + [False] * 8) == [
        "De tabel:", *cells]
    assert join_continuations(["Dat is alles.", "", *cells], [True] + [False] * 9) == [
        "Dat is alles.", "", *cells]
    # one short line after the sentence is no table: it goes on the sentence's line
    assert join_continuations(["Dat is alles.", "Jaar", "Aantal"], [True, False, False]) == [
        "Dat is alles. Jaar", "Aantal"]


def test_logical_lines_rows_on_one_line_become_a_table_with_its_header():
    assert reflow(["Tekst.", "Jaar", "2022 41 12", "2023 45 13", "Einde."], logical=True) == [
        "Tekst.", "Jaar\n2022 | 41 | 12\n2023 | 45 | 13", "Einde."]
    # rows with another number of cells end the table; a blank line between rows does not
    assert reflow(["Tekst.", "2022 41 12", "", "2023 45 13", "2024 1"], logical=True) == [
        "Tekst.", "2022 | 41 | 12\n2023 | 45 | 13", "2024 1"]
    # after a bare reply number the next line is its text, not a table row
    assert reflow(["Tekst.", "1.", "2022 41 12", "2023 45 13"], logical=True) == [
        "Tekst.", "1. 2022 41 12", "2023 45 13"]


def test_logical_lines_one_cell_a_line_are_shaped_or_kept_with_a_warning():
    warnings: list[str] = []
    cells = ["Jaar", "Aantal", "2022", "41", "2023", "45", "2024", "50"]
    assert reflow(["Tekst.", *cells, "Einde."], logical=True, warnings=warnings) == [
        "Tekst.", "Jaar | Aantal\n2022 | 41\n2023 | 45\n2024 | 50", "Einde."]
    assert warnings == []
    odd = ["Gent", "12", "Leuven", "7", "3", "Brugge", "x", "9"]
    assert reflow(["Tekst.", *odd, "Einde."], logical=True, warnings=warnings) == [
        "Tekst.", "\n".join(odd), "Einde."]
    assert warnings == [
        "a table of 8 cells could not be shaped into rows; kept one cell a line"]
    five = ["Gent", "12", "Leuven", "7", "3"]  # under six cells: lines of text
    assert reflow(["Tekst.", *five], logical=True) == ["Tekst.", *five]


def test_a_blank_line_inside_a_broken_word_is_closed_only_before_lowercase():
    assert clean_document("de ondersteu-\n\n\nning van", Resolver()).lines == [
        "de ondersteuning van"]
    assert clean_document("de ondersteu-\n\nNing", Resolver()).lines == [
        "de ondersteu-", "", "Ning"]
    assert clean_document("het einde\n\nning", Resolver()).lines == ["het einde", "", "ning"]


def test_in_a_document_that_marks_continuations_a_number_between_blanks_stays():
    text = ("Titel van de vraag\n\n"
            "de gemeenten melden dat veel fietspaden langs gewestwegen \n"
            "in slechte staat zijn.\n\n4\n\n"
            "de fietsers wijken daardoor vaak uit naar de rijbaan van \n"
            "de gewestweg.\n\n"
            "het is dus een gevaarlijke situatie voor de fietsers hier \n"
            "en elders.\n")
    cleaned = clean_document(text, Resolver())
    assert cleaned.continuation is True
    assert cleaned.lines == [
        "Titel van de vraag", "",
        "de gemeenten melden dat veel fietspaden langs gewestwegen in slechte staat zijn.", "",
        "4", "", "de fietsers wijken daardoor vaak uit naar de rijbaan van de gewestweg.", "",
        "het is dus een gevaarlijke situatie voor de fietsers hier en elders.", ""]


def test_a_document_opening_with_blank_lines_and_lowercase():
    assert clean_document("\n\nvraag zonder hoofdletter", Resolver()).lines == [
        "", "", "vraag zonder hoofdletter"]


# A line inside a sentence: 40 characters, lowercase, no closing punctuation.
INSIDE = "de gemeenten melden dat er veel fietsers"
assert len(INSIDE) == 40


def pair(marked: bool) -> list[str]:
    return [INSIDE + (" " if marked else ""), "gaat verder.", ""]


def sign(raw: list[str]) -> bool:
    return marks_continuations(raw, continuation_flags(raw))


@pytest.mark.parametrize(("raw", "expected"), [
    # three or more lines inside sentences: at least 60 % of them end in a space
    (pair(True) * 3 + pair(False) * 2, True),
    (pair(True) * 2 + pair(False) * 3, False),
    # exactly three: the share decides, whatever stands before blank lines
    (["Kort ", "", "Ook kort ", ""] + pair(True) * 3, True),
    (["Kort ", "", "Ook kort ", ""] + (pair(True) * 3)[:-1], True),
    # a line broken at a hyphen is no line inside a sentence
    (pair(True) * 3 + [INSIDE + "-", "ning verder.", ""] * 3, True),
    # fewer: half of them marked and at most one marked line before a blank
    (pair(True) + pair(False), True),
    (pair(True) + ["Kort ", ""] + [INSIDE + " "], False),
    # none: two marked lines at least, at most one of them before a blank
    (["Kort ", "zinnetje.", "", "Nog ", "een.", "", "Los ", ""], True),
    (["Kort ", "zinnetje.", "", "Los ", "", "Ook los ", ""], False),
    # a space after nearly every line (under 10 % without) is no sign
    ([INSIDE + " "] * 19 + ["einde."], False),
    ([INSIDE + " "] * 9 + ["einde."], True),
])
def test_the_continuation_sign_at_its_thresholds(raw, expected):
    assert sign(raw) is expected


def test_text_after_a_table_is_not_joined_to_it():
    assert reflow(["Tekst.", "Jaar", "2022 41 12", "2023 45 13", "en de rest."], logical=True) == [
        "Tekst.", "Jaar\n2022 | 41 | 12\n2023 | 45 | 13", "en de rest."]


def test_a_page_break_before_a_word_with_a_capital_inside():
    assert reflow(["We gebruiken de", "", "iPad in de klas."]) == [
        "We gebruiken de iPad in de klas."]


def test_the_header_of_rows_is_the_cell_just_before_them():
    assert reflow(["Tekst.", "2020 5", "Jaar", "2022 41 12", "2023 45 13"], logical=True) == [
        "Tekst.", "2020 5", "Jaar\n2022 | 41 | 12\n2023 | 45 | 13"]


def test_a_reply_number_takes_the_line_after_it_even_before_a_table():
    cells = ["Jaar", "Aantal", "2022", "41", "2023", "45", "2024", "50"]
    assert reflow(["1.", *cells], logical=True) == [
        "1. Jaar", "Aantal\n2022 | 41\n2023 | 45\n2024 | 50"]


def test_lines_of_one_block_are_one_paragraph_whatever_their_case():
    assert reflow(["Het antwoord van minister", "Ben Weyts volgt."]) == [
        "Het antwoord van minister Ben Weyts volgt."]


def test_an_unshaped_table_without_a_warnings_list_is_still_kept():
    odd = ["Gent", "12", "Leuven", "7", "3", "Brugge", "x", "9"]
    assert reflow(["Tekst.", *odd], logical=True) == ["Tekst.", "\n".join(odd)]
