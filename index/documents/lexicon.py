"""A Dutch lexicon that decides how a word broken at a line end is joined again.

PDF extraction leaves `sociaal-` / `economische` (a real hyphen: keep it) next to
`dienstenecono-` / `mie` (a typesetter's break: join) and `werkings-` / `en` (an
elliptic compound: keep the hyphen and the space). Telling them apart needs to know
which words exist, so the lexicon combines three sources:

- hunspell-nl (Debian's OpenTaal word list) when installed: stems plus their suffix and
  prefix rules, applied at lookup time, so loading is one pass over the file;
- wordfreq's Dutch list (always installed): 300k tokens with frequencies. Its tokenizer
  splits on hyphens, so it never holds `sociaal-economische` and does hold fragments
  such as `beleids`; it is trusted for solid words, and for parts only above a frequency;
- the corpus itself: words seen unbroken (`add_text`), which settle the spelling the
  documents actually use.

The rules of `Lexicon.resolve_break` are listed in RULES, in the order they apply;
docs/cleaning.md gives their measured accuracy. Loading takes about 0.45 s (hunspell
0.27 s, wordfreq 0.18 s), once per process; a decision then takes about 15 µs.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# Where Debian (hunspell-nl) and older myspell packages put the Dutch dictionary.
HUNSPELL_CANDIDATES = (
    Path("/usr/share/hunspell/nl.dic"),
    Path("/usr/share/hunspell/nl_NL.dic"),
    Path("/usr/share/myspell/dicts/nl.dic"),
    Path("/usr/share/myspell/nl.dic"),
)
# A wordfreq token counts as a word part from this frequency on (Zipf 2.5): rarer ones
# include extraction fragments such as `nemers`.
WORD_FREQ_MIN = 3e-7
# A right part that is one of these after `left-` makes an elliptic compound:
# `werkings- en projectsubsidies`, `land- of tuinbouw`, `zowel beleids- als ...`.
ELLIPSIS_WORDS = frozenset({"en", "of", "als", "tot", "noch"})
# Prefixes Dutch writes with a hyphen before any word: `oud-minister`, `ex-partner`.
HYPHEN_PREFIXES = frozenset({"ex", "oud", "niet", "non", "vice", "adjunct", "interim", "kandidaat"})
# Heads written with a hyphen after a title: `secretaris-generaal`, `minister-president`.
HYPHEN_HEADS = frozenset({"generaal", "generaals", "president", "presidenten"})
# Adjective endings of copulative pairs written with a hyphen: `sociaal-economische`.
_ADJ_LEFT = re.compile(r"(?:aal|eel|isch|ief|air|ueel)$")
_ADJ_RIGHT = re.compile(r"(?:aal|ale|eel|ele|isch|ische|ief|ieve|air|aire|ueel|uele)$")
_VOWELS = frozenset("aeiouyáàâäéèêëíìîïóòôöúùûü")
_V = _VOWELS - {"y"}
_TREMA = {"a": "ä", "e": "ë", "i": "ï", "o": "ö", "u": "ü"}

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LEFT = re.compile(r"^(.*?)((?:[^\W_]+['’-])*[^\W_]+)$", re.DOTALL)
_RIGHT = re.compile(r"^((?:[^\W_]+['’-])*[^\W_]+)(.*)$", re.DOTALL)


def normalise(word: str) -> str:
    """The form all lookups use: NFC, lowercase, `ĳ` spelled out, straight apostrophe."""
    word = unicodedata.normalize("NFC", word).lower()
    return word.replace("ĳ", "ij").replace("’", "'")


@dataclass(frozen=True)
class _Affix:
    flag: str
    strip: str
    add: str
    condition: re.Pattern[str]
    cross: bool


class Hunspell:
    """The parts of a hunspell dictionary needed to tell whether a word exists.

    Affix rules are applied backwards at lookup time (strip the ending, check that the
    stem carries the rule's flag), as hunspell does, instead of expanding 180k stems
    into millions of forms. Compounding is not modelled: the rules that need it work
    on the two parts of the break instead.
    """

    def __init__(self, dic: Path):
        aff = dic.with_suffix(".aff")
        text = aff.read_text(encoding="utf-8", errors="replace").replace("ĳ", "ij")
        self.forbidden_flag = _directive(text, "FORBIDDENWORD")
        self.compound_only_flag = _directive(text, "ONLYINCOMPOUND")
        self.suffixes: dict[str, list[_Affix]] = {}
        self.prefixes: dict[str, list[_Affix]] = {}
        self._parse_affixes(text)
        self.stems: dict[str, str] = {}
        self.forbidden: set[str] = set()
        self._parse_stems(dic)
        self.known = functools.lru_cache(maxsize=1 << 16)(self._known)

    def _parse_affixes(self, text: str) -> None:
        cross: dict[str, bool] = {}
        for line in text.splitlines():
            parts = line.split()
            if len(parts) < 4 or parts[0] not in ("SFX", "PFX"):
                continue
            if len(parts) == 4:
                cross[parts[1]] = parts[2] == "Y"
                continue
            kind, flag, strip, add, cond = parts[:5]
            add, _, continuation = add.partition("/")
            if add == "0":
                add = ""
            # Forms that only exist inside compounds (`werking` + `s`, `werk-`) are not words.
            if not add or add.endswith("-") or _has_flag(continuation, self.compound_only_flag):
                continue
            strip = "" if strip == "0" else strip
            pattern = f"(?:{cond})$" if kind == "SFX" else f"^(?:{cond})"
            rule = _Affix(flag, normalise(strip), normalise(add), re.compile(pattern),
                          cross.get(flag, False))
            table = self.suffixes if kind == "SFX" else self.prefixes
            table.setdefault(rule.add, []).append(rule)

    def _parse_stems(self, dic: Path) -> None:
        stems = self.stems
        with dic.open(encoding="utf-8", errors="replace") as handle:
            next(handle, None)  # the entry count
            for line in handle:
                entry = line.split("\t", 1)[0].rstrip("\n")
                word, _, flags = entry.partition("/")
                if not word or " " in word:
                    continue
                word = normalise(word)
                if _has_flag(flags, self.forbidden_flag):
                    self.forbidden.add(word)
                elif word in stems:
                    stems[word] += flags
                else:
                    stems[word] = flags

    def _stem_has(self, stem: str, flag: str) -> bool:
        flags = self.stems.get(stem)
        return flags is not None and _has_flag(flags, flag) \
            and not _has_flag(flags, self.compound_only_flag)

    def _by_suffix(self, word: str) -> list[tuple[str, str]]:
        """(stem, flag) pairs from which a suffix rule derives `word`."""
        found = []
        for cut in range(1, len(word)):
            for rule in self.suffixes.get(word[cut:], ()):
                stem = word[:cut] + rule.strip
                if rule.condition.search(stem) and self._stem_has(stem, rule.flag):
                    found.append((stem, rule.flag))
        return found

    def _known(self, word: str) -> bool:
        if word in self.forbidden:
            return False
        flags = self.stems.get(word)
        if flags is not None and not _has_flag(flags, self.compound_only_flag):
            return True
        if self._by_suffix(word):
            return True
        for cut in range(1, len(word)):
            for rule in self.prefixes.get(word[:cut], ()):
                stem = rule.strip + word[cut:]
                if not rule.condition.search(stem):
                    continue
                if self._stem_has(stem, rule.flag):
                    return True
                if rule.cross and any(
                    _has_flag(self.stems[s], rule.flag) for s, _ in self._by_suffix(stem)
                ):
                    return True
        return False

    def is_letterword(self, word: str) -> bool:
        """`btw`, `gsm`: OpenTaal flags letterwords that take a hyphen in compounds (Cl)."""
        return _has_flag(self.stems.get(word, ""), "Cl")

    def is_adjective(self, word: str, *, inflected: bool) -> bool:
        """Whether `word` is an adjective stem (or, if `inflected`, any adjective form)."""
        if _has_adjective_flag(self.stems.get(word, "")):
            return True
        return inflected and any(
            _has_adjective_flag(flag) for _, flag in self._by_suffix(word)
        )


def _directive(text: str, name: str) -> str:
    match = re.search(rf"^{name}\s+(\S+)", text, re.MULTILINE)
    return match.group(1) if match else "\0"


def _has_flag(flags: str, flag: str) -> bool:
    """Flags are two characters each (`FLAG long`, as nl.aff declares)."""
    return any(flags[i:i + 2] == flag for i in range(0, len(flags), 2))


def _has_adjective_flag(flags: str) -> bool:
    """OpenTaal names its adjective suffix flags `Aa`..`Az`."""
    return any(flags[i] == "A" and flags[i + 1].islower() for i in range(0, len(flags) - 1, 2))


@functools.cache
def load_hunspell(path: Path) -> Hunspell | None:
    """The parsed dictionary at `path`, or None when it is missing or unreadable."""
    try:
        return Hunspell(path)
    except (OSError, UnicodeError):
        return None


@functools.cache
def load_wordfreq() -> dict[str, float]:
    """wordfreq's Dutch frequencies, keyed by the lexicon's normalised form."""
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    # Its keys are already lowercase NFC with straight apostrophes, as `normalise` makes them.
    return wordfreq.get_frequency_dict("nl")


def find_hunspell() -> Path | None:
    return next((p for p in HUNSPELL_CANDIDATES if p.is_file()), None)


# The rules of `Lexicon.resolve_break`, first match wins (name: when it applies -> result).
RULES = (
    ("ellipsis", "right is en/of/als/tot/noch and a word follows, or left+right is no word"
                 " -> `werkings- en`"),
    ("digits", "a digit on either side -> keep: `2020-2025`, `COVID-19`"),
    ("capital", "right is capitalised (and not all-caps text) -> keep: `Vlaams-Brabant`"),
    ("acronym", "left is in capitals, right is not -> keep: `OCMW-verenigingen`"),
    ("corpus", "the corpus has the hyphenated or the solid form -> the commoner one"
               " (hyphen on a tie)"),
    ("hunspell-hyphen", "hunspell lists the hyphenated form -> keep: `sociaal-economische`"
                        " (it lists `sociaaleconomisch` too, so this comes first)"),
    ("adjective-endings", "adjective + adjective by their endings -> keep: `sociaal-culturele`"),
    ("trema", "vowel + vowel and the trema form is the commoner -> `beëindigen`"),
    ("known-solid", "the solid form is a word of any source -> join: `werknemers`"),
    ("hyphen-pair", "two words Dutch hyphenates: prefix (`oud-`), head (`-generaal`),"
                    " vowel clash (`economie-ondernemingen`), letterword, adjectives -> keep"),
    ("fallback-join", "anything else -> join: compounds are written solid in Dutch"),
)


class Lexicon:
    """Dutch words from hunspell-nl, wordfreq and the corpus; decides line-end breaks.

    Construction is cheap: the word lists load on first use and are shared by every
    Lexicon in the process. Corpus words are per instance; `with_text` makes a child
    that sees one document's words on top of its parent's without copying them.
    """

    def __init__(self, hunspell_path: Path | str | None = None, *, use_wordfreq: bool = True):
        self.hunspell_path = Path(hunspell_path) if hunspell_path else find_hunspell()
        self.use_wordfreq = use_wordfreq
        self.corpus: Counter[str] = Counter()
        self._parent: Lexicon | None = None
        self._hidden: frozenset[str] = frozenset()  # for held-out evaluation only

    @property
    def hunspell(self) -> Hunspell | None:
        return load_hunspell(self.hunspell_path) if self.hunspell_path else None

    @property
    def frequencies(self) -> dict[str, float]:
        return load_wordfreq() if self.use_wordfreq else {}

    @property
    def sources(self) -> tuple[str, ...]:
        names = ["hunspell-nl"] if self.hunspell else []
        return (*names, *(["wordfreq"] if self.frequencies else []), "corpus")

    @property
    def warning(self) -> str | None:
        """One line for the CLI to print once when the best source is missing."""
        if self.hunspell:
            return None
        return ("hunspell-nl is not installed (no nl.dic found): line-end hyphenation "
                "uses wordfreq and the corpus only; run scripts/install-system-deps.sh")

    def add_text(self, text: str) -> None:
        """Count the words of `text` that are not broken at a line end."""
        self.corpus.update(corpus_words(text))

    def with_text(self, text: str) -> Lexicon:
        """A child lexicon that also knows the words of one document."""
        child = Lexicon.__new__(Lexicon)
        child.__dict__.update(self.__dict__)
        child.corpus = Counter(corpus_words(text))
        child._parent = self
        return child

    def corpus_count(self, word: str) -> int:
        word = normalise(word)
        own = self.corpus.get(word, 0)
        return own + (self._parent.corpus_count(word) if self._parent else 0)

    def is_known(self, word: str) -> bool:
        """A solid word of any source, however rare (for the joined form of a break)."""
        word = normalise(word)
        if word in self._hidden:
            return False
        return self.corpus_count(word) > 0 or word in self.frequencies or self._in_hunspell(word)

    def is_word(self, word: str) -> bool:
        """A word in its own right (for the parts of a break): rare wordfreq tokens excluded."""
        word = normalise(word)
        if word in self._hidden:
            return False
        return (self.corpus_count(word) > 0 or self._frequency(word) >= WORD_FREQ_MIN
                or self._in_hunspell(word))

    def resolve_break(self, left: str, right: str, next_word: str | None = None) -> str:
        """Join `left-` at a line end with `right`, the first word of the next line.

        `left` may be given with or without its trailing hyphen and may carry leading
        punctuation; `right` may carry trailing punctuation (`mie,`). `next_word` is the
        word after `right`, if any. Returns the joined text, for example
        `sociaal-economische`, `diensteneconomie,` or `werkings- en`.
        """
        return self.explain_break(left, right, next_word)[0]

    def explain_break(self, left: str, right: str, next_word: str | None = None
                      ) -> tuple[str, str]:
        """`resolve_break` and the name of the rule that decided (see RULES)."""
        left = left[:-1] if left.endswith("-") else left
        lm, rm = _LEFT.match(left), _RIGHT.match(right)
        if not lm or not rm:  # a dash, or punctuation at the break: not a word
            return (f"{left}- {right}" if not left.strip() else f"{left}-{right}"), "no-word"
        verdict, rule = self._decide(lm.group(2), rm.group(1), next_word)
        if verdict == "ellipsis":
            return f"{left}- {right}", rule
        if verdict == "trema":
            mark = _TREMA[right[0].lower()]
            return f"{left}{mark.upper() if right[0].isupper() else mark}{right[1:]}", rule
        return (f"{left}-{right}" if verdict == "keep" else f"{left}{right}"), rule

    def _decide(self, lcore: str, rcore: str, next_word: str | None) -> tuple[str, str]:
        """(keep | join | ellipsis | trema, rule name): RULES, in order."""
        lword, rword = lcore.rsplit("-", 1)[-1], rcore.split("-", 1)[0]
        low_l, low_r = normalise(lword), normalise(rword)
        if low_r in ELLIPSIS_WORDS and (
            _starts_word(next_word) or not self.is_known(low_l + low_r)
        ):
            return "ellipsis", "ellipsis"
        if lword[-1].isdigit() or rword[0].isdigit():
            return "keep", "digits"
        all_caps = lword.isupper() and rword.isupper()
        if rword[0].isupper() and not all_caps:
            return "keep", "capital"
        if lword.isupper() and not all_caps:
            return "keep", "acronym"
        hyphened, solid = normalise(f"{lcore}-{rcore}"), normalise(lcore + rcore)
        h_count, s_count = self.corpus_count(hyphened), self.corpus_count(solid)
        if h_count or s_count:
            return ("keep" if h_count >= s_count else "join"), "corpus"
        if self._in_hunspell(hyphened):
            return "keep", "hunspell-hyphen"
        if _ADJ_LEFT.search(low_l) and _ADJ_RIGHT.search(low_r) and self.is_word(low_l):
            return "keep", "adjective-endings"
        if low_l[-1] in _VOWELS and low_r[0] in _TREMA:
            trema = low_l + _TREMA[low_r[0]] + low_r[1:]
            if self.is_known(trema) and self._frequency(trema) >= self._frequency(low_l + low_r):
                return "trema", "trema"
        if self.is_known(solid) or self.is_known(low_l + low_r):
            return "join", "known-solid"
        reason = self._hyphen_pair(low_l, low_r)
        if reason:
            return "keep", f"hyphen-pair:{reason}"
        return "join", "fallback-join"

    def _hyphen_pair(self, left: str, right: str) -> str | None:
        """Why Dutch would write these two parts with a hyphen, if it would."""
        if left in HYPHEN_PREFIXES or right in HYPHEN_HEADS:
            return "fixed"
        if not (self.is_word(left) and self.is_word(right)):
            return None
        hunspell = self.hunspell
        if left[-1] in _VOWELS and right[0] in _VOWELS:  # klinkerbotsing: `zee-egel`
            return "vowels"
        if not _V & set(left) or (hunspell and hunspell.is_letterword(left)):
            return "letterword"
        if hunspell and hunspell.is_adjective(left, inflected=False) \
                and hunspell.is_adjective(right, inflected=True):
            return "adjectives"
        return None

    def _in_hunspell(self, word: str) -> bool:
        hunspell = self.hunspell
        return bool(hunspell) and word not in self._hidden and hunspell.known(word)

    def _frequency(self, word: str) -> float:
        return self.frequencies.get(word, 0.0)


def _starts_word(word: str | None) -> bool:
    return bool(word) and word[0].isalpha()


def corpus_words(text: str) -> list[str]:
    """Normalised words of `text`, leaving out both halves of every line-end break."""
    words: list[str] = []
    skip_first = False
    for line in text.splitlines():
        found = _WORD.findall(line)
        if skip_first and found:
            found = found[1:]
        stripped = line.rstrip()
        # Only a hyphen glued to the last word breaks it; ` -` is a dash.
        skip_first = bool(found) and stripped.endswith("-") and stripped[:-1].endswith(found[-1])
        if skip_first:
            found = found[:-1]
        words.extend(normalise(w) for w in found)
    return words


@functools.cache
def default_lexicon() -> Lexicon:
    """The process-wide lexicon: word lists plus the domain vocabulary the project ships
    (index/documents/data/domain_words.txt); documents add their own words on top."""
    lexicon = Lexicon()
    lexicon.add_text(domain_words())
    return lexicon


def domain_words() -> str:
    """Policy vocabulary general word lists miss (`kmo-portefeuille`, `regierol`)."""
    path = Path(__file__).parent / "data" / "domain_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("#"))
