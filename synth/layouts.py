"""Print one file: the four header layouts, page breaks and whitespace artefacts.

Layout 4 (`render_modern`) is the PDF-extractor text of 2024-2026 documents: one header
item a line (`SCHRIFTELIJKE VRAAG` / `nr. N` / `van ASKER` / `datum: DATE` / `aan NAME`),
a space at the end of every line that goes on and on no other (a word split at a line end
has none), the title followed at once by the question, no blank lines between paragraphs,
some justified lines one word a line, reply numbers and bullets alone on a line, tables
one cell a line (an empty cell a whitespace-only line), footnote markers glued to their
word with the footnote text where the page ends (then a blank line), a URL in a footnote
broken over two lines, `ANTWOORD ` with a trailing space, annexes as `BIJLAGE` /
`SV N – Bijlage 1`. A page break is a blank line, never a page number. What it adds to
the clean text (tables as `a | b` rows, `- ` list items, `[n]` markers) comes from
`text.modern_answer`.

Page breaks: every 44-56 printed lines, at a blank line between blocks or between two lines
of a long body paragraph, the text gets a page-number line (just the number) and then the
running header `Vlaams Parlement — Schriftelijke vraag nr. N` (N = this file's number).
Between blocks they sit between blank lines; inside a paragraph they sit between its lines,
possibly between the halves of a split word. No page break falls inside the annexes.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from dataclasses import dataclass

from index.documents.dates import format_dutch_date
from synth.people import Person, Seat
from synth.text import Footnote, Paragraph, Question, Table
from synth.wrap import simple_wrap, wrap

RUNNING_HEADER = "Vlaams Parlement — Schriftelijke vraag nr. {number}"
_LABEL = re.compile(r"\d+(-\d+)?\.")


@dataclass
class Style:
    """How one file's extraction went: widths and the rate of each artefact."""

    width: int
    hyphenate: float  # chance that a word crossing the margin is split
    trailing: float  # chance that a line ends in a space (1.0: every line, as in seed 002)
    double: float  # chance that a line holds a doubled space
    leading: float  # chance that a line starts with a space
    misread: bool  # `§1` -> `81`, `Vl.` -> `VI.` in footnotes
    compact_list: bool  # numbered sub-questions on consecutive lines, no blank between
    compact_notes: bool  # footnotes on consecutive lines

    @classmethod
    def draw(cls, rng: random.Random) -> Style:
        return cls(
            width=rng.randint(80, 92),
            hyphenate=rng.choice((0.0, 0.3, 0.6, 0.9)),
            trailing=rng.choice((0.0, 0.0, 0.05, 1.0)),
            double=rng.choice((0.0, 0.01, 0.04)),
            leading=rng.choice((0.0, 0.0, 0.02)),
            misread=rng.random() < 0.5,
            compact_list=rng.random() < 0.15,
            compact_notes=rng.random() < 0.5,
        )


@dataclass
class FileSpec:
    """Everything printed in one file, in clean form."""

    layout: int  # 1, 2, 3, or 4 (the 2024-2026 extraction, see render_modern)
    number: int
    date: dt.date
    asker: Person
    seat: Seat
    kind: str  # answer, coordinated, referral, none
    question: Question
    joint: Paragraph | None
    answer: list[Paragraph]
    annexes: list[list[list[str]]]


