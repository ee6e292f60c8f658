"""Score the compound splitter (index/indexing/compounds.py) on the hand-checked corpus sample.

Run: ``.venv/bin/python -m bench.compound_eval``. The sample, ``bench/data/
compound_sample.tsv``, holds every word of 7+ letters of the bundled corpus and two real
documents with a decision made by hand: `modifier+head` or `-` (keep whole). Reported:
compounds split right, compounds split at the wrong place, compounds missed, and
non-compounds split wrongly; the figures go in docs/analysis.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from index.indexing.compounds import CompoundSplitter

SAMPLE = Path(__file__).resolve().parent / "data" / "compound_sample.tsv"


def load_sample(path: Path = SAMPLE) -> dict[str, tuple[str, str] | None]:
    out: dict[str, tuple[str, str] | None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, decision = line.split("\t")
        out[word] = None if decision == "-" else tuple(decision.split("+"))  # type: ignore
    return out


def evaluate(sample: dict, split) -> dict[str, list]:
    result: dict[str, list] = {"right": [], "wrong_place": [], "missed": [],
                               "false_split": [], "kept_whole": []}
    for word, gold in sample.items():
        got = split(word)
        if gold is None:
            result["false_split" if got else "kept_whole"].append((word, got))
        elif got is None:
            result["missed"].append((word, gold))
        elif tuple(got) == gold:
            result["right"].append((word, got))
        else:
            result["wrong_place"].append((word, got, gold))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    args = parser.parse_args(argv)
    sample = load_sample(args.sample)
    r = evaluate(sample, CompoundSplitter().top_split)
    compounds = sum(1 for g in sample.values() if g)
    whole = len(sample) - compounds
    print(f"{len(sample)} words: {compounds} compounds, {whole} to keep whole\n")
    print("| | count | share |\n|---|---|---|")
    for key, label, base in (("right", "compounds split right", compounds),
                             ("wrong_place", "compounds split at the wrong place", compounds),
                             ("missed", "compounds missed (kept whole)", compounds),
                             ("false_split", "non-compounds split wrongly", whole)):
        print(f"| {label} | {len(r[key])} | {len(r[key]) / base:.1%} |")
    for key in ("wrong_place", "missed", "false_split"):
        print(f"\n{key}: " + "; ".join(
            f"{item[0]} {'+'.join(item[1]) if item[1] else '-'}"
            + (f" (hand: {'+'.join(item[2])})" if len(item) > 2 else "") for item in r[key]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
