"""The regression set of real documents (tests/data/real, see its README): every field.

The values below were read from the documents by hand (`cat -A`), not from the parser.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from index.documents.loader import load_records

REAL = Path(__file__).resolve().parent / "data" / "real"
PORTFOLIO_MP = ("MINISTER-PRESIDENT VAN DE VLAAMSE REGERING, VLAAMS MINISTER VAN ECONOMIE, "
                "INNOVATIE EN INDUSTRIE, BUITENLANDSE ZAKEN, DIGITALISERING EN FACILITAIR "
                "MANAGEMENT")
SEED_NOTE = ("[1] Art. 15, §1 Decr. Vl. 17 februari 2012 betreffende de ondersteuning van het "
             "ondernemerschap op het vlak van de sociale economie en de stimulering van het "
             "maatschappelijk verantwoord ondernemen, BS 26 maart 2012.")
JOINT = [{"minister": "Hilde Crevits", "number": 851}, {"minister": "Bart Somers", "number": 378}]

EXPECTED = {
    "000_a5f8e81f83ddaffe.txt": dict(
        id="2020-09-25-hilde-crevits-851", number=851, date="2020-09-25",
        asker="Allessia Claes", minister="Hilde Crevits",
        portfolio="VICEMINISTER-PRESIDENT VAN DE VLAAMSE REGERING, VLAAMS MINISTER VAN "
                  "ECONOMIE, INNOVATIE, WERK, SOCIALE ECONOMIE EN LANDBOUW",
        title="Sociale economie - Betrokkenheid en rol lokale besturen",
        answer_kind="coordinated", coordinator=None, joint=JOINT, footnotes=[SEED_NOTE],
        annexes=["BIJLAGE\nOverzicht regisseurs lokale sociale economie"],
        question=("Werk is voor ons allemaal,", "te motiveren en te versterken?"),
        answer=("1. U verwijst in uw vraagstelling", "binnen de beschikbare budgettaire middelen."),
    ),
    "002_fefc31c8e2672c2d.txt": dict(
        id="2020-09-25-bart-somers-378", number=378, date="2020-09-25",
        asker="Allessia Claes", minister="Bart Somers",
        portfolio="VICEMINISTER-PRESIDENT VAN DE VLAAMSE REGERING, VLAAMS MINISTER VAN "
                  "BINNENLANDS BESTUUR, BESTUURSZAKEN, INBURGERING EN GELIJKE KANSEN",
        title="Sociale economie - Betrokkenheid en rol lokale besturen",
        answer_kind="referral", coordinator="Hilde Crevits", joint=JOINT, footnotes=[SEED_NOTE],
        annexes=[],
        question=("Werk is voor ons allemaal,", "te motiveren en te versterken?"),
        answer=("Een gecoördineerd antwoord zal worden verstrekt door mevrouw Hilde Crevits,",
                "Innovatie, Werk, Sociale economie en Landbouw."),
    ),
    "vp_2025-2026_sv28_faraji_diependaele.txt": dict(
        id="2025-10-02-matthias-diependaele-28", number=28, date="2025-10-02",
        asker="Hiba Faraji", minister="Matthias Diependaele", portfolio=PORTFOLIO_MP,
        title="Compensatie indirecte emissiekosten - Investeringsplicht",
        answer_kind="answer", coordinator=None, joint=[], annexes=[],
        footnotes=["[1] ‘ICL’ of ‘indirect carbon leakage’ is een term die courant gebruik "
                   "wordt voor ‘CIE’.",
                   "[2] https://competition-policy.ec.europa.eu/system/files/2021-11/"
                   "kd0121322enn_ETS_efficiency_benchmarks.pdf"],
        question=("Vlaanderen geeft - met het fiat van de Europese Commissie - steun",
                  "10. Hoeveel steun is van 2020 tot en met 2024 teruggevorderd als gevolg van "
                  "het niet naleven van de voorwaarden?"),
        answer=("1. Het is belangrijk om het onderscheid te maken",
                "19.898.396 euro teruggevorderd omdat er niet (meer) aan de voorwaarden werd "
                "voldaan."),
    ),
    "vp_2025-2026_sv177_pieters_diependaele.txt": dict(
        id="2026-01-19-matthias-diependaele-177", number=177, date="2026-01-19",
        asker="Andy Pieters", minister="Matthias Diependaele", portfolio=PORTFOLIO_MP,
        title="Innovatiesteun - Limburg", answer_kind="answer", coordinator=None, joint=[],
        footnotes=[], annexes=[],
        question=("Innovatiesteun is een hefboom om het economische weefsel",
                  "Hoe is dat geëvolueerd t.o.v. 2024, 2023, 2022, 2021 en 2020?"),
        answer=("Voor het antwoord op deze vraag werden de steuninstrumenten",
                "en tabel 3b (4de kolom, inclusief Schaalklaar en ISS)."),
    ),
}


def record_of(name: str):
    (record,) = load_records(REAL / name, name)
    return record


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_field_of_a_real_document(name):
    want = dict(EXPECTED[name])
    got = record_of(name).to_json()
    q_first, q_last = want.pop("question")
    a_first, a_last = want.pop("answer")
    assert got["question"].startswith(q_first) and got["question"].endswith(q_last)
    assert got["answer"].startswith(a_first) and got["answer"].endswith(a_last)
    for key, value in want.items():
        assert got[key] == value, key
    assert got["warnings"] == []
    assert got["source"] == name


def test_parse_json_of_all_four_gives_no_warnings():
    result = CliRunner().invoke(cli, ["parse", *map(str, sorted(REAL.glob("*.txt"))), "--json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert sorted(item["id"] for item in items) == sorted(e["id"] for e in EXPECTED.values())
    assert all(item["warnings"] == [] for item in items)


def test_title_ends_where_its_line_ends_and_the_question_follows_at_once():
    record = record_of("vp_2025-2026_sv177_pieters_diependaele.txt")
    paragraphs = record.question.split("\n\n")
    assert paragraphs[0] == ("Innovatiesteun is een hefboom om het economische weefsel in "
                             "Vlaanderen te versterken, ondernemerschap te stimuleren en "
                             "technologische vernieuwing te versnellen.")
    assert [p[:3] for p in paragraphs[2:]] == ["1. ", "2. ", "3. ", "4. "]


def test_one_word_a_line_is_reflowed_and_bullets_are_list_items():
    record = record_of("vp_2025-2026_sv28_faraji_diependaele.txt")
    paragraphs = record.question.split("\n\n")
    items = [p for p in paragraphs if p.startswith("- ")]
    assert items == [
        "- de verlaging van de directe broeikasgasemissies of de verlaging van het "
        "energieverbruik van de processen in één of meerdere exploitatiezetels van de "
        "onderneming in het Vlaamse Gewest of",
        "- de productie van hernieuwbare energie of flexibel elektriciteitsverbruik ter "
        "ondersteuning in het Vlaamse Gewest"]
    assert "werd geïnvesteerd twee euro teruggevorderd.” (VLAIO, informatie over de " \
        "investeringsverplichting. Versie september 2024)" in record.question
    assert "milieu- en energieregelgeving" in record.question  # space after the hyphen kept


def test_glued_markers_footnotes_at_page_ends_and_grouped_replies():
    record = record_of("vp_2025-2026_sv28_faraji_diependaele.txt")
    assert "‘indirect carbon leakage[1] in een internationale vergelijking’" in record.answer
    assert "(hier[2] kan u de studie terugvinden)" in record.answer
    assert "‘ICL’ of" not in record.answer and "https://" not in record.answer
    paragraphs = record.answer.split("\n\n")
    assert any(p.startswith("8, 9. De benchmarks werden bepaald") for p in paragraphs)
    assert any(p.startswith("c) VLAIO bepaalt, eventueel na advies") for p in paragraphs)
    # the footnote at the foot of page 2 no longer splits reply 6 from reply 7
    six = next(p for p in paragraphs if p.startswith("6. "))
    assert six.endswith("van het Energiebesluit kan toestaan.")


def test_tables_one_cell_a_line_become_row_blocks():
    record = record_of("vp_2025-2026_sv177_pieters_diependaele.txt")
    tables = [p for p in record.answer.split("\n\n") if " | " in p]
    assert len(tables) == 5  # Tabel 1, 2a, 2b, 3a, 3b
    first = tables[0].split("\n")
    assert first[1:] == ["2020 | 70 | 688 | 10,17%", "2021 | 48 | 531 | 9,04%",
                         "2022 | 38 | 371 | 10,24%", "2023 | 34 | 380 | 8,95%",
                         "2024 | 36 | 394 | 9,14%", "2025 | 34 | 388 | 8,76%"]
    # an empty cell keeps its place in the row
    assert "2023 | 5 | 85 | 5,88% | 28 | 287 | 9,76% |  | 2 | 0,00%" in tables[2].split("\n")
    # words broken inside narrow header cells are mended; the euro sign stays with its amount
    third = tables[2 + 1].split("\n")
    assert third[0] == ("Jaar Beslissing | Toegekende steun aan Limburgse KMO | aantal Limburgse "
                        "KMO | Toegekende steun aan Limburgse bedrijven | Toegekende Steun aan "
                        "bedrijven in Vlaanderen | % steun KMO Limburg / totaal Limburg | "
                        "% steun KMO Limburg / totaal Vlaanderen")
    assert third[1] == ("2020 | € 14.282.612,00 | 57 | € 22.346.512,00 | € 256.795.549,00 | "
                        "63,91% | 5,56%")
    assert len(third) == 7
    # the caption before a table stays a sentence of its own
    assert "Tabel 3a geeft de evolutie weer voor de periode 2020-2025." in \
        record.answer.split("\n\n")
