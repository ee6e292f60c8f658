"""Footnotes that PDF extraction left where a page ended, and their glued markers.

In the 2024-2026 extractions a footnote marker sticks to its word (`leakage1`, `hier2`)
and the footnote text stands at the foot of the page, in the middle of the running text:
a line `1 'ICL' of ...` (number, space, text) whose block ends where the page ends (a
blank line, or the end of the document). A block counts as footnote n only when a word
before it carries the glued marker n, after the previous footnote's marker; so a line
that merely starts with a number (`20 interlokale verenigingen`) stays text.

The marker becomes `[n]` (`leakage[1]`), the form the seeds print, and the footnote
`[n] text`, so the question page links both the same way. A URL broken over the lines
of a footnote is joined without a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")
# A marker: at least three lowercase letters, optionally a closing quote or bracket,
# then the number, then no further digit or letter. `CO2`, `ETS1` and `km2` are words.
_MARKER = r"(?<=[a-zß-ÿ]{{3}})([’”'\")]?){n}(?![\w])"
_URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$")
_URL_GOES_ON = re.compile(r"^[\w\-./?=&%#~+:;@!$*,'()]+")


@dataclass
class PageNotes:
    lines: list[str]
    flags: list[bool]
    notes: list[str] = field(default_factory=list)


def extract_page_notes(lines: list[str], flags: list[bool]) -> PageNotes:
    """Move footnote blocks at page ends out of the text and bracket their markers.

    `lines` are cleaned physical lines (blank lines mark page and paragraph breaks),
    `flags` says per line whether it continues (trailing space in the extraction)."""
    lines, flags = list(lines), list(flags)
    notes: list[str] = []
    expected = 1
    marker_at = (0, 0)  # (line, column) after the previous marker
    i = 0
    while i < len(lines):
        match = _NOTE_START.match(lines[i])
        number = int(match.group(1)) if match else 0
        # numbering goes on, or starts again at 1 (the answer after the question)
        end = _block_end(lines, flags, i, number) if number in (expected, 1) else None
        found = _find_marker(lines, number, marker_at, i) if end is not None else None
        if found is None:
            i += 1
            continue
        line_no, digits = found
        text = lines[line_no]
        width = len(str(number))
        lines[line_no] = f"{text[:digits]}[{number}]{text[digits + width:]}"
        body = join_broken_urls([match.group(2), *lines[i + 1:end]])
        notes.append(f"[{number}] " + " ".join(" ".join(body).split()))
        del lines[i:end]
        del flags[i:end]
        marker_at = (line_no, digits + width + 2)
        expected = number + 1
    return PageNotes(lines, flags, notes)


def _block_end(lines: list[str], flags: list[bool], start: int, number: int) -> int | None:
    """Index after the footnote block, which must end at a blank line, at the end of
    the text, or where the next footnote (number + 1) starts on a line of its own (the
    line before it does not go on)."""
    j = start + 1
    while j < len(lines) and lines[j]:
        nxt = _NOTE_START.match(lines[j])
        if nxt and int(nxt.group(1)) == number + 1 and not flags[j - 1]:
            return j
        j += 1
    if j - start > 6:  # a footnote of more than six lines is running text
        return None
    return j


def _find_marker(lines: list[str], number: int, after: tuple[int, int],
                 before: int) -> tuple[int, int] | None:
    """The last glued marker `number` between `after` and line `before`:
    (line, column where its digits start)."""
    pattern = re.compile(_MARKER.format(n=number))
    for line_no in range(before - 1, after[0] - 1, -1):
        text = lines[line_no]
        low = after[1] if line_no == after[0] else 0
        hits = [m for m in pattern.finditer(text) if m.start() >= low]
        if hits:
            return line_no, hits[-1].end(1)
    return None


def join_broken_urls(lines: list[str]) -> list[str]:
    """`.../files/2021-` + `11/kd0121322enn.pdf`: a URL that runs on at the next line
    is joined without a space (the line break fell inside it)."""
    out: list[str] = []
    for line in lines:
        if out and line and _URL_TAIL.search(out[-1]):
            tail = _URL_TAIL.search(out[-1]).group(0)
            head = _URL_GOES_ON.match(line)
            if head and (tail.endswith(tuple("-/_=?&#%~.")) or "/" in head.group(0)):
                out[-1] += line
                continue
        out.append(line)
    return out
