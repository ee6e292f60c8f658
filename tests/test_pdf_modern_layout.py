"""PDFs laid out like the 2024-2026 documents, read through pdftotext and through pypdf:
both give the same, right record (docs/cleaning.md says why both are needed)."""

from __future__ import annotations

import shutil

import pytest

from index.documents import readers
from index.documents.loader import load_records
from tests.pdfs import ModernPdf, unicode_font

HAS_PDFTOTEXT = shutil.which(readers.PDFTOTEXT) is not None
INTRO = ("Steeds meer gemeenten melden dat de fietspaden langs de gewestwegen in slechte "
         "staat zijn. Fietsers wijken daardoor uit naar de rijbaan, wat tot gevaarlijke "
         "situaties leidt, zeker in de wintermaanden wanneer het vroeg donker wordt.")
REPLY = ("Het Agentschap Wegen en Verkeer herstelt de fietspaden volgens het "
         "vademecum fietsvoorzieningen1 en de meerjarenplanning die samen met de "
         "provincies werd opgesteld. De middelen daarvoor werden in de voorbije jaren "
         "telkens verhoogd.")


def build(path):
    pdf = ModernPdf()
    for text in ("SCHRIFTELIJKE VRAAG", "nr. 412", "van LOTTE PEETERS", "datum: 3 maart 2025",
                 "aan JONAS WILLEMS", "VLAAMS MINISTER VAN MOBILITEIT EN OPENBARE WERKEN",
                 "Fietspaden langs gewestwegen  -  Onderhoud"):
        pdf.line(text)
    pdf.paragraph(INTRO)
    pdf.paragraph("De gemeenten vragen twee zaken:")
    pdf.paragraph("een versneld herstel van de bestaande fietspaden langs de drukste "
                  "gewestwegen in elke provincie, en", indent=8, bullet="•")
    pdf.paragraph("een duidelijke planning.", indent=8, bullet="•")
    pdf.paragraph("1. Hoeveel kilometer fietspad werd in 2024 hersteld?")
    pdf.paragraph("2. Welke planning volgt de minister voor 2025?")
    pdf.line("")
    for text in ("JONAS WILLEMS", "VLAAMS MINISTER VAN MOBILITEIT EN OPENBARE WERKEN",
                 "ANTWOORD", "op vraag nr. 412 van 3 maart 2025", "van LOTTE PEETERS"):
        pdf.line(text)
    pdf.paragraph("1. " + REPLY)
    pdf.paragraph("De herstelde lengte per jaar:")
    pdf.table([["Jaar", "Hersteld", "Aandeel"], ["2022", "41", "12,5%"],
               ["2023", "38", "11,0%"], ["2024", "52", "14,2%"]])
    pdf.footnote("1 Het vademecum van het agentschap, uitgave 2023.")
    pdf.paragraph("2. De planning voor 2025 wordt in het voorjaar voorgesteld aan de "
                  "commissie voor Mobiliteit en Openbare Werken van het Vlaams Parlement.")
    return pdf.save(path)


@pytest.fixture(params=["pdftotext", "pypdf"])
def tool(request, monkeypatch):
    if request.param == "pdftotext" and not HAS_PDFTOTEXT:
        pytest.skip("poppler-utils not installed")
    if request.param == "pypdf":
        monkeypatch.setattr(readers, "PDFTOTEXT", "no-such-pdftotext")
    return request.param


@pytest.mark.skipif(unicode_font() is None, reason="needs a Unicode font for the bullet")
def test_modern_layout_pdf_gives_the_right_record(tmp_path, tool):
    (record,) = load_records(build(tmp_path / "sv412.pdf"), "sv412.pdf")
    assert (record.number, record.date, record.asker, record.minister) == \
        (412, "2025-03-03", "Lotte Peeters", "Jonas Willems")
    assert record.portfolio == "VLAAMS MINISTER VAN MOBILITEIT EN OPENBARE WERKEN"
    assert record.title == "Fietspaden langs gewestwegen - Onderhoud"
    assert record.question.split("\n\n") == [
        INTRO, "De gemeenten vragen twee zaken:",
        "- een versneld herstel van de bestaande fietspaden langs de drukste gewestwegen "
        "in elke provincie, en",
        "- een duidelijke planning.",
        "1. Hoeveel kilometer fietspad werd in 2024 hersteld?",
        "2. Welke planning volgt de minister voor 2025?"]
    assert record.answer.split("\n\n") == [
        "1. " + REPLY.replace("fietsvoorzieningen1", "fietsvoorzieningen[1]"),
        "De herstelde lengte per jaar:",
        "Jaar Hersteld Aandeel\n2022 | 41 | 12,5%\n2023 | 38 | 11,0%\n2024 | 52 | 14,2%",
        "2. De planning voor 2025 wordt in het voorjaar voorgesteld aan de commissie voor "
        "Mobiliteit en Openbare Werken van het Vlaams Parlement."]
    assert record.footnotes == ["[1] Het vademecum van het agentschap, uitgave 2023."]
    assert record.answer_kind == "answer" and record.warnings == []
