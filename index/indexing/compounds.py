"""Split solid Dutch compounds into their parts: `kinderopvang` -> `kinder` `opvang`.

Dutch writes its policy vocabulary solid (`onderwijsbeleid`, `armoedebestrijding`), so a
search for `beleid` must also see the compounds that end or start with it. The stemmed
analyzer emits these parts as extra terms at the compound's position
(``index.indexing.analysis.CompoundPartsFilter``); search finds them through its vocabulary.

The rules, all from data the project installs (no network):

- hunspell-nl's compounding flags decide what may start a compound (`Ca`, or `Ch`/`Cd`
  for words that take a linking `-s-`) and what may end one (`Cc`); `-e-` and `-en-`
  are tried as linkers when the part before them may start a compound;
- wordfreq's Dutch frequencies admit parts hunspell lacks (inflected heads such as
  `domeinen`, older compounds used as a part), from ``MIN_FREQUENCY`` on;
- both parts are words of at least ``MIN_PART`` letters (three for a common head such as
  `wet`), never a stop word, separable-verb particle (`samen`, `terug`) or suffix-like
  head (`-lijk`, `-matig`): `regering`, `ambtenaar`, `kwartaal`, `gemeentelijk` stay whole;
- of the possible splits the one whose parts have the highest geometric-mean frequency
  wins (Koehn and Knight), unless the whole word is ``WHOLE_RATIO`` times commoner than
  that mean (`minister` is not `mini` + `ster`); each part is split again.

Measured on a hand-checked sample of corpus words: docs/analysis.md.
"""

from __future__ import annotations

import functools
import math
from functools import cache
from typing import NamedTuple

from index.documents.lexicon import Hunspell, find_hunspell, load_hunspell, load_wordfreq
from index.indexing.stemming import fold, stopwords

MIN_PART = 4
MIN_WORD = 2 * MIN_PART
MIN_FREQUENCY = 1e-6  # Zipf 3: a word met once per million words
SHORT_PART_FREQUENCY = 2e-5  # a three-letter part must be common: `wet`, `dag`, not `aal`
LINKERS = ("", "s", "e", "en")
# `-e-` is a rare linker: `broeikasgas|emissies` beats `broeikasgase|missies`.
E_LINK_PENALTY = math.log(0.1)
# A word much commoner than its parts is a word of its own (`minister`, not `mini`+`ster`;
# `belasting`, not `bela`+`sting`): kept whole when over this many times their mean.
WHOLE_RATIO = 5.0
# Words that look like parts but make derivations: separable particles and adverbs
# before a verb noun (`samenwerking`), suffixes that are also words (`gemeentelijk`).
PARTICLES = frozenset({
    "samen", "terug", "verder", "weer", "mede", "toe", "mee", "neer", "voort", "achter",
    "binnen", "buiten", "boven", "beneden", "heen", "rond", "langs", "vooruit", "ineen",
    "tussen"
})
SUFFIX_HEADS = frozenset({
    "lijk", "lijke", "lijker", "lijks", "matig", "matige", "baar", "bare", "loos", "loze",
    "achtig", "achtige", "zaam", "zame", "schap", "heid", "heden", "ling", "dom", "isch",
    "ische", "tig", "tien", "rijk", "rijke", "kundig", "kundige", "vol", "volle"
})


