"""The lemma map over the stemmer: word forms whose stem would miss their lemma.

Kraaij-Pohlmann stems by rule, so it misses forms a reader never doubts: `economieën`,
`ideeën` (diaeresis plurals), `adviezen` (s -> z), `stemt` (verb forms), `Europese`,
`steden`, `liep`. The map holds, for such forms only (folded, lowercase), the term of
their lemma, so the stemmer only has to look a word up before stemming it. It is made
offline by ``python -m bench.build_lemmas`` from simplemma's Dutch dictionary and
hunspell-nl's inflection groups (minus a held-out fifth used to measure it), and ships
in ``index/indexing/data/lemmas_nl.tsv``: nothing is read from outside the package at run time.
Figures: docs/analysis.md.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

#: The packaged map; a DutchStemmer stores this name (not the map) when pickled.
DEFAULT_MAP = "lemmas_nl.tsv"


@cache
def load_lemma_map(name: str = DEFAULT_MAP) -> dict[str, str]:
    """form -> term, from a packaged file of `form<TAB>term` lines ({} if it is absent)."""
    try:
        text = resources.files("index.indexing").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        form, _, term = line.partition("\t")
        if term:
            out[form] = term
    return out
