"""The compound parts of a fixed list of words, against the splitter's decisions frozen
before it was made faster (issue 12b): speeding the splitter up must not change a split.

The list (tests/data/compound_parts_frozen.tsv.gz) holds the words of the bundled
corpus, the hand-checked sample of bench/data/compound_sample.tsv and a spread of
wordfreq's Dutch words (the most frequent ones, and every 19th word of 8+ letters by
frequency), with what the splitter of that time made of each: its top split, its parts
and the part stems the search vocabulary files the word under. The oracle is that old
output, never the code under test. Regenerate (``python -m tests.test_compound_parts_frozen``)
only when a splitting rule changes on purpose, and say so in the commit.
"""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from index.documents.lexicon import find_hunspell

pytestmark = pytest.mark.skipif(find_hunspell() is None, reason="hunspell-nl missing")

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "tests" / "data" / "compound_parts_frozen.tsv.gz"
HEADER = "# word\ttop split (modifier+head, - if none)\tparts\tpart stems\n"


def _field(items) -> str:
    return " ".join(items) if items else "-"


def _unfield(text: str) -> tuple[str, ...]:
    return () if text == "-" else tuple(text.split(" "))


def load_frozen() -> dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    rows = {}
    with gzip.open(FROZEN, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            word, top, parts, stems = line.rstrip("\n").split("\t")
            rows[word] = (_unfield(top.replace("+", " ")), _unfield(parts), _unfield(stems))
    return rows


@pytest.fixture(scope="module")
def frozen():
    return load_frozen()


def test_the_frozen_list_is_broad(frozen):
    """The list must exercise the splitter: thousands of words, many of them compounds."""
    assert len(frozen) > 10_000
    assert sum(1 for _, parts, _ in frozen.values() if parts) > 2_000
    assert frozen["arbeidsmarktbeleid"][1] == ("arbeidsmarkt", "arbeid", "markt", "beleid")


def test_a_fresh_splitter_splits_every_word_as_before(frozen):
    from index.indexing.compounds import CompoundSplitter

    splitter = CompoundSplitter()
    changed = {w: (splitter.top_split(w), splitter(w)) for w, (top, parts, _) in frozen.items()
               if (splitter.top_split(w) or ()) != top or splitter(w) != parts}
    assert not changed, sorted(changed.items())[:20]


def test_part_stems_are_as_before(frozen):
    from index.indexing.analysis import part_stems

    changed = {w: part_stems(w) for w, (_, _, stems) in frozen.items() if part_stems(w) != stems}
    assert not changed, sorted(changed.items())[:20]


def test_the_index_part_terms_find_every_compound_under_its_part_stems_as_before(frozen):
    """What the index holds for each word (its marked part terms, schema 5) and what the
    search vocabulary files them under lead a plain word to the same compounds as the
    part stems frozen before the parts moved into the index."""
    from index.indexing.analysis import analyze, fold, is_part_term, stem_word
    from search.vocab import Vocabulary

    # the index folds every word first (`privépersoon` is indexed as `privepersoon`)
    frozen = {word: row for word, row in frozen.items() if fold(word) == word}
    holders: dict[str, set[str]] = {}  # part term -> the words that have it
    for word in frozen:
        for term in analyze(word, exact=True):
            if is_part_term(term):
                holders.setdefault(term, set()).add(word)
    vocabulary = Vocabulary().add_words([*frozen, *holders])
    expected: dict[str, set[str]] = {}
    for word, (_, _, stems) in frozen.items():
        for stem in stems:
            expected.setdefault(stem, set()).add(word)
    found: dict[str, set[str]] = {}
    for term, words in holders.items():
        stem = stem_word(term[1:])
        assert term in vocabulary.part_terms(stem)
        found.setdefault(stem, set()).update(words)
    found = {s: ws for s, ws in found.items() if ws}
    assert found == expected
    assert vocabulary.part_stem_count() >= len(expected)


def _word_list() -> list[str]:
    from index.documents.lexicon import load_wordfreq
    from index.indexing.analysis import analyze

    words: set[str] = set()
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        words.update(analyze(path.read_text(encoding="utf-8"), exact=True, parts=False))
    sample = ROOT / "bench" / "data" / "compound_sample.tsv"
    for line in sample.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            words.add(line.split("\t", 1)[0])
    by_frequency = sorted(load_wordfreq().items(), key=lambda item: (-item[1], item[0]))
    alpha = [w for w, _ in by_frequency if w.isalpha()]
    words.update(alpha[:3000])
    words.update([w for w in alpha if len(w) >= 8][::19])
    return sorted(words)


def main() -> int:
    """Freeze what the current splitter makes of the word list."""
    from index.indexing.analysis import part_stems
    from index.indexing.compounds import CompoundSplitter

    splitter = CompoundSplitter()
    # mtime=0: the same words give the same bytes
    with gzip.GzipFile(FROZEN, "wb", compresslevel=9, mtime=0) as raw, \
            io.TextIOWrapper(raw, encoding="utf-8") as out:
        out.write(HEADER)
        for word in _word_list():
            top = splitter.top_split(word)
            out.write(f"{word}\t{'+'.join(top) if top else '-'}\t{_field(splitter(word))}"
                      f"\t{_field(part_stems(word))}\n")
    print(f"wrote {FROZEN}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
