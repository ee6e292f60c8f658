"""The Dutch analyzers of the index: Whoosh tokenizer + filters, in Whoosh's style.

``stemmed_analyzer()`` is for plain search words (all inflections match);
``exact_analyzer()`` is what the index stores: words for quoted phrases (no stemming,
stop words kept) and, when indexing, the parts of solid compounds as marked terms
(``PART_MARK``). Both make the same tokens at the same positions, so a phrase works on
either field. Decisions and measurements: docs/analysis.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from whoosh.analysis import Composable, Filter, RegexTokenizer, Token

from index.indexing.compounds import MIN_WORD, CompoundSplitter, compound_parts
from index.indexing.stemming import DutchStemmer, fold, stopwords

__all__ = [
    "CompoundFilter",
    "CompoundPartsFilter",
    "DutchStemFilter",
    "DutchStopFilter",
    "FoldFilter",
    "PART_MARK",
    "TOKEN_PATTERN",
    "analyze",
    "exact_analyzer",
    "fold",
    "is_part_term",
    "marks_parts",
    "part_stems",
    "phrase_terms",
    "stem_word",
    "stemmed_analyzer",
    "stop_words",
]

_ALNUM = r"[^\W_]"
_MARK = r"[\u0300-\u036f\u00ad]"  # combining accents (NFD text) and soft hyphens
_SEGMENT = rf"{_ALNUM}(?:{_ALNUM}|{_MARK})*"
_WORD = rf"{_SEGMENT}(?:['\u2019]{_SEGMENT})*"  # OCMW's, auto's
_NUMBER = r"\d+(?:[.,]\d+)+"  # 1.000.000, 3,5, 17.02.2012
_HYPHENS = "-\u2010\u2011"
#: A token: words and numbers joined by hyphens (sociaal-economische, 2020-2025).
TOKEN_PATTERN = rf"(?:{_NUMBER}|{_WORD})(?:[{_HYPHENS}](?:{_NUMBER}|{_WORD}))*"
_HYPHEN = re.compile(f"[{_HYPHENS}]")
#: Starts the term of a compound part (`+opvang` from `kinderopvang`): a character the
#: tokenizer never makes, so a part is never the same term as the whole word `opvang`,
#: a phrase (whole terms only) never matches it, and word lists, prefixes and
#: corrections over the index's terms tell parts apart by their first character.
PART_MARK = "+"


def is_part_term(term: str) -> bool:
    """Whether an indexed term is a compound part (``PART_MARK``), not a word."""
    return term.startswith(PART_MARK)


class CompoundFilter(Filter):
    """Splits hyphenated compounds into their parts, at consecutive positions.

    When indexing (``mode="index"``) it first emits the joined form at the first
    part's position, so `sociaaleconomische` also finds `sociaal-economische` and a
    line-end hyphen the cleaner kept (`samenwer-kingen`) does not hide the word.
    Queries and phrases get the parts only, so a phrase's positions stay consecutive.
    Parts that are all digits (`2020-2025`, `COVID-19`) are never joined.
    """

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        shift = 0
        for t in tokens:
            text = t.text
            if shift and t.positions:
                t.pos += shift
            if not _HYPHEN.search(text):
                yield t
                continue
            spans = [m.span() for m in re.finditer(f"[^{_HYPHENS}]+", text)]
            pos = t.pos if t.positions else 0
            start = t.startchar if t.chars else 0
            if t.mode == "index" and not any(text[a:b].isdigit() for a, b in spans):
                t.text = "".join(text[a:b] for a, b in spans)
                t.stopped = False
                yield t
            for i, (a, b) in enumerate(spans):
                t.text = text[a:b]
                t.stopped = False
                if t.positions:
                    t.pos = pos + i
                if t.chars:
                    t.startchar, t.endchar = start + a, start + b
                yield t
            shift += len(spans) - 1


class FoldFilter(Filter):
    """Lowercases and folds accents (see ``fold``), with a per-word cache."""

    def __init__(self, cachesize: int = 100_000) -> None:
        self.cachesize = cachesize
        self._cache: dict[str, str] = {}

    def __getstate__(self) -> dict:
        return {"cachesize": self.cachesize}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        cache = self._cache
        for t in tokens:
            text = t.text
            folded = cache.get(text)
            if folded is None:
                folded = fold(text)
                if len(cache) >= self.cachesize:
                    cache.clear()
                cache[text] = folded
            t.text = folded
            yield t


class DutchStopFilter(Filter):
    """Drops Dutch stop words and closes the gaps they leave in the positions.

    Unlike Whoosh's StopFilter it keeps tokens that share a position (a compound's
    joined form and first part) at one position, and keeps one-letter words and
    digits. With ``removestops=False`` (highlighting) stop words pass, marked stopped.
    """

    def __init__(self, stoplist: Iterable[str] | None = None, renumber: bool = True) -> None:
        self.stops = frozenset(stopwords() if stoplist is None else stoplist)
        self.renumber = renumber

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        stops = self.stops
        last_in = out = None
        for t in tokens:
            if t.text in stops:
                if not t.removestops:
                    t.stopped = True
                    yield t
                continue
            t.stopped = False
            if self.renumber and t.positions and t.removestops:
                if out is None:
                    out = t.pos
                elif t.pos != last_in:
                    out += 1
                last_in, t.pos = t.pos, out
            yield t


class CompoundPartsFilter(Filter):
    """Adds the parts of a solid compound as extra, marked terms at its position.

    `kinderopvang` -> `kinderopvang` `+kinder` `+opvang` (all at one position), so that a
    plain `opvang` also finds the compound through the term `+opvang`, while the whole
    word `opvang` (and so the phrase `"opvang"`) stays a term of its own. The parts come
    from index/indexing/compounds.py (which never splits off a stop word, and no stop word
    is long enough to split); a part with the word's own stem is left out (`taallessen`
    stems to `taal`; `beschikking` is cut `beschik` + `king`): the word is found as
    itself. Only when indexing (``mode="index"``): a query word or quoted phrase keeps
    its word. Stopped tokens are never split.
    Pickles without its word lists or cache: they load on the first word to split.
    """

    def __init__(self, splitter: CompoundSplitter | None = None) -> None:
        self.splitter = splitter or CompoundSplitter()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        split = self.splitter
        for t in tokens:
            text = t.text  # read before yielding: the stem filter rewrites t.text in place
            skip = t.mode != "index" or t.stopped
            yield t
            if skip:
                continue
            parts = split(text)
            if not parts:
                continue
            own = stem_word(text)
            for part in parts:
                if stem_word(part) != own:  # `beschik` of `beschikking`: the word itself
                    t.text = PART_MARK + part
                    yield t


class DutchStemFilter(Filter):
    """Snowball Dutch with the project's overrides (``index.indexing.stemming.DutchStemmer``).

    Pickles without its C stemmer or cache: they are rebuilt when an index is opened.
    """

    is_morph = True

    def __init__(self, stemmer: DutchStemmer | None = None) -> None:
        self.stemmer = stemmer or DutchStemmer()

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        stem = self.stemmer
        for t in tokens:
            if t.stopped:
                pass
            elif t.text.startswith(PART_MARK):  # a compound part: its stem, still marked
                t.text = PART_MARK + stem(t.text[1:])
            else:
                t.text = stem(t.text)
            yield t


def stemmed_analyzer() -> Composable:
    """Words -> hyphen parts -> lowercase, accents folded -> stop words out -> marked
    parts of solid compounds (index mode) -> stems."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | CompoundFilter()
        | FoldFilter()
        | DutchStopFilter()
        | CompoundPartsFilter()
        | DutchStemFilter()
    )


