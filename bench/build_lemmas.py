"""Build ``index/indexing/data/lemmas_nl.tsv``, the lemma map the stemmer consults
(index/indexing/lemmas.py).

Run: ``.venv/bin/python -m bench.build_lemmas`` (needs hunspell-nl and the dev extra
simplemma; the index itself needs neither). Sources, for forms in wordfreq's Dutch list:

- simplemma's Dutch dictionary (form -> lemma);
- hunspell-nl's inflection groups (bench/stemming_eval.py's gold) except the held-out
  fifth (``held_out``), whose groups are kept to measure the map without it scoring itself.

A form gets an entry only when its stem (Kraaij-Pohlmann + overrides) differs from the
term its lemma group should share; the entry is that term.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from index.indexing.stemming import DutchStemmer, fold, stopwords

OUT = Path(__file__).resolve().parent.parent / "index" / "data" / "lemmas_nl.tsv"
HELD_OUT_SHARE = 5  # one group in five is held out
MAX_GROUP = 40


def stable_groups(groups: dict[str, str]) -> dict[str, str]:
    """word -> the group's smallest word: a name that does not depend on set order, so
    the build and the measurement hold out the same groups in every run."""
    smallest: dict[str, str] = {}
    for word, group in groups.items():
        if group not in smallest or word < smallest[group]:
            smallest[group] = word
    return {word: smallest[group] for word, group in groups.items()}


def held_out(group: str) -> bool:
    """Whether a hunspell group (named by its root word) is kept out of the map."""
    return zlib.crc32(group.encode("utf-8")) % HELD_OUT_SHARE == 0


def base_stemmer() -> Callable[[str], str]:
    """The stemmer without any lemma map: what the map corrects."""
    stem = DutchStemmer(lemmas=None)
    return lambda w: stem(fold(w))


def simplemma_pairs() -> list[tuple[str, str]]:
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    table = DefaultDictionaryFactory().get_dictionary("nl")
    return [(form, lemma) for form, lemma in table.items()]


def from_lemmatizer(pairs, stem, vocabulary: set[str], lemmas: set[str]) -> dict[str, str]:
    """form -> stem of its lemma, where that differs from the form's own stem.

    A word that is itself a lemma keeps its own stem (`wet` is not `weten`, `bad` not
    `bidden`), so every form of a lemma meets the lemma's own term.
    """
    out: dict[str, str] = {}
    for form, lemma in pairs:
        folded, lemma = fold(form), fold(lemma)
        if folded not in vocabulary or not folded.isalpha() or folded in out:
            continue
        if folded in lemmas and not regular_form(folded, lemma, stem):
            continue
        own, target = stem(folded), stem(lemma)
        if own != target:
            out[folded] = target
    return out


def regular_form(form: str, lemma: str, stem) -> bool:
    """A word that is a lemma itself but also a regular plural or verb form of `lemma`:
    `wegen` (weg), `dagen`, `maanden`; `verhoogd`, `beslist`. Those follow the lemma."""
    if form in (lemma + "en", lemma + "s", lemma + lemma[-1:] + "en"):
        return True
    root = stem(lemma)
    return lemma.endswith("en") and form in (root + "d", root + "t", root + "dt")


def adjective_forms(vocabulary: set[str], lemmas: set[str], stem,
                    frequency: dict[str, float]) -> dict[str, str]:
    """`belgische` -> `belgisch`, `franse` -> `frans`: an -e form whose base is a lemma,
    or an -se/-sche form whose base is a common word."""
    out = {}
    for word in vocabulary:
        base = word[:-1]
        common = word.endswith(("se", "sche")) and frequency.get(base, 0) > 1e-6
        if len(word) > 4 and word.endswith("e") and word.isalpha() and (base in lemmas or common):
            target = stem(word[:-1])
            if stem(word) != target:
                out[word] = target
    return out


def from_groups(groups: dict[str, str], term: Callable[[str], str], vocabulary: set[str],
                weight: Callable[[str], float], lemmas: set[str]) -> dict[str, str]:
    """form -> the term most of its group's (frequency-weighted) forms already have.

    `term` is the stemmer with the entries made so far; lemma words are not moved.
    """
    members: dict[str, list[str]] = defaultdict(list)
    for word, group in groups.items():
        if not held_out(group):
            members[group].append(word)
    out: dict[str, str] = {}
    for words in members.values():
        if len(words) > MAX_GROUP:
            continue  # homographs chain unrelated lemmas into one big group
        folded = [fold(w) for w in words]
        votes: Counter = Counter()
        for w in folded:
            votes[term(w)] += weight(w)
        target = votes.most_common(1)[0][0]
        for w in folded:
            if w in vocabulary and w not in lemmas and term(w) != target:
                out.setdefault(w, target)
    return out


def build(sources: tuple[str, ...] = ("simplemma", "hunspell")) -> dict[str, str]:
    from wordfreq import get_frequency_dict

    from bench.stemming_eval import HUNSPELL_DIRS, build_groups

    freq = get_frequency_dict("nl")
    vocabulary = {fold(w) for w in freq}
    stem = base_stemmer()
    vocabulary -= set(DutchStemmer().overrides.forms)  # the hand table decides those
    vocabulary -= stopwords()  # never stemmed in search (`is` -> `zijn` would only blur)
    table: dict[str, str] = {}
    pairs = simplemma_pairs()
    lemmas = {fold(lemma) for _, lemma in pairs} if "simplemma" in sources else set()
    if "simplemma" in sources:
        adjectives = adjective_forms(vocabulary, lemmas, stem, freq)
        # -se/-sche adjectives first: the dictionary reads `belgische` as `Belg`
        table.update((w, t) for w, t in adjectives.items() if w.endswith(("se", "sche")))
        for form, term in from_lemmatizer(pairs, stem, vocabulary, lemmas).items():
            table.setdefault(form, term)
        for form, term in adjectives.items():
            table.setdefault(form, term)
        # what the lemmatizer knows it decides: hunspell only adds forms it lacks
        known = {fold(form) for form, _ in pairs}
        vocabulary = vocabulary - known
    if "hunspell" in sources:
        directory = next(d for d in HUNSPELL_DIRS if (d / "nl.dic").exists())
        groups = stable_groups(build_groups(directory))
        found = from_groups(groups, lambda w: table.get(w) or stem(w), vocabulary,
                            lambda w: freq.get(w, 0.0) + 1e-9, lemmas)
        for form, term in found.items():
            table.setdefault(form, term)  # the lemmatizer's word wins on a conflict
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--sources", default="simplemma,hunspell")
    args = parser.parse_args(argv)
    table = build(tuple(args.sources.split(",")))
    with args.out.open("w", encoding="utf-8") as handle:
        handle.write("# form<TAB>term: generated by `python -m bench.build_lemmas` from "
                     "simplemma's Dutch dictionary (MIT) and hunspell-nl (OpenTaal, "
                     "BSD/CC-BY); do not edit, fix index/indexing/data/stem_overrides.txt "
                     "instead\n")
        for form in sorted(table):
            handle.write(f"{form}\t{table[form]}\n")
    print(f"{len(table):,} entries -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