class _Printer:
    """Collects printed lines and marks where a page may break after each of them."""

    def __init__(self, style: Style, rng: random.Random):
        self.style, self.rng = style, rng
        self.lines: list[str] = []
        self.breaks: list[int] = []  # 0: no break after this line, 1: inside a paragraph, 2: blank
        self.annex = False

    def line(self, words: list[str], inside_ok: bool = False) -> None:
        rng, style = self.rng, self.style
        text = " ".join(words)
        if style.double and len(words) > 1 and rng.random() < style.double:
            at = rng.randint(1, len(words) - 1)
            text = " ".join(words[:at]) + "  " + " ".join(words[at:])
        if style.leading and rng.random() < style.leading:
            text = " " + text
        if style.trailing and (style.trailing >= 1 or rng.random() < style.trailing):
            text += " "
        self.lines.append(text)
        self.breaks.append(1 if inside_ok and not self.annex else 0)

    def gap(self, count: int = 0) -> None:
        rng = self.rng
        count = count or rng.choices((1, 2, 3), (85, 10, 5))[0]
        for _ in range(count):
            self.lines.append(" " if rng.random() < 0.04 else "")
            self.breaks.append(0)
        if not self.annex:
            self.breaks[-1] = 2

    def paragraph(self, words: list[str], body: bool = True, width: int = 0) -> None:
        style = self.style
        lines = wrap(words, width or style.width, self.rng, style.hyphenate)
        for index, line in enumerate(lines):
            self.line(line, inside_ok=body and len(lines) >= 3 and index < len(lines) - 1)

    def header(self, parts: list[list[str]], natural: list[int]) -> None:
        """Header parts on lines grouped as `natural`, or all joined, or spread out."""
        rng = self.rng
        choice = rng.random()
        if choice < 0.7:
            groups, at = [], 0
            for size in natural:
                groups.append([w for part in parts[at:at + size] for w in part])
                at += size
        elif choice < 0.8:
            groups = [[w for part in parts for w in part]]
        elif choice < 0.9:
            groups = [list(part) for part in parts]
        else:  # break between any words, never before a number
            words = [w for part in parts for w in part]
            cuts = [i for i in range(1, len(words)) if not words[i][0].isdigit()]
            chosen = sorted(rng.sample(cuts, min(len(cuts), rng.randint(1, 3))))
            groups = [words[a:b] for a, b in zip([0, *chosen], [*chosen, len(words)], strict=True)]
        for group in groups:
            self.line(group)

    def page_breaks(self, number: int) -> list[str]:
        """The lines with page numbers and running headers inserted."""
        rng, style, lines = self.rng, self.style, self.lines
        header = RUNNING_HEADER.format(number=number)
        if style.trailing >= 1:
            header += " "
        # Templates repeat whole lines more often than real text does; a repeated line right
        # beside a page break would look like page furniture, so no break goes there.
        seen = Counter(" ".join(text.split()) for text in lines)
        out: list[str] = []
        page, since, target = 1, 0, rng.randint(44, 56)
        for index, (text, mark) in enumerate(zip(lines, self.breaks, strict=True)):
            out.append(text)
            since += 1
            if since < target or not mark:
                continue
            if mark == 1 and (seen[" ".join(text.split())] > 1
                              or seen[" ".join(lines[index + 1].split())] > 1):
                continue
            out += [str(page), header]
            if mark == 2:
                out.append("")
            page, since, target = page + 1, 0, rng.randint(44, 56)
        return out


def render(spec: FileSpec, style: Style, rng: random.Random, notes: list | None = None) -> str:
    """The printed text of one file (`notes`: the answer's footnotes, layout 4 only)."""
    if spec.layout == 4:
        return render_modern(spec, rng, notes or [])
    out = _Printer(style, rng)
    seat, name = spec.seat, spec.seat.person.caps.split()
    portfolio = seat.portfolio.split()
    date = format_dutch_date(spec.date).split()
    asker = spec.asker.caps.split()
    if spec.layout == 1:
        _title(out, spec.question.title)
    elif spec.layout == 2:
        if rng.random() < 0.8:
            out.line([(" aan" if rng.random() < 0.5 else "aan"), *name])
        else:
            out.line(["aan"])
            out.line(name)
        _portfolio(out, portfolio)
        out.gap()
        _title(out, spec.question.title)
    else:
        out.header([["SCHRIFTELIJKE", "VRAAG"], ["nr.", str(spec.number)], ["van", *asker],
                    ["datum:", *date]], [3, 1])
        out.gap()
        _minister(out, name, portfolio)
        out.gap()
        _title(out, spec.question.title)
    _question(out, spec.question)
    if spec.joint:
        out.gap()
        out.paragraph(spec.joint, body=False)
    if spec.kind != "none":
        out.gap(rng.randint(1, 3))
        _minister(out, name, portfolio)
        out.gap()
        first = {"coordinated": ["GECOORDINEERD" if rng.random() < 0.5 else "GECOÖRDINEERD",
                                 "ANTWOORD"]}.get(spec.kind, ["ANTWOORD"])
        parts = [first, ["op", "vraag", "nr.", str(spec.number)], ["van", *date],
                 ["van", *asker]]
        out.header(parts, [4] if spec.layout == 3 else [1, 2, 1])
        for paragraph in spec.answer:
            out.gap()
            if _LABEL.fullmatch(paragraph[0]) and len(paragraph) > 1 and rng.random() < 0.2:
                out.line(paragraph[:1])  # `1.` alone, a blank line, then its text (seed 000)
                out.gap(1)
                out.breaks[-1] = 0
                paragraph = paragraph[1:]
            out.paragraph(paragraph)
        for annex in spec.annexes:
            out.gap()
            _annex(out, annex)
    text = "\n".join(out.page_breaks(spec.number))
    return text + rng.choice(("\n", "\n", "\n", "\n\n", "\n ", ""))