class CompoundSplitter:
    """Decides the parts of one folded, lowercase word (an empty tuple: not a compound).

    Word lists load on first use and are shared by every splitter in the process; the
    caches are rebuilt after unpickling, never stored. Besides each word's parts it
    remembers what it decided of each candidate modifier and head: the words of one
    vocabulary share them (`onderwijs|beleid`, `onderwijs|beleids|plan`, `cultuur|beleid`),
    so a search vocabulary of 30,000 words is split several times faster than word by
    word (tests/test_compound_parts_frozen.py holds the decisions to what they were).
    """

    def __init__(self, cachesize: int = 200_000) -> None:
        self.cachesize = cachesize
        self._setup()

    def _setup(self) -> None:
        self._cache: dict[str, tuple[str, ...]] = {}
        self._modifiers: dict[str, tuple[str, str] | None] = {}
        self._heads: dict[str, bool] = {}
        self._data: _WordLists | None = None

    def __getstate__(self) -> dict:
        return {"cachesize": self.cachesize}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._setup()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def _lists(self) -> _WordLists:
        if self._data is None:
            path = find_hunspell()
            hunspell = load_hunspell(path) if path else None
            self._data = _WordLists(hunspell, load_wordfreq(), stopwords() | PARTICLES,
                                    folded_stems(hunspell))
        return self._data

    def __call__(self, word: str) -> tuple[str, ...]:
        """The parts of `word`, sub-compounds before their own parts; () if whole."""
        found = self._cache.get(word)
        if found is None:
            if len(word) < MIN_WORD or not word.isalpha():
                return ()  # decided without the lists: not worth a cache entry
            found = self._split(word)
            _remember(self._cache, word, found, self.cachesize)
        return found

    # -- the rules
    def _flags(self, word: str) -> frozenset[str]:
        return _flag_set(self._lists().stems.get(word, ""))

    def _frequency(self, word: str) -> float:
        return self._lists().frequency.get(word, 0.0)

    def _modifier(self, left: str) -> tuple[str, str] | None:
        """The word `left` starts a compound with and its linker, or None (remembered)."""
        found = self._modifiers.get(left, _UNSEEN)
        if found is _UNSEEN:
            found = self._find_modifier(left)
            _remember(self._modifiers, left, found, self.cachesize)
        return found

    def _find_modifier(self, left: str) -> tuple[str, str] | None:
        """A linker is taken off when what remains may start a compound (`beleids` ->
        `beleid`, `diensten` -> `dienst`); otherwise `left` must itself be a word that
        may start one: hunspell's `Ca`/`Ce` flags, or a common noun (`dag`).
        """
        hunspell, frequency, excluded, stems = self._lists()
        if hunspell is not None and left not in stems and left[:-1] not in stems \
                and left[:-2] not in stems:
            # no root with flags to start with: only a compound itself may start one
            if len(left) >= MIN_WORD and left not in excluded and self(left):
                return left, ""  # `kinderopvang|beleid`
            return None
        for link in ("s", "en", "e", ""):
            if not left.endswith(link):
                continue
            root = left[: len(left) - len(link)]
            size = len(root)
            if size < MIN_PART - 1 or root in excluded \
                    or (size < MIN_PART and root.startswith("ge")):
                continue  # `gek` in `gekregen` is the participle's ge-
            entry = stems.get(root)
            if hunspell is not None and not entry:
                # no flags: only a compound of its own may start one (`kinderopvang|beleid`)
                if not link and size >= MIN_WORD and self(root):
                    return root, link
                continue
            flags = _flag_set(entry or "")
            if hunspell is None:
                ok = frequency.get(root, 0.0) >= MIN_FREQUENCY and (link or size >= MIN_PART)
            elif link == "s":
                ok = not flags.isdisjoint(_LINK_S_FLAGS) and size >= MIN_PART
            else:
                ok = not flags.isdisjoint(_START_FLAGS) and (size >= MIN_PART or not link)
            if not ok and not link and not flags.isdisjoint(NOUN_FLAGS):
                ok = frequency.get(root, 0.0) >= SHORT_PART_FREQUENCY
            if not ok and not link and size >= MIN_WORD:
                ok = bool(self(root))  # a compound itself: `kinderopvang|beleid`
            if ok and (size >= MIN_PART or frequency.get(root, 0.0) >= SHORT_PART_FREQUENCY):
                return root, link
        return None

    def _head(self, right: str) -> bool:
        """Whether `right` may end a compound (remembered)."""
        found = self._heads.get(right)
        if found is None:
            found = self._is_head(right)
            _remember(self._heads, right, found, self.cachesize)
        return found

    def _is_head(self, right: str) -> bool:
        hunspell, frequency, excluded, stems = self._lists()
        if len(right) < MIN_PART - 1 or right in excluded or right in SUFFIX_HEADS:
            return False
        if len(right) < MIN_PART and frequency.get(right, 0.0) < SHORT_PART_FREQUENCY:
            return False
        if hunspell is None:
            return frequency.get(right, 0.0) >= MIN_FREQUENCY
        flags = _flag_set(stems.get(right, ""))
        if "Cc" in flags:
            return "Cx" not in flags
        if flags & NOUN_FLAGS and frequency.get(right, 0.0) >= MIN_FREQUENCY:
            return True  # hunspell lacks Cc on some heads: `stelling`, `rol`
        if len(right) >= MIN_WORD and self(right):
            return True  # a compound itself: `woon|zorgcentrum`
        return any("Cc" in _flag_set(stems.get(stem, "")) or (
            _flag_set(stems.get(stem, "")) & NOUN_FLAGS
            and frequency.get(stem, 0.0) >= MIN_FREQUENCY)
            for stem, _ in hunspell._by_suffix(right))

    def top_split(self, word: str) -> tuple[str, str] | None:
        """The first split of `word` (modifier without linker, head), or None."""
        if len(word) < MIN_WORD or not word.isalpha():
            return None
        return self._best(word)

    def _split(self, word: str) -> tuple[str, ...]:
        best = self._best(word)
        if best is None:
            return ()
        parts: list[str] = []
        for part in best:
            parts.append(part)
            parts.extend(self(part))
        return tuple(dict.fromkeys(parts))

    def _best(self, word: str) -> tuple[str, str] | None:
        frequency = self._lists().frequency
        modifiers, heads = self._modifiers, self._heads  # looked up here: one call less a cut
        ering = word.endswith("ering")
        best, best_score = None, -math.inf
        # The shortest cut that starts a compound or was left undecided (cuts go up).
        shortest = 0
        for cut in range(MIN_PART - 1, len(word) - MIN_PART + 2):
            left = word[:cut]
            found = modifiers.get(left, _UNSEEN)  # dictionary look-ups: the cheap test first
            if found is None:
                continue
            right = word[cut:]
            if ering and right == "ring":
                continue  # the suffix -ering: digitalisering, rapportering
            is_head = heads.get(right)
            if found is _UNSEEN:
                if is_head is False:
                    shortest = shortest or cut  # no split here: `left` stays undecided
                    continue
                if cut >= MIN_WORD and not 0 < shortest <= cut - MIN_PART + 1 \
                        and left not in self._cache:
                    # None of the prefixes a split of `left` would start with starts
                    # a compound (all decided, shorter cuts first): `left` is none.
                    _remember(self._cache, left, (), self.cachesize)
                found = self._modifier(left)
                if found is None:
                    continue
            shortest = shortest or cut
            if is_head is None:
                is_head = self._head(right)
            if not is_head:
                continue
            left, link = found
            score = (math.log(max(frequency.get(left, 0.0), 1e-9))
                     + math.log(max(frequency.get(right, 0.0), 1e-9))) / 2
            if link == "e":
                score += E_LINK_PENALTY
            if score > best_score:
                best, best_score = (left, right), score
        if best is None or frequency.get(word, 0.0) > WHOLE_RATIO * math.exp(best_score):
            return None
        return best


