"""Jinja filters that make the parsed text readable without trusting it.

Every filter escapes the document text first and only then adds its own markup
(paragraphs, sub-question numbers, footnote links), so a document containing `<script>`
still shows as text.
"""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup, escape

from index.documents.dates import format_dutch_date

KIND_LABELS = {
    "answer": "Antwoord",
    "coordinated": "Gecoördineerd antwoord",
    "referral": "Verwijzing naar gecoördineerd antwoord",
    "none": "Nog geen antwoord",
}
_SUB = re.compile(r"(\d{1,2}(?:\s*(?:-|–|,|tot|en)\s*\d{1,2})*[.)])\s*(.*)", re.S)
_NOTE_REF = re.compile(r"\[(\d{1,3})\]")
_NOTE_LINK = Markup('<sup><a href="#voetnoot-{n}" class="noteref">[{n}]</a></sup>')
_SECOND_LINK = Markup('<sup><a href="#voetnoot-{n}-2" class="noteref">[{n}]</a></sup>')
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


def _inline(text: str, notes: bool | frozenset = True) -> Markup:
    """Escaped text with `<br>` for line breaks and `[n]` linked to footnote n. `notes`
    may be the set of numbers whose footnote is the second one with that number (the
    answer's own footnotes when the question's are numbered from 1 as well)."""
    second = notes if isinstance(notes, frozenset) else frozenset()
    lines = []
    for line in text.split("\n"):
        parts = _NOTE_REF.split(line) if notes is not False else [line]
        lines.append(Markup("").join(
            (_SECOND_LINK if part in second else _NOTE_LINK).format(n=part) if i % 2
            else escape(part) for i, part in enumerate(parts)))
    return Markup("<br>").join(lines)


def note_ids(footnotes: list[str]) -> list[str | None]:
    """The anchor of each footnote: `voetnoot-n`, and `voetnoot-n-2` for the second
    footnote numbered n (question and answer each count from 1)."""
    seen: set[str] = set()
    ids: list[str | None] = []
    for note in footnotes:
        number = footnote(note)["number"]
        if number is None:
            ids.append(None)
        else:
            ids.append(f"voetnoot-{number}-2" if number in seen else f"voetnoot-{number}")
            seen.add(number)
    return ids


def repeated_notes(footnotes: list[str]) -> frozenset:
    """Numbers that two footnotes share: the answer's markers link to the second."""
    numbers = [footnote(note)["number"] for note in footnotes]
    return frozenset(n for n in numbers if n is not None and numbers.count(n) > 1)


def paragraphs(text: str | None, notes: bool | frozenset = True) -> Markup:
    """Paragraphs split on blank lines; numbered sub-questions get their number set off,
    list items (`- ...`) become a list and table blocks (`a | b` rows) a table."""
    out = []
    items: list[Markup] = []
    for block in (text or "").split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if block.startswith("- "):
            items.append(Markup("<li>{}</li>").format(_inline(block[2:], notes)))
            continue
        if items:
            out.append(Markup('<ul class="items">{}</ul>').format(Markup("").join(items)))
            items = []
        rows = block.split("\n")
        if len(rows) >= 2 and all(" | " in row for row in rows[1:]):
            out.append(_table(block, notes))
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
    if items:
        out.append(Markup('<ul class="items">{}</ul>').format(Markup("").join(items)))
    return Markup("\n").join(out)


def _table(block: str, notes: bool | frozenset) -> Markup:
    """A table paragraph: rows a line, cells ` | `. A first line of another width is the
    caption as printed (its cells could not be told apart); the first row of the table's
    width is its header, so every data cell has one (WCAG: td-has-header)."""
    lines = block.split("\n")
    rows = [line.split(" | ") for line in lines]
    width = len(rows[-1])
    caption = head = Markup("")
    if len(rows[0]) != width:
        caption = Markup("<caption>{}</caption>").format(" ".join(rows[0]))
        rows = rows[1:]
    if len(rows) > 1 and len(rows[0]) == width:
        head = Markup("<thead><tr>{}</tr></thead>").format(Markup("").join(
            Markup('<th scope="col">{}</th>').format(cell) for cell in rows[0]))
        rows = rows[1:]
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(Markup("").join(
            Markup("<td>{}</td>").format(_inline(cell, notes)) for cell in row))
        for row in rows)
    return Markup('<div class="table-scroll" tabindex="0" role="region" aria-label="Tabel">'
                  '<table>{}{}<tbody>{}</tbody></table></div>').format(caption, head, body)


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
           "footnote": footnote, "annex": annex, "note_ids": note_ids,
           "repeated_notes": repeated_notes}
