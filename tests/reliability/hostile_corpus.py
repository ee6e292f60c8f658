"""Build a folder of hostile files next to good ones, and say what each should become.

`build(folder)` returns (good, bad): the file names that must be indexed, and for each bad
file a word its one-line reason must contain. Everything is generated: no binary fixture
lives in the repository.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from reliability_support import ROOT

from tests.pdfs import make_image_only_pdf, make_pdf

SEEDS = [ROOT / "corpus" / "000_a5f8e81f83ddaffe.txt", ROOT / "corpus" / "002_fefc31c8e2672c2d.txt"]
FIFTY_MB = 50 * 1024 * 1024
BIG_PDF_PAD = 40 * 1024 * 1024
LATIN1_NAME = b"vraag-\xe9\xe9n-caf\xe9.txt"  # a Windows-1252 name: not UTF-8
BAD_LATIN1_NAME = b"leeg-\xff.txt"
MIXED_CP1252 = "Dit stuk komt uit een ouder programma: één café creëert ’n idee."
MIXED_UTF8 = "Dit stuk is UTF-8: één café creëert ’n idee."


def synth_texts(count: int, seed: int) -> list[str]:
    """`count` synthetic question files as text (each a good document)."""
    import tempfile

    from synth.generator import generate

    with tempfile.TemporaryDirectory() as tmp:
        generate(count, seed, tmp)
        return [_decode(p.read_bytes()) for p in sorted(Path(tmp).glob("*.txt"))]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def big_answer() -> str:
    """The coordinated seed (renumbered) with 4.4 MB of answer text."""
    paragraph = ("De sociale economie groeit en de lokale besturen werken mee aan de "
                 "sociale economie. " * 20 + "\n\n")
    text = SEEDS[0].read_text(encoding="utf-8").replace("851", "999")
    return text.replace("Werk is voor ons allemaal", paragraph * 2600 + "Werk is voor ons "
                        "allemaal", 1)


def padded_pdf(path: Path, text: str, pad: int) -> Path:
    """A valid PDF of `text`, grown by `pad` bytes of an unused stream (incremental update)."""
    make_pdf(path, _pages(text))
    original = path.read_bytes()
    startxref = int(re.findall(rb"startxref\s+(\d+)", original)[-1])
    size = int(re.findall(rb"/Size (\d+)", original)[-1])
    root = re.findall(rb"/Root (\d+ \d+ R)", original)[-1].decode()
    with open(path, "ab") as out:
        offset = len(original)
        out.write(f"{size} 0 obj\n<< /Length {pad} >>\nstream\n".encode())
        chunk = os.urandom(1 << 20)
        for _ in range(pad // len(chunk)):
            out.write(chunk)
        out.write(b"\nendstream\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n{size} 1\n{offset:010d} 00000 n \ntrailer\n<< /Size {size + 1} "
                  f"/Root {root} /Prev {startxref} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return path


def _pages(text: str, lines_per_page: int = 55) -> list[str]:
    lines = text.split("\n")
    return ["\n".join(lines[i:i + lines_per_page]) for i in range(0, len(lines), lines_per_page)]


def build(folder: Path) -> tuple[list[str], dict[str, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    texts = synth_texts(8, 4242)
    good: list[str] = []
    bad: dict[str, str] = {}

    for seed in SEEDS:  # the two real documents
        shutil.copy(seed, folder / seed.name)
        good.append(seed.name)
    (folder / "utf8.txt").write_text(texts[0], encoding="utf-8")
    (folder / "windows-1252.txt").write_bytes(texts[1].encode("cp1252"))
    good += ["utf8.txt", "windows-1252.txt"]
    # Mixed encodings in one file: UTF-8, with one paragraph pasted in from a Windows tool.
    head, _, tail = texts[2].partition("\n\n")
    mixed = head.encode("utf-8") + b"\n\n" + MIXED_CP1252.encode("cp1252") + b"\n\n" \
        + MIXED_UTF8.encode("utf-8") + b"\n\n" + tail.encode("utf-8")
    (folder / "mixed-encodings.txt").write_bytes(mixed)
    good.append("mixed-encodings.txt")
    # A very long line: a table flattened into one 1 MB line in an annex.
    (folder / "long-line.txt").write_text(
        texts[3].rstrip() + "\n\nBIJLAGE\n" + "kolom | waarde | " * 60_000 + "\n", encoding="utf-8")
    good.append("long-line.txt")
    # A valid question whose answer is 4.4 MB of text (under the 5 MB limit).
    (folder / "big-answer.txt").write_text(big_answer(), encoding="utf-8")
    good.append("big-answer.txt")
    # A PDF, an owner-locked PDF (no password needed to read) and a 40 MB PDF.
    make_pdf(folder / "vraag.pdf", _pages(texts[4]))
    make_pdf(folder / "owner-locked.pdf", _pages(texts[5]), owner_password="eigenaar")
    padded_pdf(folder / "big.pdf", texts[6], BIG_PDF_PAD)
    good += ["vraag.pdf", "owner-locked.pdf", "big.pdf"]
    # A good document whose file name is not UTF-8.
    with open(os.fsencode(folder) + b"/" + LATIN1_NAME, "wb") as out:
        out.write(texts[7].encode("utf-8"))
    good.append(os.fsdecode(LATIN1_NAME))

    (folder / "empty.txt").write_bytes(b"")
    bad["empty.txt"] = "empty"
    (folder / "blank.txt").write_bytes(b" \n\t\r\n  \n")
    bad["blank.txt"] = "empty"
    (folder / "binary.txt").write_bytes(os.urandom(200_000))
    bad["binary.txt"] = "binary"
    (folder / "not-a-pdf.pdf").write_bytes(os.urandom(50_000))
    bad["not-a-pdf.pdf"] = "PDF"
    with open(folder / "huge.txt", "wb") as out:  # 50 MB of real text: too large to be one
        line = (texts[0].replace("\n", " ")[:1000] + "\n").encode()
        while out.tell() < FIFTY_MB:
            out.write(line)
    bad["huge.txt"] = "too large"
    with open(folder / "huge.pdf", "wb") as out:
        out.write(b"%PDF-1.4\n")
        out.truncate(FIFTY_MB)
    bad["huge.pdf"] = "too large"
    whole = (folder / "vraag.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    bad["truncated.pdf"] = "PDF"
    (folder / "garbage.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R"
                                         b" >>\n" + os.urandom(4000) + b"\n%%EOF\n")
    bad["garbage.pdf"] = "PDF"
    make_pdf(folder / "encrypted.pdf", _pages(texts[4]), user_password="geheim")
    bad["encrypted.pdf"] = "encrypted"
    make_image_only_pdf(folder / "scan.pdf")
    bad["scan.pdf"] = "no text"
    (folder / "utf16.txt").write_bytes(texts[0].encode("utf-16"))
    bad["utf16.txt"] = "UTF-16"
    (folder / "koi8-r.txt").write_bytes(("Письменный вопрос о социальной экономике. " * 200)
                                        .encode("koi8-r"))
    bad["koi8-r.txt"] = "not UTF-8"
    (folder / "one-line.txt").write_text("sociale economie " * 280_000, encoding="utf-8")
    bad["one-line.txt"] = ""  # any reason: it is no question (4.8 MB on one line)
    (folder / "not-a-question.txt").write_text("Boodschappenlijst:\nbrood\nmelk\n")
    bad["not-a-question.txt"] = ""
    shutil.copy(SEEDS[1], folder / "zz-copy-of-referral.txt")  # same document, another name
    bad["zz-copy-of-referral.txt"] = "duplicate"
    with open(os.fsencode(folder) + b"/" + BAD_LATIN1_NAME, "wb"):
        pass
    bad[os.fsdecode(BAD_LATIN1_NAME)] = "empty"

    loops = folder / "zz-links"  # walked last: the alias comes after its target
    loops.mkdir()
    (loops / "again").symlink_to(folder)  # a directory loop: walked once, not forever
    (loops / "self.txt").symlink_to(loops / "self.txt")  # a link to itself (ELOOP)
    (loops / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (loops / "alias.txt").symlink_to(folder / "utf8.txt")  # the same file: once
    bad["zz-links/self.txt"] = "symbolic link"
    bad["zz-links/dangling.txt"] = "symbolic link"
    os.mkfifo(folder / "pipe.txt")  # opening it for reading would wait for a writer forever
    bad["pipe.txt"] = "not a regular file"
    return good, bad
