"""The parser's rules on small documents in the parliament's layouts (seeds 000 and 002,
tests/data/real), each field's expected value written by hand.

Line-end breaks are joined solid by a stand-in resolver: these tests are about the
headers, blocks and sections, not about the Dutch lexicon.
"""

from __future__ import annotations

import pytest

from index.documents.model import JointMinister, ParseError
from index.documents.parser import display_name, find_minister_blocks, parse_text


def solid(left: str, right: str, next_word: str | None) -> str:
    return left + right


def parse(text: str):
    (record,) = parse_text(text, "doc.txt", solid)
    return record


# The layout of the 2025 documents (tests/data/real): header lines, then title and text.
HEADER = ("SCHRIFTELIJKE VRAAG\nnr. 28\nvan HIBA FARAJI\ndatum: 2 oktober 2025\n"
          "aan MATTHIAS DIEPENDAELE\n"
          "MINISTER-PRESIDENT VAN DE VLAAMSE REGERING, VLAAMS MINISTER VAN ECONOMIE\n")
ANSWER = ("\nMATTHIAS DIEPENDAELE\nMINISTER-PRESIDENT VAN DE VLAAMSE REGERING, VLAAMS "
          "MINISTER VAN ECONOMIE\n\nANTWOORD\nop vraag nr. 28 van 2 oktober 2025\n"
          "van HIBA FARAJI\n\n")


def test_question_header_with_its_answer():
    record = parse(HEADER + "\nCompensatie emissiekosten - Investeringsplicht\n\n"
                   "Hoeveel bedrijven kregen steun?\n" + ANSWER + "Dat waren er 12.\n")
    assert (record.number, record.date, record.asker, record.minister) == (
        28, "2025-10-02", "Hiba Faraji", "Matthias Diependaele")
    assert record.portfolio == ("MINISTER-PRESIDENT VAN DE VLAAMSE REGERING, VLAAMS MINISTER "
                                "VAN ECONOMIE")
    assert record.title == "Compensatie emissiekosten - Investeringsplicht"
    assert record.question == "Hoeveel bedrijven kregen steun?"
    assert record.answer == "Dat waren er 12." and record.answer_kind == "answer"
    assert record.id == "2025-10-02-matthias-diependaele-28"
    assert record.source == "doc.txt" and record.warnings == []


def test_question_header_without_answer():
    record = parse(HEADER + "\nTitel\n\nEen vraag?\n")
    assert record.answer_kind == "none" and record.answer == "" and record.annexes == []
    assert record.minister == "Matthias Diependaele" and record.question == "Een vraag?"


def test_numbers_of_the_two_headers_must_agree():
    text = HEADER + "\nTitel\n\nEen vraag?\n" + ANSWER.replace("nr. 28", "nr. 29") + "Ja.\n"
    with pytest.raises(ParseError, match=r"question header says nr\. 28, answer header nr\. 29"):
        parse(text)


def test_a_bad_date_in_the_question_header_is_named():
    with pytest.raises(ParseError, match="question header date '31 februari 2025' is not"):
        parse(HEADER.replace("2 oktober", "31 februari") + "\nTitel\n\nEen vraag?\n")


def test_without_a_minister_block_the_record_is_refused():
    text = ("SCHRIFTELIJKE VRAAG nr. 5 van ANN PEETERS datum: 3 maart 2021\n\n"
            "Titel\n\nEen vraag?\n")
    with pytest.raises(ParseError, match="no minister found"):
        parse(text)


def test_a_question_without_title_or_text_is_refused():
    with pytest.raises(ParseError, match="question text is empty"):
        parse(HEADER + "\nAlleen een titel\n" + ANSWER + "Ja.\n")


def test_a_title_over_25_words_keeps_its_first_line_with_a_warning():
    long_title = " ".join(["woord"] * 20)
    text = HEADER + f"\n{long_title}\nnog zeven woorden van de vraag hier.\n" + ANSWER + "Ja.\n"
    record = parse(text)
    assert record.title == long_title
    assert record.question == "nog zeven woorden van de vraag hier."
    assert record.warnings == ["title block has 27 words (over 25): took its first line as "
                               "the title"]
    exactly = " ".join(["woord"] * 25)
    assert parse(HEADER + f"\n{exactly}\n\nVraag?\n").warnings == []


