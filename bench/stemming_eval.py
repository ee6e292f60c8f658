"""Measure the Dutch Snowball stemmers on inflection groups built from hunspell-nl.

Run: ``.venv/bin/python -m bench.stemming_eval`` (needs Debian's ``hunspell-nl``;
only this script reads it, the index never does). The figures go in docs/analysis.md.

Gold standard: every flagged stem of ``nl.dic`` expanded with the *inflectional*
suffix rules of ``nl.aff`` (noun plurals, verb conjugation, adjective -e/-er/-st),
verb stems linked to their infinitive and participle entries, and groups that share
a surface form merged. Compounding and derivation rules (diminutives, -heid, -aar,
compound joints) are left out: those make new lemmas.

Score: pairs of words. A pair of one group that gets one term is a correct
conflation; a pair of two groups that gets one term is over-stemming. Recall (1 -
under-stemming) = correct / same-group pairs; precision = correct / conflated pairs.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import snowballstemmer

from index.indexing.stemming import DutchStemmer, fold, stopwords, strip_clitic

HUNSPELL_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))

NOUN = {"Za", "Zu", "Zx", "Zb", "Zc", "Zd", "Ze", "Zf", "Zg", "Zh", "Zi", "Zj"}
VERB = {"V3", "Vp", "Vq", "Va", "Vb", "Vi", "Ve"}
ADJ = {
    "Aa", "Ab", "Ac", "Ad", "Ae", "Ai", "Al", "Am", "An", "Ao", "Ap", "Aq", "Ar", "As",
    "Ay", "At", "Au", "Av", "Aw", "Ax",
}
INFLECTION = NOUN | VERB | ADJ
VERB_PREFIX = {f"P{c}" for c in "abcdefghijklmnopqrst"}  # separable: aan-, af-, uit-...
WORD = re.compile(r"^[a-zà-ÿ]+$")

# Pairs a searcher notices: (a, b, should_meet).
DOMAIN_PAIRS = [
    ("minister", "ministers", True), ("minister", "mini", False),
    ("antwoord", "antwoorden", True), ("vraag", "vragen", True),
    ("bestuur", "besturen", True), ("sociaal", "sociale", True),
    ("lokaal", "lokale", True), ("economie", "economische", False),
    ("economisch", "economische", True), ("samenwerking", "samenwerkingen", True),
    ("gemeente", "gemeenten", True), ("gemeente", "gemeentes", True),
    ("regisseur", "regisseurs", True), ("initiatief", "initiatieven", True),
    ("financieel", "financiële", True), ("structureel", "structurele", True),
    ("provinciaal", "provinciale", True), ("federaal", "federale", True),
    ("gecoördineerd", "gecoordineerd", True), ("creëert", "creéert", True),
    ("creëert", "creeert", True), ("ministerie", "ministeries", True),
    ("ministerie", "minister", False), ("beleid", "beleidsmatig", False),
    ("onderwijs", "onderwijzer", False), ("werk", "werken", True),
    ("kind", "kinderen", True), ("stad", "steden", True),
    ("ondersteuning", "ondersteunen", True), ("organisatie", "organisaties", True),
    ("subsidie", "subsidies", True), ("centrum", "centra", True),
    ("maatregel", "maatregelen", True), ("dossier", "dossiers", True),
]


# -- hunspell expansion ---------------------------------------------------------------


class Rule:
    __slots__ = ("strip", "add", "cond")

    def __init__(self, kind: str, strip: str, add: str, cond: str) -> None:
        self.strip = "" if strip == "0" else strip
        self.add = "" if add == "0" else add.split("/", 1)[0]
        pattern = "." if cond == "." else cond
        self.cond = re.compile(pattern + "$" if kind == "SFX" else "^" + pattern)

    def apply(self, word: str) -> str | None:
        if not self.cond.search(word) or not word.endswith(self.strip):
            return None
        return word[: len(word) - len(self.strip)] + self.add


def _ij(text: str) -> str:
    return text.replace("\u0133", "ij").replace("\u0132", "IJ")


def parse_aff(path: Path) -> tuple[dict[str, list[Rule]], dict[str, str]]:
    """Suffix rules by flag, and prefix strings by flag (nl.aff uses FLAG long)."""
    suffixes: dict[str, list[Rule]] = defaultdict(list)
    prefixes: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = _ij(line.split("#", 1)[0]).split()
        if len(parts) < 5 or parts[0] not in ("SFX", "PFX"):
            continue
        kind, flag, strip, add, cond = parts[:5]
        if kind == "SFX":
            suffixes[flag].append(Rule(kind, strip, add, cond))
        elif strip == "0" and cond == ".":
            prefixes[flag] = add.split("/", 1)[0]
    return suffixes, prefixes


def parse_dic(path: Path) -> list[tuple[str, set[str]]]:
    entries = []
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        word, _, flags = _ij(line.split("\t", 1)[0]).partition("/")
        flagset = {flags[i : i + 2] for i in range(0, len(flags) - 1, 2)}
        entries.append((word, flagset))
    return entries


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _infinitive_stems(infinitive: str) -> set[str]:
    """Possible verb stems of a Dutch infinitive: zetten->zet, vragen->vraag, leven->leef."""
    base = infinitive[:-2]
    if not base:
        return set()
    out = {base}
    if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "aeiou":
        out.add(base[:-1])
    for voiced, plain in (("v", "f"), ("z", "s")):
        if base.endswith(voiced):
            out.add(base[:-1] + plain)
    for b in list(out):
        m = re.search(r"(^|[^aeiou])([aeou])([^aeiou]+)$", b)
        if m and len(m.group(3)) == 1:
            out.add(b[: m.start(2)] + m.group(2) * 2 + b[m.start(3) :])
    return out


def build_groups(directory: Path) -> dict[str, str]:
    """Word -> group id, from hunspell-nl's stems expanded by inflection rules."""
    suffixes, prefixes = parse_aff(directory / "nl.aff")
    entries = parse_dic(directory / "nl.dic")
    uf = UnionFind()
    words: set[str] = set()
    verb_stems: dict[str, set[str]] = defaultdict(set)  # stem word -> its prefix flags
    forms_of: dict[tuple[str, frozenset], set[str]] = {}

    for word, flags in entries:
        inflect = flags & INFLECTION
        if not inflect or not WORD.match(word):
            continue  # unflagged full forms cannot be tied to their lemma: left out
        forms = {word}
        for flag in inflect:
            for rule in suffixes.get(flag, ()):
                form = rule.apply(word)
                if form and WORD.match(form):
                    forms.add(form)
        prefix_flags = frozenset(flags & VERB_PREFIX)
        forms_of[(word, prefix_flags)] = forms
        if "V3" in flags or "Vp" in flags or "Vq" in flags:
            verb_stems[word] |= prefix_flags
        for group_prefix in ("", *sorted(prefixes[f] for f in prefix_flags if f in prefixes)):
            members = [group_prefix + f for f in forms]
            words.update(members)
            for member in members[1:]:
                uf.union(members[0], member)

    # Link each infinitive (flag Vi) to its stem and ge- participle, for each prefix.
    present = {w for (w, _) in forms_of}
    for (word, prefix_flags), _forms in forms_of.items():
        if not word.endswith("en"):
            continue
        linked = [s for s in _infinitive_stems(word) if s in verb_stems]
        participles = [p for p in ("ge" + word, *(f"ge{s}{e}" for s in linked for e in "dt"))
                       if p in present]
        heads = ["", *(prefixes[f] for f in prefix_flags if f in prefixes)]
        for other in linked + participles:
            for head in heads:
                if head + other in words:
                    uf.union(head + word, head + other)
    return {w: uf.find(w) for w in words}