class _WordLists(NamedTuple):
    """The data a splitter decides with, loaded once per process."""

    hunspell: Hunspell | None
    frequency: dict[str, float]
    excluded: frozenset[str]  # stop words and particles: never a part
    stems: dict[str, str]  # hunspell's stems, accents folded -> their flags


_UNSEEN = object()
_LINK_S_FLAGS = frozenset({"Ch", "Cd", "Ca"})
_START_FLAGS = frozenset({"Ca", "Ce"})


def _remember(cache: dict, key: str, value, size: int) -> None:
    if len(cache) >= size:
        cache.clear()
    cache[key] = value


NOUN_FLAGS = frozenset({"Za", "Zb", "Zc", "Zd", "Ze", "Zf", "Zg", "Zh", "Zi", "Zj"})


@functools.lru_cache(maxsize=4096)
def _flag_set(flags: str) -> frozenset[str]:
    """hunspell's two-letter flags of an entry as a set (few distinct strings: cached)."""
    return frozenset(flags[i:i + 2] for i in range(0, len(flags) - 1, 2))


@cache
def _folded_stems(hunspell: Hunspell) -> dict[str, str]:
    stems: dict[str, str] = {}
    for word, flags in hunspell.stems.items():
        key = fold(word)
        stems[key] = stems.get(key, "") + flags
    return stems


def folded_stems(hunspell: Hunspell | None) -> dict[str, str]:
    """hunspell's stems with accents folded (`efficientie`) -> their flags, as a plain
    string dict: no per-entry objects for the garbage collector to walk in a server."""
    return _folded_stems(hunspell) if hunspell else {}


@cache
def shared_splitter() -> CompoundSplitter:
    """One splitter per process, for callers outside the analyzers. Its caches are
    small: search splits each indexed word once, when its vocabulary is built (a cache
    of 100,000 entries made no measurable difference at 10,000 documents)."""
    return CompoundSplitter(cachesize=20_000)


def compound_parts(word: str) -> tuple[str, ...]:
    """The parts of one folded word (see CompoundSplitter)."""
    return shared_splitter()(word)