def test_minister_after_the_date_without_aan_is_read_and_flagged():
    text = ("SCHRIFTELIJKE VRAAG nr. 7 van ELKE PEETERS datum: 30 september 2024 "
            "JAN DE SMET VLAAMS MINISTER VAN ONDERWIJS\n\nSchoolbussen\n\nHoeveel?\n")
    record = parse(text)
    assert record.minister == "Jan De Smet"
    assert record.warnings == [
        "minister read from the capitals after the date (no 'aan' before it)"]


def test_seed_layout_answer_header_and_referral():
    text = ("Titel - Onderwerp\n\nVraag?\n\nBART SOMERS\nVLAAMS MINISTER VAN BINNENLANDS "
            "BESTUUR\n\nANTWOORD\nop vraag nr. 378 van 25 september 2020\nvan ALLESSIA CLAES\n\n"
            "Een gecoördineerd antwoord zal worden verstrekt door viceminister-president "
            "Hilde Crevits.\n")
    record = parse(text)
    assert (record.number, record.minister, record.asker) == (378, "Bart Somers",
                                                               "Allessia Claes")
    assert record.answer_kind == "referral" and record.coordinator == "Hilde Crevits"


def test_a_long_answer_that_mentions_a_coordinated_answer_is_an_answer():
    body = "Het beleid wordt toegelicht. " * 30
    text = ("Titel\n\nVraag?\n\nBART SOMERS\nVLAAMS MINISTER VAN BINNENLANDS BESTUUR\n\n"
            "ANTWOORD\nop vraag nr. 378 van 25 september 2020\nvan ALLESSIA CLAES\n\n"
            f"{body}Een gecoördineerd antwoord wordt gegeven door Hilde Crevits.\n")
    record = parse(text)
    assert record.answer_kind == "answer" and record.coordinator is None


@pytest.mark.parametrize("rest", ["Zie bijlage.", "(zie bijlage)"], ids=["capital", "bracket"])
def test_answer_text_after_the_asker_on_the_header_line(rest):
    text = ("Titel\n\nVraag?\n\nBEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\n\n"
            f"ANTWOORD op vraag nr. 3 van 1 oktober 2022 van ANN DE VRIES {rest}\n")
    record = parse(text)
    assert (record.asker, record.answer) == ("Ann De Vries", rest)


def test_names_keep_the_spelling_the_joint_sentence_gives():
    joint = ("Deze vraag werd gesteld aan de ministers Ann van den Bossche (12) en "
             "Ben Weyts (13).")
    tail = ("\n\nANTWOORD\nop vraag nr. {n} van 1 oktober 2022\nvan ANN DE VRIES\n\n{answer}\n")
    text = (f"Titel\n\nVraag?\n\n{joint}\n\nBEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS"
            + tail.format(n=13, answer="Een gecoördineerd antwoord zal worden verstrekt door "
                                       "minister Ann van den Bossche."))
    record = parse(text)
    assert record.answer_kind == "referral" and record.coordinator == "Ann van den Bossche"
    text = (f"Titel\n\nVraag?\n\n{joint}\n\nANN VAN DEN BOSSCHE\nVLAAMS MINISTER VAN WELZIJN"
            + tail.format(n=12, answer="Ja."))
    assert parse(text).minister == "Ann van den Bossche"


@pytest.mark.parametrize(("length", "kind"), [(799, "referral"), (800, "answer")])
def test_a_referral_is_only_looked_for_in_an_answer_under_800_characters(length, kind):
    referral = "Een gecoördineerd antwoord wordt gegeven door Hilde Crevits."
    words = ["Het", "beleid", "wordt", "verder", "uitgewerkt", "in", "overleg", "met", "de",
             "sector."]
    answer, k = "", 0
    while length - len(answer) - len(referral) > 14:
        answer += words[k % len(words)] + " "
        k += 1
    answer += "1" * (length - len(answer) - len(referral) - 1) + " " + referral  # a number
    assert len(answer) == length
    record = parse(ANSWERED + answer + "\n")
    assert record.answer == " ".join(answer.split()) and record.answer_kind == kind


def test_answer_text_on_the_header_line_is_kept():
    text = ("Titel\n\nVraag?\n\nBEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\n\n"
            "ANTWOORD op vraag nr. 3 van 1 oktober 2022 van ANN DE VRIES\nDe scholen tellen "
            "mee.\n")
    record = parse(text)
    assert record.asker == "Ann De Vries"
    assert record.answer == "De scholen tellen mee."


