"""Reading corpus files: encodings, rejects with one-line reasons, PDFs, directory walks."""

from __future__ import annotations

import os
import random
import shutil
import sys
from pathlib import Path

import pytest

from index.documents import readers
from index.documents.model import ReadError
from index.documents.readers import iter_corpus_files, printable_path, read_document

try:
    from tests.pdfs import make_image_only_pdf, make_pdf, unicode_font
except ImportError:  # tests/ is not a package: pytest put it on sys.path itself
    from pdfs import make_image_only_pdf, make_pdf, unicode_font

DUTCH = "Coördinatie van § 1: de minister creëert één ‘regierol’ – financiële steun."
SEED_LINES = [
    "Sociale economie - Betrokkenheid en rol lokale besturen",
    "Werk is voor ons allemaal, en zeker voor de allerzwaksten in de samenleving, erg",
    "2. Welke diensten of opdrachten laten steden en gemeentes uitvoeren door sociaal-",
    "economische organisaties? Dat creéert kansen, ook voor de dienstenecono-",
    "mie, met ideeën voor de werkings-",
    "en projectsubsidies van OCMW’s.",
]
# The bundled corpus: real documents, the design's seeds among them.
SEEDS = sorted((Path(__file__).resolve().parents[1] / "corpus").glob("*.txt"))
HAS_PDFTOTEXT = shutil.which(readers.PDFTOTEXT) is not None


def _read(tmp_path, data: bytes, name: str = "doc.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path)


def _reason(tmp_path, data: bytes, name: str = "doc.txt") -> str:
    with pytest.raises(ReadError) as caught:
        _read(tmp_path, data, name)
    return str(caught.value)


def test_utf8(tmp_path):
    assert _read(tmp_path, DUTCH.encode()) == DUTCH


def test_utf8_with_bom(tmp_path):
    assert _read(tmp_path, b"\xef\xbb\xbf" + DUTCH.encode()) == DUTCH


def test_cp1252_decodes_to_the_right_characters(tmp_path):
    text = "Coördinatie van § 1: de minister creëert één ‘regierol’ voor OCMW’s."
    assert _read(tmp_path, text.encode("cp1252")) == text


@pytest.mark.parametrize("data", [
    bytes(b | 0x80 for b in random.Random(7).randbytes(2000)) + b"\x81\x90",
    "Coördinatie en één creëert".encode("cp1252") + b" \x81 \x90",
    "Hallo wereld, coördinatie.".encode("utf-16"),
    "Hallo wereld, coördinatie.".encode("utf-16-le"),
    # Decodes in cp1252, but as noise, not as Dutch text.
    bytes(b | 0xC0 for b in random.Random(8).randbytes(500)),
])
def test_neither_utf8_nor_cp1252_is_rejected(tmp_path, data):
    assert _reason(tmp_path, data).startswith("not UTF-8 or Windows-1252 text")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    b"PK\x03\x04" + random.Random(9).randbytes(3000),
    b"text \x01\x02\x03\x04\x05\x06 with controls " * 20,
])
def test_binary_is_rejected(tmp_path, data):
    assert _reason(tmp_path, data) == "binary file, not text"


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  ", b"\xef\xbb\xbf\n", "\u00a0\n".encode()])
def test_empty_is_rejected(tmp_path, data):
    assert _reason(tmp_path, data) == "empty file"


def test_over_limit_is_rejected_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_TEXT_BYTES", 1000)
    assert _reason(tmp_path, b"woord " * 400) == "file too large: 2400 bytes, limit 1000 bytes"
    monkeypatch.setattr(readers, "MAX_TEXT_BYTES", 2_000_000)
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(3_000_000)  # sparse: never read
    with pytest.raises(ReadError, match=r"^file too large: 3\.0 MB, limit 2\.0 MB$"):
        read_document(path)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seeds_in_both_encodings(tmp_path, seed):
    text = seed.read_text(encoding="utf-8")
    assert _read(tmp_path, text.encode("utf-8")) == text
    assert _read(tmp_path, text.replace("\n", "\r\n").encode("cp1252")) == text


def test_newlines_form_feeds_and_nfc(tmp_path):
    data = "a\r\nb\rc\fd\ne\u0301".encode()
    assert _read(tmp_path, data) == "a\nb\nc\nd\né"


def test_vanished_file(tmp_path):
    with pytest.raises(ReadError, match="^file vanished$"):
        read_document(tmp_path / "gone.txt")


def test_directory_is_not_a_document(tmp_path):
    with pytest.raises(ReadError, match="directory"):
        read_document(tmp_path)


# --- PDF ---------------------------------------------------------------------------

