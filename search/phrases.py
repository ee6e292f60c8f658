"""Quoted phrases that match a compound written solid or with a hyphen, both ways.

The index holds `sociaal-economische` as `sociaaleconomische@0 sociaal@0 economische@1`
(the joined form at the first part's position) and `sociaaleconomische` as one term. So:

- a hyphenated word in a phrase also matches the solid form: the phrase is tried with the
  parts (`sociaal economische organisaties`) and with the joined word
  (`sociaaleconomische organisaties`);
- a solid word also matches the hyphenated form: the joined term is followed by the
  compound's later parts (`sociaaleconomische economische organisaties`), which only
  hyphenated text has at consecutive positions. Split points come from the index's own
  words (each later part must be an indexed word), so no dictionary is needed.

Each variant stays an exact phrase of whole words: `"opvang"` never matches
`kinderopvang`, whose part the index holds as the other term `+opvang`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from index.indexing.analysis import TOKEN_PATTERN, analyze

MAX_VARIANTS = 16
MIN_TAIL = 3  # each part has at least three letters
_TOKENS = re.compile(TOKEN_PATTERN)


def phrase_variants(text: str, indexed: Callable[[str], bool]) -> list[tuple[str, ...]]:
    """The term sequences a quoted `text` may match; the first is the phrase as typed.

    `indexed(word)` tells whether an exact word occurs in the index.
    """
    slots: list[list[tuple[str, ...]]] = []
    for token in _TOKENS.findall(text):
        parts = tuple(analyze(token, exact=True, mode="query", parts=False))
        if not parts:
            continue
        options = [parts]
        joined = analyze(token, exact=True, mode="index", parts=False)  # no part terms
        if len(parts) > 1 and len(joined) == len(parts) + 1:
            options.append((joined[0],))
        elif len(parts) == 1:
            options.extend((parts[0], *tail) for tail in _tails(parts[0], indexed))
        slots.append(options)
    variants: list[tuple[str, ...]] = []
    for combo in itertools.product(*slots):
        variants.append(tuple(term for option in combo for term in option))
        if len(variants) >= MAX_VARIANTS:
            break
    return variants


def _tails(word: str, indexed: Callable[[str], bool]) -> list[tuple[str, ...]]:
    """Later parts of `word` if it was written with hyphens: (b,) for a-b, (b, c) for a-b-c.

    Every part, the first too, must be an indexed word of at least MIN_TAIL letters."""
    if not word.isalpha():
        return []
    out: list[tuple[str, ...]] = []
    n = len(word)
    for i in range(MIN_TAIL, n - MIN_TAIL + 1):
        if not indexed(word[:i]):
            continue
        last = word[i:]
        if indexed(last):
            out.append((last,))
        for j in range(i + MIN_TAIL, n - MIN_TAIL + 1):
            middle, end = word[i:j], word[j:]
            if indexed(middle) and indexed(end):
                out.append((middle, end))
    return out