def _title(out: _Printer, words: list[str]) -> None:
    rng = out.rng
    spaced = rng.random() < 0.2  # `Sociale economie  -  Betrokkenheid`, as in seed 002
    lines = wrap(words, 95, rng) if len(" ".join(words)) > 95 else [words]
    for index, line in enumerate(lines):
        text = " ".join(line)
        if spaced:
            text = text.replace(" - ", "  -  ")
        out.line([(" " if index == 0 and rng.random() < 0.3 else "") + text])


def _portfolio(out: _Printer, words: list[str]) -> None:
    width = 200 if out.rng.random() < 0.15 else out.rng.randint(80, 100)
    for line in simple_wrap(words, width):
        out.line(line)


def _minister(out: _Printer, name: list[str], portfolio: list[str]) -> None:
    out.line(name)
    _portfolio(out, portfolio)


def _question(out: _Printer, question: Question) -> None:
    compact = out.style.compact_list
    intro = len(question.paragraphs) - question.subquestions
    for index, paragraph in enumerate(question.paragraphs):
        if not (compact and index > intro):
            out.gap()
        elif out.breaks:
            out.breaks[-1] = 1  # a page may break between two compact sub-questions
        out.paragraph(paragraph)
    for index, note in enumerate(question.footnotes):
        if index == 0 or not out.style.compact_notes:
            out.gap()
        out.paragraph(_misread(note, out), body=False)


def _misread(note: Footnote, out: _Printer) -> list[str]:
    if not (note.misreadable and out.style.misread):
        return note.clean
    rng, words = out.rng, []
    for word in note.clean:
        if word.startswith("§") and rng.random() < 0.8:
            word = "8" + word[1:]
        elif word == "Vl." and rng.random() < 0.8:
            word = "VI."
        words.append(word)
    return words


def _annex(out: _Printer, rows: list[list[str]]) -> None:
    """Heading, title, then table rows whose cells extraction separated by 1-4 spaces."""
    out.annex = True
    rng = out.rng
    out.line(rows[0])
    if rng.random() < 0.6:
        out.gap(1)
    out.line(rows[1])
    if rng.random() < 0.5:
        out.gap(1)
    for cells in rows[2:]:
        out.line([cells[0] + "".join(" " * rng.randint(1, 4) + cell for cell in cells[1:])])


# -- the fourth style: PDF-extractor text of 2024-2026 documents ---------------------------

class _ModernPrinter:
    """Lines as the 2024-2026 extraction gives them: a line that goes on ends with a
    space, the last line of a paragraph (and a title or header line) does not; no blank
    lines between paragraphs; a page break is a blank line, never page numbers."""

    def __init__(self, rng: random.Random, width: int):
        self.rng, self.width = rng, width
        self.lines: list[str] = []
        self.breakable: list[bool] = []  # a page may break after this line

    def add(self, text: str, goes_on: bool = False, breakable: bool = True) -> None:
        rng = self.rng
        if " " in text and rng.random() < 0.02:
            at = text.index(" ")
            text = text[:at] + "  " + text[at + 1:]
        self.lines.append(text + (" " if goes_on else ""))
        self.breakable.append(breakable)

    def paragraph(self, words: list[str], hyphenate: float) -> None:
        rng = self.rng
        lines = wrap(words, self.width, rng, hyphenate)
        k, partial = 0, False  # next clean word; whether the last line ended inside it
        for index, line in enumerate(lines):
            tokens = list(line)
            if partial:  # this line starts with the tail of a split word
                k, tokens, partial = k + 1, tokens[1:], False
            if tokens:
                k += len(tokens) - 1
                if k < len(words) and tokens[-1] == words[k]:
                    k += 1
                else:
                    partial = True
            last = index == len(lines) - 1
            goes_on = not last and not partial  # a word split at the line end: no space
            if goes_on and len(line) > 3 and rng.random() < 0.06 \
                    and not any(w == "-" or _LABEL.fullmatch(w) for w in line):
                for word in line:  # justified text broken into one word a line
                    self.add(word, True, breakable=False)
                continue
            ends_sentence = line[-1][-1:] in ".?!:"
            self.add(" ".join(line), goes_on, breakable=last or (goes_on and not ends_sentence))

    def page_breaks(self) -> list[str]:
        rng, out = self.rng, []
        since, target = 0, rng.randint(44, 56)
        for text, ok in zip(self.lines, self.breakable, strict=True):
            out.append(text)
            since += 1
            if ok and since >= target:
                out.append("")
                since, target = 0, rng.randint(44, 56)
        return out


