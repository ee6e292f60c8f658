"""Undo the artefacts that PDF text extraction leaves in the parliament's documents.

The cleaner works on lines, because the parser still needs the line structure to find
headers; `reflow` then turns a run of cleaned lines into paragraphs. Each artefact has a
small function of its own so that each can be tested on its own:

- whitespace: trailing, leading and doubled spaces, non-breaking spaces;
- page furniture: page-number lines and running headers repeated at page breaks;
- misreads: `§1` read as `81` after `Art. N,`, `Vl.` read as `VI.` in citations;
- line-end hyphenation, decided by a Dutch lexicon (see index/documents/lexicon.py), with elliptic
  compounds before `en`/`of` (`werkings- en projectsubsidies`) keeping their hyphen;
- a numbered reply glued to its first word (`2-4.Naast`);
- continuation lines: in extractions that end every line that goes on with a space (the
  2024-2026 PDFs, seed 002), those lines are joined into one logical line, so a paragraph,
  a title or a table cell is one line whatever the extractor's line breaks;
- URLs broken over two lines are joined without a space.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from index.documents import tables
from index.documents.footnotes import extract_page_notes, join_broken_urls

# resolve(left, right, next_word) -> joined text, see index.documents.lexicon.Lexicon.resolve_break
Resolver = Callable[[str, str, "str | None"], str]

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:p(?:agina|\.)\s*)?\d{1,4}(?:\s*(?:/|van)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)
_RUNNING_HEADER = re.compile(
    r"^(?:Vlaams Parlement(?:\s*[-–—|]\s*.*)?|Schriftelijke vraag nr\.\s*\d+\s*[-–—|].*|"
    r".*[-–—|]\s*Schriftelijke vragen\b.*)$",
    re.IGNORECASE,
)
_MISREAD_PARAGRAPH = re.compile(r"(\bArt(?:ikel)?\.?\s+\d+\w*,\s*)8(\d{1,2}\b)")
_MISREAD_VL = re.compile(r"\b(Decr|Besl|B|Parl|St|Stuk|Doc|Omz|Ord)\.\s+VI\.(?=\s|$)")
_GLUED_NUMBER = re.compile(r"^(\d{1,2}(?:\s*[-–,]\s*\d{1,2})*\.)(?=[A-ZÀ-Ý])")
_LINE_END_HYPHEN = re.compile(r"(\S*[^\W\d_])-$")
_FIRST_WORD = re.compile(r"^(\S+)(?:\s+(\S+))?")


def normalise_space(line: str) -> str:
    """Collapse runs of spaces and drop leading and trailing ones."""
    return _SPACES.sub(" ", line).strip()


def fix_misreads(line: str) -> str:
    """Safe fixes of characters OCR and extraction are known to misread in citations."""
    line = _MISREAD_PARAGRAPH.sub(r"\1§\2", line)
    return _MISREAD_VL.sub(r"\1. Vl.", line)


def split_glued_number(line: str) -> str:
    """`2-4.Naast` -> `2-4. Naast`: a reply number that lost its space."""
    return _GLUED_NUMBER.sub(r"\1 ", line)


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line))


def drop_page_furniture(lines: list[str]) -> list[str]:
    """Remove page numbers and running headers.

    A running header is a line matching a known header form, or any line that repeats
    at least twice right beside a page number. Page numbers are bare numbers standing
    alone between blank lines or beside a running header; a number inside a table row
    run (annex) has text neighbours and stays.
    """
    gone = furniture(lines)
    return [line for i, line in enumerate(lines) if i not in gone]


def furniture(lines: list[str], strict: bool = False) -> set[int]:
    """Indices of the page-number and running-header lines (see drop_page_furniture).

    `strict` (for extractions that mark continuations, where tables come one cell a line
    with empty cells as blank lines, and justified text one word a line, so numbers stand
    between blanks and beside repeated words): only known header forms, and numbers
    beside such a header."""
    def neighbours(i: int) -> tuple[str, str]:
        before = lines[i - 1] if i > 0 else ""
        after = lines[i + 1] if i + 1 < len(lines) else ""
        return before, after

    counts = Counter(line for line in lines if line)
    found: set[int] = set()
    for i, line in enumerate(lines):
        if not line:
            continue
        if _RUNNING_HEADER.match(line):
            found.add(i)
        elif is_page_number(line):
            before, after = neighbours(i)
            beside_header = any(
                n and (_RUNNING_HEADER.match(n) or not strict and counts[n] >= 2
                       and not is_page_number(n))
                for n in (before, after)
            )
            alone = not strict and ((not before and not after)
                                    or (i == len(lines) - 1 and not before))
            if alone or beside_header:
                found.add(i)
    # a line repeated beside page numbers is a running header too
    for i in [] if strict else list(found):
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and lines[j] and counts[lines[j]] >= 2 \
                    and not _looks_like_body(lines[j]):
                found.add(j)
    return found


def _looks_like_body(line: str) -> bool:
    """Lines that repeat legitimately: numbered markers, headings, short table cells."""
    return bool(re.match(r"^(\d+(-\d+)?\.?|BIJLAGE.*|Bijlage.*|ANTWOORD.*)$", line))


def join_hyphenated(lines: list[str], resolve: Resolver) -> list[str]:
    """Rejoin words broken at a line end, as the lexicon decides.

    The continuation line moves up onto the broken line (paragraphs are reflowed
    later anyway). A blank line after `-` means a real dash and is left alone.
    """
    out: list[str] = []
    pending = list(reversed(lines))
    while pending:
        line = pending.pop()
        match = _LINE_END_HYPHEN.search(line)
        words = _FIRST_WORD.match(pending[-1]) if match and pending else None
        if not words:
            out.append(line)
            continue
        nxt = pending.pop()
        right, next_word = words.group(1), words.group(2)
        joined = resolve(match.group(1), right, next_word)
        # the merged line goes back on the stack: it may end in a break of its own
        pending.append(normalise_space(line[: match.start(1)] + joined + nxt[len(right):]))
    return out


_TRAILING_SPACE = (" ", "\t", "\u00a0", "\u2007", "\u202f")


@dataclass
class CleanDocument:
    """The cleaned lines of one document and what cleaning learnt about it."""

    lines: list[str]
    # The extraction ends every line that goes on with a space (see marks_continuations);
    # `lines` are then logical lines: one paragraph, title or table cell each.
    continuation: bool = False
    notes: list[str] = field(default_factory=list)  # page-end footnotes, `[n] text`


def clean_document(text: str, resolve: Resolver) -> CleanDocument:
    """Every line-level fix, in an order where each one sees the text it expects."""
    raw = text.split("\n")
    flags = continuation_flags(raw)
    continuation = marks_continuations(raw, flags)
    lines = [fix_misreads(split_glued_number(normalise_bullet(normalise_space(line))))
             for line in raw]
    gone = furniture(lines, strict=continuation)
    keep = [i for i in range(len(lines)) if i not in gone]
    lines, flags = [lines[i] for i in keep], [flags[i] for i in keep]
    keep = _close_gaps(lines)
    lines, flags = [lines[i] for i in keep], [flags[i] for i in keep]
    page_notes = extract_page_notes(lines, flags)
    lines, flags = page_notes.lines, page_notes.flags
    if continuation:
        lines = join_continuations(lines, flags)
    lines = join_broken_urls(lines)
    return CleanDocument(join_hyphenated(lines, resolve), continuation, page_notes.notes)


def clean_lines(text: str, resolve: Resolver) -> list[str]:
    """The cleaned lines alone (see clean_document)."""
    return clean_document(text, resolve).lines


def continuation_flags(raw: list[str]) -> list[bool]:
    """Per line: it has text and ends in whitespace."""
    return [bool(line.strip()) and line.endswith(_TRAILING_SPACE) for line in raw]


def marks_continuations(raw: list[str], flags: list[bool]) -> bool:
    """Does this extraction end every line that goes on with a space, and no other?

    Yes when the lines inside a sentence (a long line in lowercase with no closing
    punctuation, followed by more text that opens nothing new; a line broken at a hyphen
    aside) mostly end in a space, while the lines before a blank
    line (paragraph and page ends) mostly do not. A file with a space after every line,
    or after a few at random, carries no such sign and keeps the blank-line rules.
    """
    inside = inside_marked = unmarked = filled = marked_before_blank = 0
    for i, line in enumerate(raw):
        text = line.strip()
        if not text:
            continue
        filled += 1
        unmarked += not flags[i]
        nxt = raw[i + 1].strip() if i + 1 < len(raw) else ""
        marked_before_blank += flags[i] and not nxt
        if nxt and len(text) >= 40 and not text.endswith("-") and text != text.upper() \
                and not _SENTENCE_END.search(text) and not opens_block(normalise_space(nxt)):
            inside += 1
            inside_marked += flags[i]
    if unmarked < 0.1 * filled:
        return False
    if inside >= 3:
        return inside_marked >= 0.6 * inside
    # a short document: every such line ends in a space (or, without any, a good share
    # of all lines does), and hardly one of those stands before a blank line
    if inside:  # (the title itself is such a line, and ends without a space)
        return 2 * inside_marked >= inside and marked_before_blank <= 1
    return filled - unmarked >= 2 and marked_before_blank <= 1


def opens_block(line: str) -> bool:
    """A line that starts something of its own: never the continuation of the one before."""
    return bool(starts_paragraph(line) or is_label(line) or line.startswith("[")
                and re.match(r"^\[\d{1,3}\]", line))


def join_continuations(lines: list[str], flags: list[bool]) -> list[str]:
    """Join each line that ends with a space to the line after it, not onto a numbered
    item, bullet or footnote, which start anew. A blank line after it is a page break
    inside the sentence unless the line ends a sentence (then it ends the paragraph).

    After a sentence end the join is held back when the line opens a run of table cells:
    a caption's last line may end in a space although the table header follows.
    """
    pieces: list[list] = []  # [text, joined after a sentence end]
    goes_on = False
    held: list[str] = []  # blank lines after a line that goes on: a page break inside it
    for line, flag in zip(lines, flags, strict=True):
        if not line and goes_on and pieces and not ends_sentence(pieces[-1][0]):
            held.append(line)
            continue
        if goes_on and pieces and pieces[-1][0] and line and not opens_block(line):
            held = []
            if ends_sentence(pieces[-1][0]):
                pieces.append([line, True])
            else:
                pieces[-1][0] = f"{pieces[-1][0]} {line}"
        else:
            pieces += [[blank, False] for blank in held]
            held = []
            pieces.append([line, False])
        goes_on = flag
    pieces += [[blank, False] for blank in held]
    texts = [text for text, _ in pieces]
    out: list[str] = []
    for k, (text, soft) in enumerate(pieces):
        if soft and not (_is_cell(text) and tables.looks_like_table(_cell_run(texts, k)[1])):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def _close_gaps(lines: list[str]) -> list[int]:
    """Indices of the lines to keep: blank lines left between a hyphenated line end and
    its continuation go."""
    out: list[int] = []
    for index, line in enumerate(lines):
        if out and line and line[0].islower():
            j = len(out)
            while j > 0 and not lines[out[j - 1]]:
                j -= 1
            if 0 < j < len(out) and _LINE_END_HYPHEN.search(lines[out[j - 1]]):
                del out[j:]
        out.append(index)
    return out


_NUMBERED = re.compile(r"^\d{1,2}(?:\s*[-–,]\s*\d{1,2})*\.(?:\s|$)")
_BULLET = re.compile(r"^(?:[-•–*▪●o]\s|[a-z]\)\s)")
# A reply number (`1.`, `2-4.`, `8, 9.`), a letter (`c)`) or a bullet standing alone on
# its line: its text follows on the next line.
_LABEL = re.compile(r"^(?:\d{1,2}(?:\s*[-–,]\s*\d{1,2})*\.|[a-z]\)|[-•–▪●])$")
_BULLET_GLYPH = re.compile(r"^[•–▪●\uf0b7](?=\s|$)")
_SENTENCE_END = re.compile(r"[.:;?!)\]]$")
_END_MARKER = re.compile(r"\[\d{1,3}\]$")


def ends_sentence(text: str) -> bool:
    """Closing punctuation at the end, a footnote marker after it aside (`zijn[2]` does
    not end a sentence, `gemeente.[1]` does)."""
    return bool(_SENTENCE_END.search(_END_MARKER.sub("", text)))


def normalise_bullet(line: str) -> str:
    """Bullet glyphs (U+F0B7 of the PDF symbol font, `•`) at a line start become `-`."""
    return _BULLET_GLYPH.sub("-", line)


def is_label(line: str) -> bool:
    return bool(_LABEL.match(line))


def starts_paragraph(line: str) -> bool:
    """Numbered sub-questions, replies and bullets always open a paragraph."""
    return bool(_NUMBERED.match(line) or _BULLET.match(line) or _LABEL.match(line))


def reflow(lines: Iterable[str], logical: bool = False,
           warnings: list[str] | None = None) -> list[str]:
    """Turn cleaned lines into paragraphs, one line each.

    Blank lines separate paragraphs, except where extraction put a blank line inside a
    sentence (the previous block has no closing punctuation and the next one starts in
    lowercase) or separated a bare reply number (`1.`) from its text. With `logical`
    lines (see CleanDocument.continuation) every line is a paragraph of its own, runs of
    table cells become one table paragraph, and what could not be shaped is said in
    `warnings`.
    """
    if logical:
        return _reflow_logical(list(lines), warnings if warnings is not None else [])
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                blocks.append(current)
                current = []
            continue
        if current and starts_paragraph(line):
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)

    paragraphs: list[str] = []
    for block in blocks:
        text = " ".join(block)
        if paragraphs:
            prev = paragraphs[-1]
            if is_label(prev) or _continues(prev, text):
                paragraphs[-1] = f"{prev} {text}"
                continue
        paragraphs.append(text)
    return paragraphs


def _continues(prev: str, text: str) -> bool:
    """A paragraph cut by a page break: no closing punctuation, next part in lowercase."""
    return "\n" not in prev and not ends_sentence(prev) and text[:1].islower() \
        and not starts_paragraph(text)


def _reflow_logical(lines: list[str], warnings: list[str]) -> list[str]:
    paragraphs: list[str] = []
    label: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        end, rows = _row_run(lines, i) if label is None else (i, [])
        if len(rows) >= 2:
            header = [paragraphs.pop()] if paragraphs and _is_cell(paragraphs[-1]) \
                and tables.row_cells(paragraphs[-1]) is None else []
            paragraphs.append(tables.render(header, rows))
            i = end
            continue
        if label is None and _is_cell(line):
            end, cells = _cell_run(lines, i)
            if tables.looks_like_table(cells):
                paragraphs.append(_table(cells, warnings))
                i = end
                continue
        i += 1
        if is_label(line):
            if label is not None:
                paragraphs.append(label)
            label = line
            continue
        if label is not None:
            paragraphs.append(f"{label} {line}")
            label = None
        elif paragraphs and _continues(paragraphs[-1], line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    if label is not None:
        paragraphs.append(label)
    return paragraphs


def _row_run(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    """Consecutive table rows each on one line, all with the same number of cells
    (blank lines between them are the extractor's row spacing): (end, rows)."""
    rows: list[list[str]] = []
    end = j = start
    while j < len(lines):
        if not lines[j]:
            j += 1
            continue
        cells = tables.row_cells(lines[j])
        if cells is None or (rows and len(cells) != len(rows[0])):
            break
        rows.append(cells)
        j = end = j + 1
    return end, rows


def _is_cell(line: str) -> bool:
    return tables.is_cell(line) and not starts_paragraph(line)


def _cell_run(lines: list[str], start: int) -> tuple[int, list[str]]:
    """The run of cell lines from start (blank lines inside it are empty cells)."""
    cells: list[str] = []
    j = start
    while j < len(lines):
        if lines[j] and _is_cell(lines[j]):
            cells.append(lines[j])
            j += 1
            continue
        k = j
        while k < len(lines) and not lines[k]:
            k += 1
        if k == j or k == len(lines) or not _is_cell(lines[k]):
            break
        cells += [""] * (k - j)
        j = k
    return j, cells


def _table(cells: list[str], warnings: list[str]) -> str:
    from index.documents.lexicon import default_lexicon

    cells = tables.mend_split_words(cells, default_lexicon().is_known)
    shaped = tables.shape(cells)
    if shaped is None:
        filled = [c for c in cells if c]
        warnings.append(f"a table of {len(filled)} cells could not be shaped into rows; "
                        "kept one cell a line")
        return "\n".join(filled)
    return tables.render(*shaped)
