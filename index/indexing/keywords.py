"""The salient words of a document, for the keyword facet.

A word is salient when it is frequent in the document and rare in Dutch at large;
wordfreq's Dutch frequencies give the background. Computed once at index time so the
facet only has to count.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from index.indexing.analysis import fold

_WORD = re.compile(r"[^\W\d_]{4,}")
KEYWORDS_PER_DOCUMENT = 8
_FLOOR = 1e-8


@lru_cache(maxsize=1)
def _background() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("nl")


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    """Words too frequent in Dutch to say what a text is about."""
    import wordfreq

    return frozenset(fold(w) for w in wordfreq.top_n_list("nl", 600))


def salient_words(text: str, limit: int = KEYWORDS_PER_DOCUMENT) -> list[str]:
    background = _background()
    common = _common()
    counts: Counter = Counter()
    for word, count in Counter(_WORD.findall(text)).items():  # fold each distinct word once
        counts[fold(word)] += count
    scored = []
    for word, count in counts.items():
        if word in common:
            continue
        rarity = -math.log(max(background.get(word, 0.0), _FLOOR))
        scored.append((count * rarity, word))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [word for _, word in scored[:limit]]