def render_modern(spec: FileSpec, rng: random.Random, notes: list) -> str:
    """The fourth style; `notes` are the answer's footnotes (markers in the answer)."""
    out = _ModernPrinter(rng, rng.randint(84, 96))
    hyphenate = rng.choice((0.0, 0.3, 0.6))
    name, date = spec.seat.person.caps, format_dutch_date(spec.date)
    portfolio = spec.seat.portfolio.split()
    for text in ("SCHRIFTELIJKE VRAAG", f"nr. {spec.number}", f"van {spec.asker.caps}",
                 f"datum: {date}", f"aan {name}"):
        out.add(text, breakable=False)
    _modern_portfolio(out, portfolio)
    title = spec.question.title
    lines = wrap(title, 95, rng) if len(" ".join(title)) > 95 else [title]
    for index, line in enumerate(lines):
        text = " ".join(line)
        out.add(text.replace(" - ", "  -  "), goes_on=index < len(lines) - 1, breakable=False)
    for paragraph in spec.question.paragraphs:
        _modern_paragraph(out, paragraph, hyphenate)
    for note in spec.question.footnotes:
        out.paragraph(note.clean, 0.0)
    if spec.joint:
        out.paragraph(spec.joint, 0.0)
    if spec.kind != "none":
        out.lines.append("")
        out.breakable.append(False)
        out.add(name, breakable=False)
        _modern_portfolio(out, portfolio)
        first = {"coordinated": "GECOÖRDINEERD ANTWOORD" if rng.random() < 0.5
                 else "GECOORDINEERD ANTWOORD"}.get(spec.kind, "ANTWOORD")
        out.add(first, goes_on=rng.random() < 0.8, breakable=False)
        out.add(f"op vraag nr. {spec.number} van {date}", breakable=False)
        out.add(f"van {spec.asker.caps}", breakable=False)
        pending = list(notes)
        for paragraph in spec.answer:
            _modern_paragraph(out, paragraph, hyphenate)
            marked = [n for n in pending if _marker(n) in " ".join(paragraph)]
            for note in marked:  # the footnote at the foot of this page
                _modern_note(out, note)
                pending.remove(note)
            if marked:
                out.lines.append("")
                out.breakable.append(False)
        for annex in spec.annexes:
            for row in annex:
                out.add(" ".join(row), breakable=False)
    return "\n".join(out.page_breaks()) + rng.choice(("\n", "\n", " \n", ""))


def _marker(note) -> str:
    return note.clean[0]  # `[n]`


def _modern_portfolio(out: _ModernPrinter, words: list[str]) -> None:
    lines = simple_wrap(words, out.rng.randint(80, 95))
    for index, line in enumerate(lines):
        out.add(" ".join(line), goes_on=index < len(lines) - 1, breakable=False)


def _modern_paragraph(out: _ModernPrinter, paragraph, hyphenate: float) -> None:
    rng = out.rng
    if isinstance(paragraph, Table):
        for r, row in enumerate(paragraph.rows):
            for cell in row:
                if r == 0 and " " in cell and rng.random() < 0.5:
                    words = cell.split()  # a header cell wrapped inside its column
                    cut = rng.randint(1, len(words) - 1)
                    out.add(" ".join(words[:cut]), goes_on=True, breakable=False)
                    out.add(" ".join(words[cut:]), breakable=False)
                elif cell.startswith("€"):
                    out.add(cell, breakable=False)
                else:
                    out.add(cell if cell else " ", breakable=False)
        out.breakable[-1] = True
        return
    words = [_glue_marker(word) for word in paragraph]
    if words[0] == "-" or (_LABEL.fullmatch(words[0]) and rng.random() < 0.5):
        out.add(words[0], breakable=False)  # a bullet or reply number alone on its line
        words = words[1:]
    out.paragraph(words, hyphenate)


def _glue_marker(word: str) -> str:
    """`bedrag[1].` -> `bedrag1.`: the extractor glues a footnote marker to its word."""
    return re.sub(r"(?<=[a-zà-ÿ])\[(\d+)\]", r"\1", word)


def _modern_note(out: _ModernPrinter, note) -> None:
    number = note.clean[0].strip("[]")
    words = [number, *note.clean[1:]]
    url = words[-1] if words[-1].startswith("https://") else None
    if url and "-" in url and out.rng.random() < 0.5:  # the URL breaks over two lines
        cut = url.index("-", url.index("//") + 2) + 1
        out.add(" ".join([*words[:-1], url[:cut]]), breakable=False)
        out.add(url[cut:], breakable=False)
        return
    lines = simple_wrap(words, out.width)
    for index, line in enumerate(lines):
        out.add(" ".join(line), goes_on=index < len(lines) - 1, breakable=False)
