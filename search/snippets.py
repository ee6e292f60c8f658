"""Highlighted snippets: the passage of a text that best shows why it matched.

The text is HTML-escaped and only `<mark>` elements are added, so a snippet can be put
into a page as is. Words are compared the way they were indexed: by stem for plain
query words, by folded form for phrases and prefixes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from index.analysis import fold, stem_word
from search.compile import Highlights

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
WINDOW = 32


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return stem_word(word)


def _matches(tokens: list[re.Match], highlights: Highlights) -> list[bool]:
    folded = [fold(t.group()) for t in tokens]
    marked = [False] * len(tokens)
    for i, word in enumerate(folded):
        marked[i] = (word in highlights.words
                     or bool(highlights.stems and _stem(word) in highlights.stems)
                     or any(word.startswith(p) for p in highlights.prefixes))
    for phrase in highlights.phrases:
        n = len(phrase)
        for i in range(len(folded) - n + 1):
            if folded[i] == phrase[0] and folded[i:i + n] == phrase:
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


def make_snippet(text: str, highlights: Highlights, size: int = WINDOW) -> tuple[str, int]:
    """(HTML snippet, number of marked words) for one text."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return escape(text[:200]), 0
    marked = _matches(tokens, highlights)
    folded = [fold(t.group()) for t in tokens]
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
    """The snippet of the first text with the most marks (answer, question, title)."""
    best, best_marks = "", -1
    for text in texts:
        if not text:
            continue
        snippet, marks = make_snippet(text, highlights, size)
        if marks > best_marks:
            best, best_marks = snippet, marks
    return best