def test_joint_ministers_with_role_words():
    text = ("Titel\n\nVraag?\n\nDeze vraag werd gesteld aan minister-president Jan Jambon (12), "
            "viceminister-president Hilde Crevits (851) en Vlaams minister Bart Somers (378)."
            "\n\nBART SOMERS\nVLAAMS MINISTER VAN BINNENLANDS BESTUUR\n\nANTWOORD\n"
            "op vraag nr. 378 van 25 september 2020\nvan ALLESSIA CLAES\n\nJa.\n")
    record = parse(text)
    assert record.joint == [JointMinister("Jan Jambon", 12), JointMinister("Hilde Crevits", 851),
                            JointMinister("Bart Somers", 378)]
    assert record.question == "Vraag?"


def test_a_joint_minister_whose_name_starts_with_a_capital_x():
    text = ("Titel\n\nVraag?\n\nDeze vraag werd gesteld aan de ministers Xavier Taveirne (12) "
            "en Ben Weyts (13).\n\nBEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\n\nANTWOORD\n"
            "op vraag nr. 13 van 1 oktober 2022\nvan ANN DE VRIES\n\nJa.\n")
    assert parse(text).joint == [JointMinister("Xavier Taveirne", 12),
                                 JointMinister("Ben Weyts", 13)]


def test_footnotes_and_their_markers_are_checked_both_ways():
    text = ("Titel\n\nDe regels[1] en de uitzondering[3].\n\n[1] Decreet van 2012.\n"
            "[2] Besluit van\n2013.\n\nBEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\n\nANTWOORD\n"
            "op vraag nr. 3 van 1 oktober 2022\nvan ANN DE VRIES\n\nJa.\n")
    record = parse(text)
    assert record.footnotes == ["[1] Decreet van 2012.", "[2] Besluit van 2013."]
    assert record.question == "De regels[1] en de uitzondering[3]."
    assert record.warnings == ["footnote marker [3] has no footnote text",
                               "footnote [2] has no marker in the text"]


ANSWERED = ("Titel\n\nVraag?\n\nBEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\n\nANTWOORD\n"
            "op vraag nr. 3 van 1 oktober 2022\nvan ANN DE VRIES\n\n")


@pytest.mark.parametrize(("tail", "answer", "annexes"), [
    ("Zie bijlage.\n\nBIJLAGE\nSV 209 – Bijlage 1\nGent 12\n",
     "Zie bijlage.", ["BIJLAGE\nSV 209 – Bijlage 1\nGent 12"]),
    ("Zie bijlagen.\n\nBIJLAGEN\nBijlage 1: scholen\nGent 12\n",
     "Zie bijlagen.", ["BIJLAGEN\nBijlage 1: scholen\nGent 12"]),
    ("Zie bijlage.\n\nBijlage 1\nGent 12\nBijlage 2 - kosten\nLeuven 7\n",
     "Zie bijlage.", ["Bijlage 1\nGent 12", "Bijlage 2 - kosten\nLeuven 7"]),
    ("Zie bijlage.\n\nBIJLAGE\nGent 12\nBIJLAGE\nLeuven 7\n",
     "Zie bijlage.", ["BIJLAGE\nGent 12", "BIJLAGE\nLeuven 7"]),
    ("Bijlage 1 bij het decreet regelt dat.\n", "Bijlage 1 bij het decreet regelt dat.", []),
    ("Bijlagen worden nagestuurd.\n", "Bijlagen worden nagestuurd.", []),
])
def test_annex_headings(tail, answer, annexes):
    record = parse(ANSWERED + tail)
    assert record.answer == answer
    assert record.annexes == annexes


def test_an_annex_heading_longer_than_a_line_is_text():
    heading = "BIJLAGE " + "met een heel lange beschrijving " * 3
    record = parse(ANSWERED + f"Zie hieronder.\n\n{heading.strip()}\n")
    assert record.annexes == []
    # 80 characters are still a heading, 81 are not
    eighty = "Bijlage 1: overzicht van alle scholen per gemeente en per onderwijsnet 2022-2023"
    assert len(eighty) == 80
    record = parse(ANSWERED + f"Zie bijlage.\n\n{eighty}\nGent 12\n")
    assert record.annexes == [f"{eighty}\nGent 12"] and record.answer == "Zie bijlage."
    record = parse(ANSWERED + f"Zie bijlage.\n\n{eighty}.\nGent 12\n")
    assert record.annexes == []


