"""Highlighted snippets: the passage of a text that best shows why it matched.

The text is HTML-escaped and only `<mark>` elements are added, so a snippet can be put
into a page as is. Words are compared the way they were indexed: by stem for plain
query words, by folded form for phrases and prefixes.

A result page makes ten snippets from three texts each, about 3,000 words: each
distinct word is folded and stemmed once per process (cached), the marks of all three
texts are counted first, and only the text with the most marks is cut into a window.

A word found through a compound part (`kinderopvang` for `opvang`) is marked by where
the index holds the part: the caller gives the word positions of the part terms in each
text, and the text's words are counted out as the index counts them (one position per
word, one per piece of a hyphenated word), so no compound is split again here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterator, Sequence
from functools import lru_cache
from html import escape

from index.indexing.analysis import TOKEN_PATTERN, fold, stem_word
from search.compile import Highlights

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_INDEX_TOKEN = re.compile(TOKEN_PATTERN)  # a word as the index counts it
_HYPHENATED = re.compile("[-\u2010\u2011]")
_PIECE = re.compile("[^-\u2010\u2011]+")  # the pieces of a hyphenated word: one position each
WINDOW = 32


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return stem_word(word)


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    return fold(word)


def _matches(folded: list[str], highlights: Highlights) -> list[bool]:
    words, stems, prefixes = highlights.words, highlights.stems, tuple(highlights.prefixes)
    stem = _stem
    marked = [word in words
              or bool(stems and stem(word) in stems)
              or bool(prefixes and word.startswith(prefixes))
              for word in folded]
    for phrase in highlights.phrases:
        n = len(phrase)
        first = phrase[0]
        for i in range(len(folded) - n + 1):
            if folded[i] == first and folded[i:i + n] == phrase:
                for j in range(i, i + n):
                    marked[j] = True
    return marked


def best_window(marked: list[bool], folded: list[str], size: int = WINDOW) -> int:
    """Start of the window with the most distinct marked words, then the most marks."""
    if len(marked) <= size:
        return 0
    best, best_score = 0, (-1, -1)
    for start in range(0, len(marked) - size + 1):
        if not marked[start] and start > 0:
            continue
        window = range(start, start + size)
        distinct = len({folded[i] for i in window if marked[i]})
        score = (distinct, sum(marked[i] for i in window))
        if score > best_score:
            best, best_score = start, score
    return max(0, best - 3)


def spans_at(text: str, positions: Collection[int]) -> Iterator[tuple[int, int]]:
    """(start, end) of the words of `text` at these index positions: a word of its own
    or one piece of a hyphenated word, as index/indexing/analysis.py numbers them."""
    if not positions:
        return
    last = max(positions)
    pos = 0
    for match in _INDEX_TOKEN.finditer(text):
        word = match.group()
        pieces = list(_PIECE.finditer(word)) if _HYPHENATED.search(word) else []
        count = max(len(pieces), 1)
        for i in range(count):
            if pos + i in positions:
                if count == 1:
                    yield match.span()
                else:
                    a, b = pieces[i].span()
                    yield match.start() + a, match.start() + b
        pos += count
        if pos > last:
            return


def _analyse(text: str, highlights: Highlights, positions: Collection[int] = ()
             ) -> tuple[list[str], list[bool]]:
    if not positions:
        folded = [_fold(word) for word in _TOKEN.findall(text)]
        return folded, _matches(folded, highlights)
    found = list(_TOKEN.finditer(text))
    folded = [_fold(m.group()) for m in found]
    marked = _matches(folded, highlights)
    starts = [m.start() for m in found]
    for a, b in spans_at(text, positions):
        i = bisect_left(starts, a)
        while i < len(found) and found[i].end() <= b:
            marked[i] = True
            i += 1
    return folded, marked


def _cut(text: str, folded: list[str], marked: list[bool], size: int) -> tuple[str, int]:
    tokens = list(_TOKEN.finditer(text))  # positions, for the one text that is shown
    if not tokens:
        return escape(text[:200]), 0
    start = best_window(marked, folded, size) if any(marked) else 0
    end = min(len(tokens), start + size)
    begin_char = tokens[start].start() if start > 0 else 0
    end_char = tokens[end - 1].end() if end < len(tokens) else len(text)
    out = ["… " if start > 0 else ""]
    pos = begin_char
    for i in range(start, end):
        token = tokens[i]
        if marked[i]:
            out.append(escape(text[pos:token.start()]))
            out.append(f"<mark>{escape(token.group())}</mark>")
            pos = token.end()
    out.append(escape(text[pos:end_char]))
    if end < len(tokens):
        out.append(" …")
    snippet = "".join(out)
    return " ".join(snippet.split()), sum(marked[start:end])


def snippet_for(texts: list[str], highlights: Highlights, size: int = WINDOW,
                part_positions: Sequence[Collection[int]] | None = None) -> str:
    """The snippet of the text whose best window has the most marks (the first such
    text of answer, question, title on a tie). `part_positions`, one per text: the word
    positions where the index holds a part term searched for, marked too."""
    part_positions = part_positions or [()] * len(texts)
    analysed = [(text, _analyse(text, highlights, at))
                for text, at in zip(texts, part_positions, strict=True) if text]
    best, best_marks, best_at = "", -1, len(analysed)
    # a window holds at most all marks of its text: texts are cut in order of their
    # total marks, and a text with fewer marks than the best window so far cannot win
    order = sorted(range(len(analysed)), key=lambda i: -sum(analysed[i][1][1]))
    for i in order:
        text, parts = analysed[i]
        if sum(parts[1]) < best_marks or (sum(parts[1]) == best_marks and i > best_at):
            continue
        snippet, marks = _cut(text, *parts, size)
        if marks > best_marks or (marks == best_marks and i < best_at):
            best, best_marks, best_at = snippet, marks, i
    return best
