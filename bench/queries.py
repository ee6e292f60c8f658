"""The seeded query mix, drawn from the corpus itself so every class has real matches.

Word statistics come from an evenly spread sample of the records (the whole corpus is
not needed to tell a common word from a rare one). Both engines get the same queries:
Whoosh as query text, FTS5 as the words and phrase they are made of (bench/fts.py
turns those into a MATCH expression).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import asdict, dataclass

from index.indexing.analysis import fold, stop_words

CLASSES = ("common", "rare", "and2", "phrase", "minister", "page")
LABELS = {
    "common": "common word",
    "rare": "rare word",
    "and2": "two words (AND)",
    "phrase": "exact phrase",
    "minister": "word + minister filter",
    "page": "full page (facets + 10 snippets)",
}
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    words: tuple[str, ...] = ()
    phrase: str = ""
    minister: str = ""
    page: bool = False

    @property
    def text(self) -> str:
        """The query as a user types it into Vraagbaak."""
        return f'"{self.phrase}"' if self.phrase else " ".join(self.words)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> BenchQuery:
        return cls(data["kind"], tuple(data["words"]), data["phrase"], data["minister"],
                   data["page"])


class Vocabulary:
    """Document frequencies of folded words in a sample of records."""

    def __init__(self, records: list, sample: int = 3000):
        step = max(1, len(records) // sample)
        self.records = records[::step][:sample]
        stops = stop_words()
        df: Counter = Counter()
        for record in self.records:
            df.update({w for w in _WORD.findall(fold(_text(record)))
                       if len(w) >= 4 and w not in stops})
        self.df = df
        ranked = [w for w, _ in df.most_common()]
        self.common = ranked[:150]
        n = len(self.records)
        self.middle = [w for w in ranked if 0.02 * n <= df[w] <= 0.3 * n]
        self.rare = sorted(w for w, c in df.items() if c == 1 and len(w) >= 7)
        self.ministers = sorted({r.minister for r in self.records})


def _text(record) -> str:
    return f"{record.title}\n{record.question}\n{record.answer}"


def make_queries(records: list, count: int, seed: int) -> list[BenchQuery]:
    """`count` queries spread evenly over the classes, the same for the same seed."""
    vocab = Vocabulary(records)
    rng = random.Random(f"bench-queries-{seed}")
    per_class = max(1, count // len(CLASSES))
    out: list[BenchQuery] = []
    makers = {
        "common": lambda: BenchQuery("common", (rng.choice(vocab.common),)),
        "rare": lambda: BenchQuery("rare", (rng.choice(vocab.rare),)),
        "and2": lambda: _pair(vocab, rng),
        "phrase": lambda: _phrase(vocab, rng),
        "minister": lambda: BenchQuery("minister", (rng.choice(vocab.common),),
                                       minister=rng.choice(vocab.ministers)),
    }
    for kind in CLASSES:
        for _ in range(per_class):
            if kind == "page":
                base = makers[rng.choice(["common", "and2", "phrase"])]()
                out.append(BenchQuery("page", base.words, base.phrase, page=True))
            else:
                out.append(makers[kind]())
    return out


def _pair(vocab: Vocabulary, rng: random.Random) -> BenchQuery:
    """Two mid-frequency words that occur together in one record."""
    middle = set(vocab.middle)
    while True:
        record = rng.choice(vocab.records)
        words = sorted({w for w in _WORD.findall(fold(_text(record))) if w in middle})
        if len(words) >= 2:
            return BenchQuery("and2", tuple(rng.sample(words, 2)))


def _phrase(vocab: Vocabulary, rng: random.Random) -> BenchQuery:
    """Two to four consecutive words of a question or answer, stop words included."""
    while True:
        record = rng.choice(vocab.records)
        words = _WORD.findall(rng.choice([record.question, record.answer]))
        n = rng.choice([2, 3, 4])
        if len(words) > n:
            start = rng.randrange(len(words) - n)
            return BenchQuery("phrase", phrase=" ".join(words[start:start + n]).lower())