@pytest.mark.parametrize(("caps", "known", "name"), [
    ("SAM VAN ROOY", [], "Sam Van Rooy"),
    ("JEAN-MARIE D’HAESE", [], "Jean-Marie D’Haese"),
    ("HILDE  CREVITS", ["Bart Somers", "Hilde Crevits"], "Hilde Crevits"),
    ("HILDE CREVITS", ["Hilde De Crevits"], "Hilde Crevits"),
    ("ZUHAL DEMIR", ["zuhal demir"], "zuhal demir"),
])
def test_display_names(caps, known, name):
    assert display_name(caps, known) == name


def test_minister_blocks_with_aan_on_its_own_line_and_a_wrapped_portfolio():
    lines = ["Titel", "", "aan", "", "BEN WEYTS", "VLAAMS MINISTER VAN ONDERWIJS,",
             "SPORT EN DIERENWELZIJN", "Tekst van de vraag."]
    (block,) = find_minister_blocks(lines)
    assert (block.first_line, block.last_line, block.name) == (2, 6, "BEN WEYTS")
    assert block.portfolio == "VLAAMS MINISTER VAN ONDERWIJS, SPORT EN DIERENWELZIJN"
    assert block.inferred is False


def test_minister_blocks_are_not_found_in_text_or_far_from_a_name():
    assert find_minister_blocks(["De Vlaams minister van Onderwijs zei dat."]) == []
    assert find_minister_blocks(["BEN WEYTS", "", "", "VLAAMS MINISTER VAN ONDERWIJS"]) == []
    (block,) = find_minister_blocks(["BEN WEYTS", "", "VLAAMS MINISTER VAN ONDERWIJS"])
    assert (block.first_line, block.name) == (0, "BEN WEYTS")
    assert find_minister_blocks(["Tekst", "VLAAMS MINISTER VAN ONDERWIJS"]) == []
    (block,) = find_minister_blocks(["aan BEN WEYTS VLAAMS MINISTER VAN ONDERWIJS ANTWOORD"])
    assert block.portfolio == "VLAAMS MINISTER VAN ONDERWIJS" and block.name == "BEN WEYTS"


def test_a_portfolio_stops_before_the_answer_and_the_next_header():
    lines = ["BEN WEYTS", "VLAAMS MINISTER VAN ONDERWIJS", "ANTWOORD",
             "op vraag nr. 3 van 1 oktober 2022"]
    (block,) = find_minister_blocks(lines)
    assert block.last_line == 1 and block.portfolio == "VLAAMS MINISTER VAN ONDERWIJS"
    lines = ["BEN WEYTS", "VLAAMS MINISTER VAN ONDERWIJS", "SCHRIFTELIJKE VRAAG"]
    assert find_minister_blocks(lines)[0].last_line == 1


def test_a_name_of_seven_words_or_after_van_is_no_minister():
    lines = ["EEN TWEE DRIE VIER VIJF ZES ZEVEN", "VLAAMS MINISTER VAN ONDERWIJS"]
    assert find_minister_blocks(lines) == []
    (block,) = find_minister_blocks(["datum: 3 maart 2021 BEN WEYTS VLAAMS MINISTER VAN SPORT"])
    assert block.name == "BEN WEYTS" and block.inferred
    assert find_minister_blocks(["de vraag van BEN WEYTS VLAAMS MINISTER VAN SPORT"]) == []
    # at most five capital words make the name
    (block,) = find_minister_blocks(
        ["datum: 3 maart 2021 BETREFT ANN VAN DEN BERGHE DE SMET VLAAMS MINISTER VAN SPORT"])
    assert block.name == "VAN DEN BERGHE DE SMET"
    assert find_minister_blocks(["datum: 3 maart 2021 WEYTS VLAAMS MINISTER VAN SPORT"]) == []


def test_an_asker_name_wrapped_onto_a_line_of_its_own():
    record = parse(ANSWERED.replace("van ANN DE VRIES", "van ANN DE\nVRIES") + "Ja.\n")
    assert record.asker == "Ann De Vries" and record.answer == "Ja."
    record = parse(ANSWERED.replace("van ANN DE VRIES\n\n", "van ANN DE VRIES\n") + "JA, ZEKER.\n"
                   "Dat is zo.\n")
    assert record.asker == "Ann De Vries"


def test_the_minister_block_at_the_top_in_the_referral_layout():
    text = ("aan BEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\n\nTitel\n\nVraag?\n\nANTWOORD\n"
            "op vraag nr. 3 van 1 oktober 2022\nvan ANN DE VRIES\n\nJa.\n")
    record = parse(text)
    assert (record.minister, record.title, record.question, record.answer) == (
        "Ben Weyts", "Titel", "Vraag?", "Ja.")


