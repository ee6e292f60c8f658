""""Bedoelde u ...?": a close word the index knows, for a query word it does not."""

from __future__ import annotations

import re

from index.indexing.analysis import fold
from index.indexing.schema import EXACT_SUFFIX, TEXT_FIELDS
from search.compile import Highlights
from search.vocab import Vocabulary

MAX_DISTANCE = 2


def correction(reader, word: str) -> str | None:
    """The most frequent indexed word within two edits, or None."""
    folded = fold(word)
    if len(folded) < 4 or not folded.isalpha():
        return None
    best: tuple[int, int, str] | None = None
    for name in TEXT_FIELDS:
        fieldname = name + EXACT_SUFFIX
        for candidate in reader.terms_within(fieldname, folded, MAX_DISTANCE, prefix=1):
            if candidate == folded:
                continue
            freq = reader.doc_frequency(fieldname, candidate)
            key = (_distance(folded, candidate), -freq, candidate)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def suggest(reader, vocabulary: Vocabulary, query: str, highlights: Highlights) -> str | None:
    """The query with each word the vocabulary does not know replaced by its correction,
    if any changed."""
    suggestion = query
    changed = False
    for word in highlights.plain_words:
        if vocabulary.known(word):
            continue
        fixed = correction(reader, word)
        if fixed:
            suggestion = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", fixed, suggestion, count=1)
            changed = True
    return suggestion if changed else None


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment)."""
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]
