"""Parse accuracy on a synthetic corpus: every field of every record against the facts.

    python -m bench.parse_accuracy --count 100000 --seed 1 --out /tmp/synth-100k

Generates the corpus (unless it is there already), parses every file with the project's
loader on both cores, and compares each record field by field with `facts.jsonl`, the
generator's statement of what a correct parser returns. Prints the time of each step and
the share of files, and of each field, that came back exactly right.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import click

from index.documents.loader import describe_error, load_records


@dataclass
class Accuracy:
    files: int = 0
    exact_files: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    field_misses: Counter = field(default_factory=Counter)
    examples: dict[str, tuple[str, object, object]] = field(default_factory=dict)
    by_style: Counter = field(default_factory=Counter)  # files per layout read from the print
    exact_by_style: Counter = field(default_factory=Counter)

    def merge(self, other: Accuracy) -> None:
        self.files += other.files
        self.exact_files += other.exact_files
        self.by_style.update(other.by_style)
        self.exact_by_style.update(other.exact_by_style)
        self.errors.extend(other.errors)
        self.field_misses.update(other.field_misses)
        for key, value in other.examples.items():
            self.examples.setdefault(key, value)

    def summary(self) -> str:
        share = self.exact_files / self.files if self.files else 0.0
        lines = [f"{self.exact_files} of {self.files} files parsed exactly ({share:.2%}); "
                 f"{len(self.errors)} failed"]
        for name, misses in self.field_misses.most_common():
            lines.append(f"  {name}: {misses} wrong ({1 - misses / self.files:.2%} right)")
        for style in sorted(self.by_style):
            files, exact = self.by_style[style], self.exact_by_style[style]
            lines.append(f"  {style}: {exact} of {files} exact ({exact / files:.2%})")
        return "\n".join(lines)


def printed_style(path: Path) -> str:
    """Which layout a generated file was printed in, read from its first lines."""
    data = path.read_bytes()[:2000]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = [" ".join(line.split()) for line in text.split("\n")[:5]] + [""] * 5
    if first[0] == "SCHRIFTELIJKE VRAAG" and first[4].startswith("aan "):
        return "layout 4 (2024-2026 PDF extraction)"
    if first[0].startswith("SCHRIFTELIJKE"):
        return "layout 3"
    return "layout 2" if first[0].startswith("aan") else "layout 1"


def check_file(directory: Path, fact: dict) -> Accuracy:
    """Compare the records parsed from one file with its facts."""
    result = Accuracy(files=1)
    style = printed_style(directory / fact["file"])
    result.by_style[style] += 1
    try:
        records = [r.to_json() for r in load_records(directory / fact["file"], fact["file"])]
    except Exception as error:  # noqa: BLE001 - counted as a failed file
        result.errors.append((fact["file"], describe_error(error)))
        return result
    expected = fact["records"]
    if len(records) != len(expected):
        result.field_misses["record count"] += 1
        return result
    exact = True
    for got, want in zip(records, expected, strict=True):
        for name, value in want.items():
            if got.get(name) != value:
                exact = False
                result.field_misses[name] += 1
                result.examples.setdefault(name, (fact["file"], got.get(name), value))
    result.exact_files = int(exact)
    result.exact_by_style[style] += int(exact)
    return result


def _check_chunk(args: tuple[str, list[dict]]) -> Accuracy:
    directory, facts = args
    total = Accuracy()
    for fact in facts:
        total.merge(check_file(Path(directory), fact))
    return total


def check_corpus(directory: Path, workers: int | None = None) -> Accuracy:
    """Parse every file listed in directory/facts.jsonl and compare, on all cores."""
    with open(directory / "facts.jsonl", encoding="utf-8") as handle:
        facts = [json.loads(line) for line in handle]
    chunks = [(str(directory), facts[i:i + 200]) for i in range(0, len(facts), 200)]
    total = Accuracy()
    workers = workers or min(2, os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for part in pool.map(_check_chunk, chunks):
            total.merge(part)
    return total


@click.command()
@click.option("--count", type=int, default=10_000, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True)
def main(count: int, seed: int, out: Path) -> None:
    from synth.generator import generate

    if not (out / "facts.jsonl").exists():
        started = time.monotonic()
        generate(count, seed, out, jobs=min(2, os.cpu_count() or 1))
        click.echo(f"generated {count} files in {time.monotonic() - started:.1f} s")
    started = time.monotonic()
    accuracy = check_corpus(out)
    seconds = time.monotonic() - started
    click.echo(f"parsed {accuracy.files} files in {seconds:.1f} s "
               f"({accuracy.files / seconds:.0f} files/s, 2 processes)")
    click.echo(accuracy.summary())
    for name, (source, got, want) in accuracy.examples.items():
        click.echo(f"example {name} in {source}:\n  got  {str(got)[:300]!r}\n"
                   f"  want {str(want)[:300]!r}")
    for source, reason in accuracy.errors[:10]:
        click.echo(f"error {source}: {reason}")


if __name__ == "__main__":
    main()