def test_a_block_right_before_the_answer_is_the_answering_minister():
    text = ("BEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\nANTWOORD\n"
            "op vraag nr. 3 van 1 oktober 2022\nvan ANN DE VRIES\n\nJa.\n")
    with pytest.raises(ParseError, match="no title found"):
        parse(text)


def test_a_bad_date_in_the_answer_header_is_named():
    with pytest.raises(ParseError, match="answer header date '31 februari 2022' is not a valid"):
        parse(ANSWERED.replace("1 oktober", "31 februari") + "Ja.\n")


def test_header_words_in_any_case_and_datum_without_colon():
    text = ("SCHRIFTELIJKE VRAAG NR 28 van HIBA FARAJI Datum 2 oktober 2025\n"
            "aan MATTHIAS DIEPENDAELE\nVLAAMS MINISTER VAN ECONOMIE\n\nTitel\n\nVraag?\n")
    record = parse(text)
    assert (record.number, record.date, record.asker) == (28, "2025-10-02", "Hiba Faraji")


def test_a_portfolio_ends_at_a_blank_line_and_never_holds_lowercase():
    (block,) = find_minister_blocks(["BEN WEYTS", "VLAAMS MINISTER VAN ONDERWIJS", "",
                                     "TITEL IN HOOFDLETTERS"])
    assert block.portfolio == "VLAAMS MINISTER VAN ONDERWIJS" and block.last_line == 1
    assert find_minister_blocks(["BEN WEYTS", "VLAAMS MINISTER VAN Onderwijs"]) == []


def test_an_answer_header_on_the_last_line_gives_an_empty_answer():
    record = parse(ANSWERED.rstrip("\n"))
    assert (record.answer, record.answer_kind, record.asker) == ("", "answer", "Ann De Vries")


def test_blank_lines_before_the_title_and_a_title_over_two_lines():
    record = parse(HEADER + "\n\n\nTitel\n\nEen vraag?\n")
    assert (record.title, record.question) == ("Titel", "Een vraag?")
    text = ANSWERED.replace("Titel\n", "Sociale economie -\nBetrokkenheid lokale besturen\n")
    assert parse(text + "Ja.\n").title == "Sociale economie - Betrokkenheid lokale besturen"


def test_a_name_of_six_words_and_aan_in_capitals():
    (block,) = find_minister_blocks(["ANN VAN DEN BERGHE DE SMET", "VLAAMS MINISTER VAN SPORT"])
    assert block.name == "ANN VAN DEN BERGHE DE SMET"
    (block,) = find_minister_blocks(["AAN BEN WEYTS", "VLAAMS MINISTER VAN SPORT"])
    assert block.name == "BEN WEYTS"


@pytest.mark.parametrize(("text", "message"), [
    ("\n \n", "empty document"),
    ("Zomaar wat tekst.\n", "unknown layout: no question header, minister block or answer header"),
    ("aan BEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\n\nTitel\n\nVraag?\n",
     "no question number found: neither an answer header nor a 'SCHRIFTELIJKE VRAAG nr.' header"),
    ("SCHRIFTELIJKE VRAAG nr. 5 van ANN PEETERS datum: 3 maart 2021\n\nTitel\n\nVraag?\n",
     "no minister found (no name and portfolio in capitals)"),
    ("BEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\nANTWOORD\nop vraag nr. 3 van 1 oktober 2022\n"
     "van ANN DE VRIES\n\nJa.\n", "no title found"),
    (HEADER + "\nAlleen een titel\n" + ANSWER + "Ja.\n", "question text is empty"),
    ("Titel\n\nVraag?\n\nBEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\n\nANTWOORD\n",
     "answer header is incomplete (no 'op vraag nr. N van DATE van ASKER')"),
])
def test_refusals_say_exactly_what_is_missing(text, message):
    with pytest.raises(ParseError) as refused:
        parse(text)
    assert str(refused.value) == message


def test_a_question_header_without_a_minister_block_after_it():
    text = ("SCHRIFTELIJKE VRAAG nr. 5 van ANN PEETERS datum: 3 maart 2021\n\nTitel\n\nVraag?\n\n"
            "BEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\n\nANTWOORD\n"
            "op vraag nr. 5 van 3 maart 2021\nvan ANN PEETERS\n\nJa.\n")
    record = parse(text)
    assert (record.minister, record.title, record.question, record.answer) == (
        "Ben Weyts", "Titel", "Vraag?", "Ja.")


