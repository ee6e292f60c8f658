"""Undo the artefacts that PDF text extraction leaves in the parliament's documents.

The cleaner works on lines, because the parser still needs the line structure to find
headers; `reflow` then turns a run of cleaned lines into paragraphs. Each artefact has a
small function of its own so that each can be tested on its own:

- whitespace: trailing, leading and doubled spaces, non-breaking spaces;
- page furniture: page-number lines and running headers repeated at page breaks;
- misreads: `§1` read as `81` after `Art. N,`, `Vl.` read as `VI.` in citations;
- line-end hyphenation, decided by a Dutch lexicon (see index/lexicon.py), with elliptic
  compounds before `en`/`of` (`werkings- en projectsubsidies`) keeping their hyphen;
- a numbered reply glued to its first word (`2-4.Naast`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

# resolve(left, right, next_word) -> joined text, see index.lexicon.Lexicon.resolve_break
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
_GLUED_NUMBER = re.compile(r"^(\d{1,2}(?:\s*[-–]\s*\d{1,2})?\.)(?=[A-ZÀ-Ý])")
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
    def neighbours(i: int) -> tuple[str, str]:
        before = lines[i - 1] if i > 0 else ""
        after = lines[i + 1] if i + 1 < len(lines) else ""
        return before, after

    counts = Counter(line for line in lines if line)
    furniture: set[int] = set()
    for i, line in enumerate(lines):
        if not line:
            continue
        if _RUNNING_HEADER.match(line):
            furniture.add(i)
        elif is_page_number(line):
            before, after = neighbours(i)
            beside_header = any(
                n and (_RUNNING_HEADER.match(n) or counts[n] >= 2 and not is_page_number(n))
                for n in (before, after)
            )
            if (not before and not after) or beside_header or (i == len(lines) - 1 and not before):
                furniture.add(i)
    # a line repeated beside page numbers is a running header too
    for i in list(furniture):
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and lines[j] and counts[lines[j]] >= 2 \
                    and not _looks_like_body(lines[j]):
                furniture.add(j)
    return [line for i, line in enumerate(lines) if i not in furniture]


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


def clean_lines(text: str, resolve: Resolver) -> list[str]:
    """Every line-level fix, in an order where each one sees the text it expects."""
    lines = [fix_misreads(split_glued_number(normalise_space(line))) for line in text.split("\n")]
    lines = drop_page_furniture(lines)
    lines = _close_gaps(lines)
    return join_hyphenated(lines, resolve)


def _close_gaps(lines: list[str]) -> list[str]:
    """Drop blank lines left between a hyphenated line end and its continuation."""
    out: list[str] = []
    for line in lines:
        if out and line and line[0].islower():
            j = len(out)
            while j > 0 and not out[j - 1]:
                j -= 1
            if 0 < j < len(out) and _LINE_END_HYPHEN.search(out[j - 1]):
                del out[j:]
        out.append(line)
    return out


_NUMBERED = re.compile(r"^\d{1,2}(?:\s*[-–]\s*\d{1,2})?\.(?:\s|$)")
_BULLET = re.compile(r"^(?:[-•–*▪●o]\s|[a-z]\)\s)")
_SENTENCE_END = re.compile(r"[.:;?!)\]]$")


def starts_paragraph(line: str) -> bool:
    """Numbered sub-questions, replies and bullets always open a paragraph."""
    return bool(_NUMBERED.match(line) or _BULLET.match(line))


def reflow(lines: Iterable[str]) -> list[str]:
    """Turn cleaned lines into paragraphs, one line each.

    Blank lines separate paragraphs, except where extraction put a blank line inside a
    sentence (the previous block has no closing punctuation and the next one starts in
    lowercase) or separated a bare reply number (`1.`) from its text.
    """
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
            bare_number = bool(re.fullmatch(r"\d{1,2}(?:\s*[-–]\s*\d{1,2})?\.", prev))
            continues = not _SENTENCE_END.search(prev) and text[:1].islower() \
                and not starts_paragraph(text)
            if bare_number or continues:
                paragraphs[-1] = f"{prev} {text}"
                continue
        paragraphs.append(text)
    return paragraphs