def exact_analyzer(parts: bool = True) -> Composable:
    """The same tokens as ``stemmed_analyzer``, only lowercased and accent-folded (stop
    words kept); with `parts` (the index's analyzer) the marked parts of solid compounds
    too. Without them no word list is ever loaded: search uses that one."""
    chain = RegexTokenizer(TOKEN_PATTERN) | CompoundFilter() | FoldFilter()
    return chain | CompoundPartsFilter() if parts else chain


def marks_parts(analyzer) -> bool:
    """Whether an analyzer (as unpickled from an index) adds marked compound parts."""
    return any(isinstance(item, CompoundPartsFilter) for item in getattr(analyzer, "items", ()))


_SHARED: dict[tuple[bool, bool], Composable] = {}


def _shared(exact: bool, parts: bool) -> Composable:
    key = (exact, parts)
    if key not in _SHARED:
        _SHARED[key] = exact_analyzer(parts) if exact else stemmed_analyzer()
    return _SHARED[key]


def analyze(text: str, exact: bool = False, mode: str = "index", parts: bool = True) -> list[str]:
    """The terms an analyzer makes of `text`, in order (``mode="index"``: as stored;
    ``parts=False``: an exact analysis without the compound parts, loading no word list)."""
    return [t.text for t in _shared(exact, parts)(text, mode=mode)]


def phrase_terms(text: str, exact: bool = True) -> list[str]:
    """The terms of a quoted phrase, one per consecutive position (for a Phrase query)."""
    return analyze(text, exact=exact, mode="query", parts=False)


_STEMMER: list[DutchStemmer] = []


def stem_word(word: str) -> str:
    """The stemmed analyzer's term for one word (folded, overrides applied).

    Not split at hyphens and not checked against the stop words: a single term.
    """
    if not _STEMMER:
        _STEMMER.append(DutchStemmer())
    return _STEMMER[0](fold(word))


def part_stems(word: str, own: str | None = None) -> tuple[str, ...]:
    """The stems of the compound parts of one folded word, without the word's own stem
    (`own`, when the caller has it already): what a plain query word finds the word by
    through the index's marked part terms (search/vocab.py stems those at search time)."""
    if len(word) < MIN_WORD:
        return ()  # most words: too short to split, known without a call
    parts = compound_parts(word)
    if not parts:
        return ()
    if own is None:
        own = stem_word(word)
    stems = (stem_word(part) for part in parts)
    return tuple(dict.fromkeys(s for s in stems if s != own))


def stop_words() -> frozenset[str]:
    """The stop words the stemmed analyzer drops (folded, lowercase)."""
    return stopwords()