def test_the_title_right_under_the_portfolio_as_in_the_2025_documents():
    record = parse(HEADER + "Compensatie - Investeringsplicht\n\nHoeveel bedrijven?\n")
    assert (record.title, record.question) == ("Compensatie - Investeringsplicht",
                                               "Hoeveel bedrijven?")


def test_the_title_right_under_the_minister_block_at_the_top():
    text = ("aan BEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS\nTitel\n\nVraag?\n\nANTWOORD\n"
            "op vraag nr. 3 van 1 oktober 2022\nvan ANN DE VRIES\n\nJa.\n")
    record = parse(text)
    assert (record.minister, record.title, record.question) == ("Ben Weyts", "Titel", "Vraag?")


def test_a_signature_block_at_the_end_of_the_answer_is_not_the_answering_minister():
    record = parse(ANSWERED + "Ja.\n\nBEN WEYTS\nVLAAMS MINISTER VAN ONDERWIJS, SPORT\n")
    assert (record.question, record.portfolio) == ("Vraag?", "VLAAMS MINISTER VAN ONDERWIJS")


def test_in_a_document_that_marks_continuations_the_title_is_its_first_line():
    header = ("SCHRIFTELIJKE VRAAG\nnr. 412\nvan LOTTE PEETERS\ndatum: 3 maart 2025\n"
              "aan JONAS WILLEMS\nVLAAMS MINISTER VAN MOBILITEIT, OPENBARE WERKEN EN \nHAVENS\n")
    question = ("De gemeenten melden dat veel fietspaden langs gewestwegen in slechte staat "
                "zijn. \nFietsers wijken daardoor uit naar de rijbaan, wat gevaarlijke "
                "situaties geeft.\nDat moet beter.\n"
                "1.\nHoeveel kilometer fietspad werd vorig jaar hersteld?\n")
    answer = ("\nJONAS WILLEMS\nVLAAMS MINISTER VAN MOBILITEIT, OPENBARE WERKEN EN \nHAVENS\n"
              "ANTWOORD \nop vraag nr. 412 van 3 maart 2025\nvan LOTTE PEETERS\n"
              "1.\nDe fietspaden worden dit jaar hersteld.\nDe planning volgt.\n2.\n"
              "De cijfers:\nGent\n12\nLeuven\n7\n3\nBrugge\nx\n9\n")
    record = parse(header + "Fietspaden  -  Onderhoud\n" + question + answer)
    assert record.title == "Fietspaden - Onderhoud"
    # every logical line is a paragraph, in the question and in the answer
    assert record.question.split("\n\n") == [
        "De gemeenten melden dat veel fietspaden langs gewestwegen in slechte staat zijn. "
        "Fietsers wijken daardoor uit naar de rijbaan, wat gevaarlijke situaties geeft.",
        "Dat moet beter.", "1. Hoeveel kilometer fietspad werd vorig jaar hersteld?"]
    assert record.answer.split("\n\n") == [
        "1. De fietspaden worden dit jaar hersteld.", "De planning volgt.", "2. De cijfers:",
        "Gent\n12\nLeuven\n7\n3\nBrugge\nx\n9"]
    assert record.warnings == [
        "a table of 8 cells could not be shaped into rows; kept one cell a line"]


def test_minister_blocks_after_lines_that_only_look_like_one():
    (block,) = find_minister_blocks(["zie VLAAMS MINISTER VAN SPORT",
                                     "BEN WEYTS VLAAMS MINISTER VAN ONDERWIJS"])
    assert (block.first_line, block.name) == (1, "BEN WEYTS")
    (block,) = find_minister_blocks(["Tekst", "VLAAMS MINISTER VAN SPORT",
                                     "BEN WEYTS VLAAMS MINISTER VAN ONDERWIJS"])
    assert (block.first_line, block.name) == (2, "BEN WEYTS")
    assert find_minister_blocks(["Tekst", "zie VLAAMS MINISTER VAN SPORT", "meer"]) == []


def test_aan_right_above_the_name_and_the_answer_header_on_the_portfolio_line():
    (block,) = find_minister_blocks(["aan", "BEN WEYTS", "VLAAMS MINISTER VAN ONDERWIJS"])
    assert (block.first_line, block.last_line) == (0, 2)
    (block,) = find_minister_blocks(
        ["BEN WEYTS VLAAMS MINISTER VAN ONDERWIJS ANTWOORD op vraag nr. 3 van 1 oktober 2022"])
    assert (block.name, block.portfolio) == ("BEN WEYTS", "VLAAMS MINISTER VAN ONDERWIJS")
