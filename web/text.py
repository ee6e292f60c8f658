"""Jinja filters that make the parsed text readable without trusting it.

Every filter escapes the document text first and only then adds its own markup
(paragraphs, sub-question numbers, footnote links), so a document containing `<script>`
still shows as text.
"""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup, escape

from index.dates import format_dutch_date

KIND_LABELS = {
    "answer": "Antwoord",
    "coordinated": "Gecoördineerd antwoord",
    "referral": "Verwijzing naar gecoördineerd antwoord",
    "none": "Nog geen antwoord",
}
_SUB = re.compile(r"(\d{1,2}(?:\s*(?:-|–|tot|en)\s*\d{1,2})?[.)])\s*(.*)", re.S)
_NOTE_REF = re.compile(r"\[(\d{1,3})\]")
_NOTE_LINK = Markup('<sup><a href="#voetnoot-{n}" class="noteref">[{n}]</a></sup>')
_NOTE = re.compile(r"\[(\d{1,3})\]\s*(.*)", re.S)
_CELLS = re.compile(r"\t+| {2,}|\s\|\s")


def nl_date(value: str | None) -> str:
    """`2020-09-25` -> `25 september 2020` (as printed on the documents)."""
    if not value:
        return ""
    try:
        return format_dutch_date(dt.date.fromisoformat(value))
    except ValueError:
        return value


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "none", kind or "")


def _inline(text: str, notes: bool) -> Markup:
    """Escaped text with `<br>` for line breaks and `[n]` linked to footnote n."""
    lines = []
    for line in text.split("\n"):
        parts = _NOTE_REF.split(line) if notes else [line]
        lines.append(Markup("").join(_NOTE_LINK.format(n=part) if i % 2 else escape(part)
                                     for i, part in enumerate(parts)))
    return Markup("<br>").join(lines)


def paragraphs(text: str | None, notes: bool = True) -> Markup:
    """Paragraphs split on blank lines; numbered sub-questions get their number set off."""
    out = []
    for block in (text or "").split("\n\n"):
        block = block.strip()
        if not block:
            continue
        match = _SUB.fullmatch(block)
        if match and match.group(2):
            out.append(Markup('<p class="sub"><span class="nr">{}</span> {}</p>').format(
                match.group(1), _inline(match.group(2), notes)))
        elif match:
            out.append(Markup('<p class="sub"><span class="nr">{}</span></p>').format(
                match.group(1)))
        else:
            out.append(Markup("<p>{}</p>").format(_inline(block, notes)))
    return Markup("\n").join(out)


def footnote(text: str) -> dict:
    """`[1] Art. 15 ...` -> number and text, so the page can link reference and note."""
    match = _NOTE.fullmatch(text.strip())
    if match:
        return {"number": match.group(1), "text": match.group(2)}
    return {"number": None, "text": text}


def annex(text: str) -> dict:
    """First line the heading; rows as a table when they split into aligned cells."""
    lines = [line.rstrip() for line in text.split("\n")]
    heading, rows = (lines[0].strip(), lines[1:]) if lines else ("", [])
    rows = [r for r in rows if r.strip()]
    cells = [[c.strip() for c in _CELLS.split(r.strip())] for r in rows]
    widths = {len(c) for c in cells}
    table = cells if cells and len(widths) == 1 and widths.pop() > 1 else None
    return {"heading": heading, "rows": rows, "table": table}


FILTERS = {"nl_date": nl_date, "kind_label": kind_label, "paragraphs": paragraphs,
           "footnote": footnote, "annex": annex}
