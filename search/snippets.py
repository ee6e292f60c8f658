"""Highlighted snippets: the passage of a text that best shows why it matched.

The text is HTML-escaped and only `<mark>` elements are added, so a snippet can be put
into a page as is. Words are compared the way they were indexed: by stem for plain
query words, by folded form for phrases and prefixes.

A result page makes ten snippets from three texts each, about 3,000 words: each
distinct word is folded and stemmed once per process (cached), the marks of all three
texts are counted first, and only the text with the most marks is cut into a window.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from index.indexing.analysis import fold, stem_word
from search.compile import Highlights

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
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


def _analyse(text: str, highlights: Highlights) -> tuple[list[str], list[bool]]:
    folded = [_fold(word) for word in _TOKEN.findall(text)]
    return folded, _matches(folded, highlights)


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


def snippet_for(texts: list[str], highlights: Highlights, size: int = WINDOW) -> str:
    """The snippet of the text whose best window has the most marks (the first such
    text of answer, question, title on a tie)."""
    analysed = [(text, _analyse(text, highlights)) for text in texts if text]
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