# -- scoring --------------------------------------------------------------------------


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def weighted_pairs(weights: list[float]) -> float:
    """Sum of w(a)*w(b) over the pairs of a class: how often a reader meets the pair."""
    total = sum(weights)
    return (total * total - sum(w * w for w in weights)) / 2


def score(
    groups: dict[str, str],
    stem: Callable[[str], str],
    weight: Callable[[str], float] | None = None,
) -> dict[str, float]:
    """Pair counts, precision and recall of the conflation `stem` makes on `groups`.

    With `weight`, a pair counts w(a)*w(b) (word frequencies) instead of 1.
    """
    weigh = weight or (lambda _w: 1.0)
    gold: dict[str, list[float]] = defaultdict(list)
    by_term: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for word, group in groups.items():
        w = weigh(word)
        gold[group].append(w)
        by_term[stem(word)][group].append(w)
    same_group = sum(weighted_pairs(ws) for ws in gold.values())
    conflated = sum(
        weighted_pairs([w for ws in c.values() for w in ws]) for c in by_term.values())
    correct = sum(weighted_pairs(ws) for c in by_term.values() for ws in c.values())
    recall = correct / same_group if same_group else 0.0
    precision = correct / conflated if conflated else 0.0
    return {
        "same_group_pairs": same_group,
        "correct": correct,
        "wrong": conflated - correct,
        "recall": recall,
        "precision": precision,
        "f1": 2 * recall * precision / (recall + precision) if recall + precision else 0.0,
    }