@pytest.fixture(params=["pdftotext", "pypdf"])
def pdf_tool(request, monkeypatch):
    """Run each PDF test with poppler (where installed) and with the pypdf fallback."""
    if request.param == "pdftotext" and not HAS_PDFTOTEXT:
        pytest.skip("poppler-utils not installed")
    if request.param == "pypdf":
        monkeypatch.setattr(readers, "PDFTOTEXT", "no-such-pdftotext")
    return request.param


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _no_pypdf(path):
    raise readers.ReadError("pypdf not available in this test")


def test_pdf_text_keeps_lines_and_line_end_hyphens(tmp_path, pdf_tool, monkeypatch):
    if pdf_tool == "pdftotext":  # no silent fallback: poppler itself must read it
        monkeypatch.setattr(readers, "_pypdf_text", _no_pypdf)
    path = make_pdf(tmp_path / "doc.pdf", ["\n".join(SEED_LINES), "Tweede pagina."])
    lines = _lines(read_document(path))
    expected = SEED_LINES if unicode_font() else [s.replace("’", "'") for s in SEED_LINES]
    assert lines[: len(SEED_LINES)] == expected
    assert lines[-1] == "Tweede pagina."
    assert "\f" not in read_document(path)


def test_pdf_detected_by_content_whatever_the_name(tmp_path, pdf_tool):
    pdf = make_pdf(tmp_path / "doc.pdf", "Een vraag over de regierol.")
    renamed = pdf.rename(tmp_path / "doc.txt")
    assert _lines(read_document(renamed)) == ["Een vraag over de regierol."]


def test_encrypted_pdf(tmp_path, pdf_tool):
    path = make_pdf(tmp_path / "locked.pdf", "Geheim.", user_password="geheim",
                    owner_password="eigenaar")
    with pytest.raises(ReadError, match="^PDF is encrypted$"):
        read_document(path)


def test_pdf_with_only_an_owner_password_is_read(tmp_path, pdf_tool):
    path = make_pdf(tmp_path / "owner.pdf", "Openbaar antwoord.", owner_password="eigenaar")
    assert _lines(read_document(path)) == ["Openbaar antwoord."]


@pytest.mark.parametrize("keep", [0.5, 0.05])
def test_truncated_pdf_is_malformed(tmp_path, pdf_tool, keep):
    data = make_pdf(tmp_path / "whole.pdf", "\n".join(SEED_LINES)).read_bytes()
    path = tmp_path / "broken.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(ReadError, match="^PDF is malformed: "):
        read_document(path)


def test_pdf_without_text_layer(tmp_path, pdf_tool):
    path = make_image_only_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ReadError, match=r"^PDF has no text layer \(scanned\?\)$"):
        read_document(path)


def test_pdf_over_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_PDF_BYTES", 100)
    path = make_pdf(tmp_path / "doc.pdf", "Tekst.")
    with pytest.raises(ReadError, match=r"^file too large: \d+ bytes, limit 100 bytes$"):
        read_document(path)


# --- walking the corpus ------------------------------------------------------------

def _touch(path, text="Tekst.\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_iter_corpus_files_nested_sorted_hidden_and_suffixes(tmp_path):
    for name in ["b/2.txt", "b/1.pdf", "a.txt", "c/d/e.TXT", "c/notes.md", ".hidden.txt",
                 ".git/x.txt", "b/.swap.txt", "b/c.docx"]:
        _touch(tmp_path / name)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_corpus_files([tmp_path])]
    assert found == ["a.txt", "b/1.pdf", "b/2.txt", "c/d/e.TXT"]


def test_iter_corpus_files_yields_given_files_once(tmp_path):
    a = _touch(tmp_path / "a.txt")
    odd = _touch(tmp_path / "odd.name")
    assert list(iter_corpus_files([a, odd, tmp_path, a])) == [a, odd]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_symlink_loops_neither_hang_nor_crash(tmp_path):
    _touch(tmp_path / "docs/a.txt")
    (tmp_path / "docs/loop").symlink_to(tmp_path / "docs")  # directory loop
    (tmp_path / "docs/self.txt").symlink_to(tmp_path / "docs/self.txt")  # ELOOP
    (tmp_path / "docs/dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "docs/alias.txt").symlink_to(tmp_path / "docs/a.txt")
    found = list(iter_corpus_files([tmp_path / "docs"]))
    assert [p.name for p in found] == ["a.txt"]


@pytest.mark.skipif(sys.platform != "linux", reason="bytes file names")
def test_non_utf8_file_name(tmp_path):
    directory = os.fsencode(tmp_path / "raw")
    os.mkdir(directory)
    fd = os.open(directory + b"/caf\xe9 \xff.txt", os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, "Vraag over één café.".encode())
    os.close(fd)
    [path] = iter_corpus_files([tmp_path / "raw"])
    assert read_document(path) == "Vraag over één café."
    shown = printable_path(path)
    assert shown.endswith("caf\\xe9 \\xff.txt") and shown.isprintable()
    assert printable_path("a\nb.txt") == "a\\nb.txt"
