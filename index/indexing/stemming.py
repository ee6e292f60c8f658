"""Dutch word normalisation for the index: accent folding, stop words and stemming.

Kept apart from the Whoosh filters in ``index.indexing.analysis`` so that the stemming
benchmark (``bench/stemming_eval.py``) measures exactly the code the index runs.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

import snowballstemmer

from index.indexing.lemmas import DEFAULT_MAP, load_lemma_map

# Chosen by measurement (bench/stemming_eval.py); the figures are in docs/analysis.md.
ALGORITHM = "dutch"

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def fold(text: str) -> str:
    """Lowercase and strip diacritics, so `Creéert`, `creëert` and `creeert` compare equal.

    Also maps typographic apostrophes to ``'`` and drops soft hyphens, both of which
    PDF extraction leaves in words.
    """
    text = text.lower()
    if text.isascii():
        return text
    text = text.translate(_APOSTROPHES).replace("\xad", "")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _data_lines(name: str) -> list[str]:
    text = resources.files("index.indexing").joinpath("data", name).read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


@cache
def stopwords() -> frozenset[str]:
    """The Dutch stop words (folded) that the stemmed analyzer drops."""
    return frozenset(fold(line) for line in _data_lines("stopwords_nl.txt"))


class Overrides:
    """The override table of ``data/stem_overrides.txt``: exact forms, ending
    rewrites and the words whose ``ge`` Kraaij-Pohlmann must keep."""

    def __init__(self, lines: list[str] | None = None) -> None:
        self.forms: dict[str, str] = {}
        self.endings: list[tuple[str, str]] = []
        keep_ge: set[str] = set()
        inner_ge: set[str] = set()
        for line in _data_lines("stem_overrides.txt") if lines is None else lines:
            key, _, rest = line.partition(":")
            words = [fold(w) for w in rest.split()]
            if key == "+ge":
                keep_ge.update(w for w in words if not w.startswith("-"))
                inner_ge.update(w[1:] for w in words if w.startswith("-"))
            elif key.startswith("-"):
                self.endings.append((fold(key[1:]), words[0].lstrip("-")))
            else:
                self.forms.update((w, key.strip()) for w in words)
        self.endings.sort(key=lambda e: -len(e[0]))
        self.keep_ge = frozenset(keep_ge)
        self.inner_ge = frozenset(inner_ge | keep_ge)
        self._lengths = sorted({len(w) for w in self.inner_ge}, reverse=True)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Overrides) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    def rewrite(self, word: str) -> str:
        """Apply the first (longest) matching ending rewrite."""
        for end, new in self.endings:
            if word.endswith(end):
                return word[: len(word) - len(end)] + new
        return word

    def restore_ge(self, word: str, stem: str) -> str:
        """Put back a ``ge`` that the stemmer stripped from a protected word."""
        i = word.find("ge")
        while i >= 0:
            protected = self.keep_ge if i == 0 else self.inner_ge
            if (
                stem[:i] == word[:i]
                and not stem.startswith("ge", i)
                and any(word[i : i + n] in protected for n in self._lengths)
            ):
                return stem[:i] + "ge" + stem[i:]
            i = word.find("ge", i + 1)
        return stem


@cache
def default_overrides() -> Overrides:
    """The packaged override table (shared, do not modify)."""
    return Overrides()


def strip_clitic(word: str) -> str:
    """Drop a trailing `'s` or `'` (OCMW's, auto's, Hendrickx'), which Snowball mangles."""
    if word.endswith("'s"):
        return word[:-2]
    if word.endswith("'"):
        return word[:-1]
    return word


class DutchStemmer:
    """Snowball Dutch behind an override table, a lemma map and a per-word cache.

    Order: the override table's exact forms, then the lemma map (index/indexing/lemmas.py: forms
    whose lemma Kraaij-Pohlmann would miss, `ideeen` -> `idee`), then Kraaij-Pohlmann
    after the override table's ending rewrites. Picklable: Whoosh pickles the schema (and
    so this object) into the index, but the C stemmer, the lemma map (only its name is
    stored) and the cache are rebuilt after unpickling, never stored.
    """

    def __init__(
        self,
        algorithm: str = ALGORITHM,
        overrides: Overrides | None = None,
        cachesize: int = 100_000,
        lemmas: str | None = DEFAULT_MAP,
    ) -> None:
        self.algorithm = algorithm
        self.overrides = default_overrides() if overrides is None else overrides
        self.cachesize = cachesize
        self.lemmas = lemmas
        self._setup()

    def _setup(self) -> None:
        self._snowball = snowballstemmer.stemmer(self.algorithm).stemWord
        self._cache: dict[str, str] = {}
        # Older pickles have no `lemmas` attribute: they analysed without a map.
        name = self.__dict__.get("lemmas")
        self._lemmas = load_lemma_map(name) if name else {}
        # the rewritten endings, for one C call that rules them all out (most words)
        self._endings = tuple(end for end, _ in self.overrides.endings)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._setup()

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is type(self)
            and self.algorithm == other.algorithm
            and self.overrides == other.overrides
            and self.__dict__.get("lemmas") == other.__dict__.get("lemmas")
        )

    def __hash__(self) -> int:
        return hash(self.algorithm)

    def __repr__(self) -> str:
        return f"DutchStemmer({self.algorithm!r})"

    def __call__(self, word: str) -> str:
        """The term of one lowercased, folded word."""
        cache = self._cache
        term = cache.get(word)
        if term is None:
            term = self._stem(word)
            if len(cache) >= self.cachesize:
                cache.clear()
            cache[word] = term
        return term

    def _stem(self, word: str) -> str:
        base = strip_clitic(word)
        over = self.overrides
        term = over.forms.get(base)
        if term is not None:
            return term
        term = self._lemmas.get(base)
        if term is not None:
            return term
        if not base.isalpha():
            return base  # numbers, codes (covid19), d'r: kept as they are
        if base.endswith(self._endings):
            base = over.rewrite(base)
        stem = self._snowball(base)
        if "ge" in base:
            stem = over.restore_ge(base, stem)
        return stem
