"""Real documents as users drop them in: other layouts, Windows-1252 and PDF files."""

from __future__ import annotations

from index.documents.loader import load_records
from tests.conftest import SEED_COORDINATED, SEED_REFERRAL
from tests.pdfs import make_pdf
from tests.test_parser import LAYOUT3


def test_seed_as_a_two_page_pdf_gives_the_same_record(tmp_path):
    text = SEED_COORDINATED.read_text(encoding="utf-8")
    lines = text.split("\n")
    half = len(lines) // 2
    path = make_pdf(tmp_path / "vraag.pdf", ["\n".join(lines[:half]), "\n".join(lines[half:])])
    (from_pdf,) = load_records(path)
    (from_text,) = load_records(SEED_COORDINATED)
    assert (from_pdf.id, from_pdf.asker, from_pdf.minister, from_pdf.answer_kind) == \
        (from_text.id, from_text.asker, from_text.minister, from_text.answer_kind)
    assert from_pdf.joint == from_text.joint
    assert from_pdf.title == from_text.title
    assert " ".join(from_pdf.question.split()) == " ".join(from_text.question.split())
    assert from_pdf.annexes == from_text.annexes


def test_layout_three_as_pdf_and_as_windows_1252(tmp_path):
    pdf = make_pdf(tmp_path / "nieuw.pdf", LAYOUT3)
    cp1252 = tmp_path / "nieuw.txt"
    cp1252.write_bytes(LAYOUT3.replace("buitengewoon", "buitengewoon (gecoördineerd)")
                       .encode("cp1252"))
    (a,) = load_records(pdf)
    (b,) = load_records(cp1252)
    assert a.id == b.id == "2024-02-05-jan-de-smet-112"
    assert "werkings- en projectsubsidies" in a.question
    assert "(gecoördineerd)" in b.question


def test_referral_seed_in_windows_1252_keeps_its_accents(tmp_path):
    path = tmp_path / "referral.txt"
    path.write_bytes(SEED_REFERRAL.read_text(encoding="utf-8").encode("cp1252"))
    (record,) = load_records(path)
    assert record.coordinator == "Hilde Crevits"
    assert "gecoördineerd" in record.answer
    assert "§1 Decr. Vl." in record.footnotes[0]