def accent_agreement(words: Iterable[str], stem: Callable[[str], str]) -> tuple[int, int]:
    """How many accented words get the same term as their unaccented spelling."""
    accented = [w for w in words if not w.isascii()]
    same = sum(stem(w) == stem(fold(w)) for w in accented)
    return same, len(accented)


def pipelines() -> dict[str, Callable[[str], str]]:
    """The candidate chains: algorithm x where accent folding sits."""
    out: dict[str, Callable[[str], str]] = {}
    for algorithm in ("dutch", "dutch_porter"):
        snow = snowballstemmer.stemmer(algorithm).stemWord
        out[f"{algorithm}, fold before stem"] = lambda w, s=snow: s(fold(w))
        out[f"{algorithm}, fold after stem"] = lambda w, s=snow: fold(s(w.lower()))
        full = DutchStemmer(algorithm, lemmas=None)
        out[f"{algorithm}, fold before + overrides"] = lambda w, s=full: s(fold(w))
    mapped = DutchStemmer()
    out["dutch, fold before + overrides + lemma map"] = lambda w, s=mapped: s(fold(w))
    return out


def corpus_words(root: Path) -> Counter:
    counts: Counter = Counter()
    for path in sorted(root.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for word in re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?", text):
            counts[strip_clitic(fold(word))] += 1
    return counts


def frequent_words(n: int) -> set[str]:
    from wordfreq import top_n_list

    return {w for w in top_n_list("nl", n) if WORD.match(w)}


@cache
def frequency(word: str) -> float:
    """Dutch word frequency (wordfreq), floored so unseen words still count a little."""
    from wordfreq import word_frequency

    return max(word_frequency(word, "nl"), 1e-8)


def fmt_row(name: str, s: dict[str, float], w: dict[str, float], acc: tuple[int, int]) -> str:
    return (
        f"| {name} | {s['recall']:.3f} | {s['precision']:.3f} | {s['f1']:.3f} | "
        f"{s['wrong']:,.0f} | {s['same_group_pairs'] - s['correct']:,.0f} | "
        f"{w['recall']:.3f} | {w['precision']:.3f} | {w['f1']:.3f} | {acc[0] / acc[1]:.3f} |"
    )


HAND_PAIRS = Path(__file__).resolve().parent / "data" / "domain_pairs.tsv"


def hand_pairs(path: Path = HAND_PAIRS) -> list[tuple[str, str, bool]]:
    """The frozen hand list: (word, word, should meet)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        a, b, want = line.split("\t")
        out.append((a, b, want.strip() == "meet"))
    return out


def pair_scores(pairs: list[tuple[str, str, bool]], stem: Callable[[str], str]) -> dict:
    """Precision, recall and F1 of `stem` on hand pairs (meet = positive)."""
    tp = sum(1 for a, b, want in pairs if want and stem(a) == stem(b))
    fp = sum(1 for a, b, want in pairs if not want and stem(a) == stem(b))
    fn = sum(1 for a, b, want in pairs if want and stem(a) != stem(b))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    wrong = [(a, b, want) for a, b, want in pairs if (stem(a) == stem(b)) != want]
    return {"precision": precision, "recall": recall, "f1": f1, "wrong": wrong,
            "right": len(pairs) - len(wrong)}


def lemma_report(directory: Path, top: int) -> None:
    """Before (stemmer + overrides) and after (+ lemma map), on three views; stop words
    (which search drops before stemming) are left out, else `is`/`zijn` dominate the
    frequency-weighted figures."""
    from bench.build_lemmas import held_out, stable_groups

    before = DutchStemmer(lemmas=None)
    after = DutchStemmer()
    chains = {"before: KP + overrides": lambda w: before(fold(w)),
              "after: KP + overrides + lemma map": lambda w: after(fold(w))}
    stops = stopwords()  # never stemmed in search: left out of every view
    groups = {w: g for w, g in stable_groups(build_groups(directory)).items()
              if fold(w) not in stops}
    frequent = frequent_words(top)
    views = {
        "held-out hunspell groups (1 in 5, not used to build the map)":
            {w: g for w, g in groups.items() if held_out(g)},
        f"held-out groups, forms in wordfreq top {top:,}":
            {w: g for w, g in groups.items() if held_out(g) and w in frequent},
        f"all hunspell forms in wordfreq top {top:,} (the map saw 4/5 of these groups)":
            {w: g for w, g in groups.items() if w in frequent},
    }
    for view, gold in views.items():
        print(f"\n### {view}: {len(gold):,} words in {len(set(gold.values())):,} groups\n")
        print("| chain | recall | precision | F1 | w. recall | w. precision | w. F1 |")
        print("|---|---|---|---|---|---|---|")
        for name, stem in chains.items():
            s, w = score(gold, stem), score(gold, stem, frequency)
            print(f"| {name} | {s['recall']:.3f} | {s['precision']:.3f} | {s['f1']:.3f} | "
                  f"{w['recall']:.3f} | {w['precision']:.3f} | {w['f1']:.3f} |")
    pairs = hand_pairs()
    n_meet = sum(1 for *_, want in pairs if want)
    print(f"\n### Hand list ({len(pairs)} pairs: {n_meet} meet, {len(pairs) - n_meet} apart)\n")
    print("| chain | right | precision | recall | F1 |")
    print("|---|---|---|---|---|")
    results = {name: pair_scores(pairs, stem) for name, stem in chains.items()}
    for name, r in results.items():
        print(f"| {name} | {r['right']}/{len(pairs)} | {r['precision']:.3f} | "
              f"{r['recall']:.3f} | {r['f1']:.3f} |")
    for name, r in results.items():
        stem = chains[name]
        print(f"\n{name}, wrong: " + "; ".join(
            f"{a}/{b} ({'meet' if want else 'apart'}: {stem(a)}/{stem(b)})"
            for a, b, want in r["wrong"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lemmas", action="store_true",
                        help="only the lemma-map report: before/after on held-out groups, "
                             "frequent words and the hand list")
    parser.add_argument("--hunspell", type=Path, help="folder with nl.dic and nl.aff")
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--top", type=int, default=100_000,
                        help="size of the wordfreq frequent-word view")
    parser.add_argument("--show", type=int, default=12, help="examples of errors to list")
    args = parser.parse_args(argv)

    directory = args.hunspell or next(
        (d for d in HUNSPELL_DIRS if (d / "nl.dic").exists()), None)
    if directory is None:
        print("hunspell-nl not found: apt-get install hunspell-nl", file=sys.stderr)
        return 2
    if args.lemmas:
        lemma_report(directory, args.top)
        return 0
    started = time.perf_counter()
    groups = build_groups(directory)
    frequent = frequent_words(args.top)
    views = {
        "all hunspell forms": groups,
        f"forms in wordfreq top {args.top:,}": {w: g for w, g in groups.items()
                                                if w in frequent},
    }
    print(f"gold built in {time.perf_counter() - started:.1f}s from {directory}")
    candidates = pipelines()
    for view, gold in views.items():
        n_groups = len(set(gold.values()))
        print(f"\n### {view}: {len(gold):,} words in {n_groups:,} groups\n")
        print("| chain | recall | precision | F1 | wrongly conflated pairs | missed pairs "
              "| weighted recall | weighted precision | weighted F1 | accent agreement |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for name, stem in candidates.items():
            print(fmt_row(name, score(gold, stem), score(gold, stem, frequency),
                          accent_agreement(gold, stem)))

    print("\n### Domain pairs (should meet / should stay apart)\n")
    names = list(candidates)
    print("| pair | want | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    fails = Counter()
    for a, b, want in DOMAIN_PAIRS:
        cells = []
        for name in names:
            stem = candidates[name]
            ok = (stem(a) == stem(b)) == want
            fails[name] += not ok
            cells.append(f"{stem(a)}/{stem(b)}" + ("" if ok else " ✗"))
        print(f"| {a} / {b} | {'meet' if want else 'apart'} | " + " | ".join(cells) + " |")
    print("\nfailures: " + ", ".join(f"{n}: {fails[n]}" for n in names))

    words = corpus_words(args.corpus)
    print(f"\n### Corpus vocabulary ({args.corpus}): {len(words):,} distinct words")
    for name in ("dutch, fold before stem", "dutch, fold before + overrides",
                 "dutch_porter, fold before stem"):
        stem = candidates[name]
        classes: dict[str, list[str]] = defaultdict(list)
        for w in sorted(words, key=lambda w: -words[w]):
            classes[stem(w)].append(w)
        merged = [c for c in classes.values() if len(c) > 1]
        print(f"\n{name}: {len(classes):,} terms, {len(merged)} with more than one word:")
        print("  " + "; ".join(" ".join(c) for c in merged[: args.show * 3]))

    best = "dutch, fold before + overrides"
    stem = candidates[best]
    print(f"\n### Biggest over-stemming classes of '{best}' (frequent words)")
    classes = defaultdict(set)
    for w, g in views[f"forms in wordfreq top {args.top:,}"].items():
        classes[stem(w)].add((g, w))
    wrong = sorted(classes.items(), key=lambda kv: -len({g for g, _ in kv[1]}))
    for term, members in wrong[: args.show]:
        print(f"  {term}: " + " ".join(sorted(w for _, w in members))[:150])
    return 0


if __name__ == "__main__":
    sys.exit(main())
