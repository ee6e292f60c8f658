"""Tables that PDF extraction flattened to one cell a line, shaped back into rows.

In the 2024-2026 extractions a table comes out as a run of short lines, one cell each (a
cell that wraps inside its column is already one logical line: the cleaner joined the
lines that end with a space). Rows are found from structure alone: a row starts with a
key cell (a year or a text label) followed by value cells (numbers, amounts,
percentages, or empty), and every row has the same number of cells. The cells before
the first row are the header. A shaped table becomes one paragraph: one row a line, the
cells separated by ` | `.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MAX_CELL = 60  # a longer line is prose, not a cell
MIN_CELLS = 6
CELL_SEPARATOR = " | "

_VALUE = re.compile(r"^(?:[€$£]\s?)?[-+]?\d[\d.,]*\s?%?$|^[-–]$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_SENTENCE_END = re.compile(r"[.?!:;]$")
_FRAGMENT = re.compile(r"^([a-zà-ÿ]+)\b")
_WORD_END = re.compile(r"([^\W\d_]+)$")


def is_value(cell: str) -> bool:
    return bool(_VALUE.match(cell))


def is_key(cell: str) -> bool:
    """A cell that can open a row: a year, or a text label."""
    return bool(cell) and (bool(_YEAR.match(cell)) or not is_value(cell))


def is_cell(line: str) -> bool:
    """Short enough for a table cell and not a sentence (a value may end in a dot)."""
    return 0 < len(line) <= MAX_CELL and (is_value(line) or not _SENTENCE_END.search(line))


def looks_like_table(cells: list[str]) -> bool:
    """Enough cells, and a good share of them numbers: a list of short lines is no table."""
    filled = [c for c in cells if c]
    values = sum(is_value(c) for c in filled)
    return len(filled) >= MIN_CELLS and values >= 0.4 * len(filled)


def mend_split_words(cells: list[str], known: Callable[[str], bool]) -> list[str]:
    """`Beslissin` / `g`, `Toegekend` / `e steun aan`: a word broken inside a narrow
    column, without a hyphen. A cell starting in lowercase continues the cell before it
    when its first letters are no word of their own (at most two letters, or unknown)
    and the two halves together make a known word."""
    out: list[str] = []
    for cell in cells:
        fragment = _FRAGMENT.match(cell)
        left = _WORD_END.search(out[-1]) if out and out[-1] and fragment else None
        if left and fragment and not is_value(out[-1]):
            head = fragment.group(1)
            if (len(head) <= 2 or not known(head)) and known(left.group(1) + head):
                out[-1] = out[-1] + cell
                continue
        out.append(cell)
    return out


def shape(cells: list[str]) -> tuple[list[str], list[list[str]]] | None:
    """(header cells, rows) or None when no row structure fits all the cells.

    Empty strings stand for empty cells. Rows of one width, starting at a key cell, must
    cover every remaining cell, with keys of one kind (years, or labels; a last total
    row aside) and one kind of value per column; of the shapes that fit, the one with
    the most rows wins (the earliest start on a tie): a header cell that passes for a
    key gives fewer, wider rows.
    """
    run = list(cells)
    while run and not run[-1]:
        run.pop()
    best: tuple[int, list[list[str]]] | None = None
    for start, cell in enumerate(run):
        if not is_key(cell):
            continue
        rest = run[start:]
        for width in range(2, 17):
            # the last row's empty last cell at the end of the run left no line behind
            padded = rest + [""] * (-len(rest) % width)
            if len(padded) < 2 * width:
                break
            if len(padded) - len(rest) > 1:
                continue
            rows = [padded[i:i + width] for i in range(0, len(padded), width)]
            if (best is None or len(rows) > len(best[1])) \
                    and all(_is_row(row) for row in rows) and _same_kind_of_key(rows) \
                    and _consistent_columns(rows):
                best = (start, rows)
    if best is None:
        return None
    start, rows = best
    return [c for c in run[:start] if c], rows


def _value_kind(cell: str) -> str:
    if cell.endswith("%"):
        return "percent"
    return "money" if cell[:1] in "€$£" else "number"


def _consistent_columns(rows: list[list[str]]) -> bool:
    """Each value column holds one kind of value (numbers, amounts or percentages):
    rows cut at the wrong width mix them."""
    for column in range(1, len(rows[0])):
        kinds = {_value_kind(row[column]) for row in rows if row[column] not in ("", "-", "–")}
        if len(kinds) > 1:
            return False
    return True


def _same_kind_of_key(rows: list[list[str]]) -> bool:
    """Row keys are all years or all labels; only a last row (a total) may be a label
    after years."""
    years = [bool(_YEAR.match(row[0])) for row in rows]
    return len(set(years)) == 1 or (all(years[:-1]) and not years[-1])


def _is_row(row: list[str]) -> bool:
    values = row[1:]
    return is_key(row[0]) and all(not c or is_value(c) for c in values) \
        and any(values)


def row_cells(line: str) -> list[str] | None:
    """`2022 41 12,5%`: a table row that an extractor put on one line (a key, then only
    values, split at spaces), or None."""
    tokens = line.split()
    if len(tokens) < 2 or not is_key(tokens[0]) or not all(is_value(t) for t in tokens[1:]):
        return None
    return tokens


def render(header: list[str], rows: list[list[str]]) -> str:
    lines = [CELL_SEPARATOR.join(header)] if header else []
    lines += [CELL_SEPARATOR.join(row) for row in rows]
    return "\n".join(lines)
