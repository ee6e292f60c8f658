"""`vraagbaak corpus synth`: write a deterministic synthetic corpus for tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def corpus() -> None:
    """Work with document corpora."""


@corpus.command()
@click.option("--count", required=True, type=click.IntRange(min=1), help="Files to write.")
@click.option("--seed", default=0, show_default=True, type=int, help="Same seed, same bytes.")
@click.option("--out", "out_dir", required=True,
              type=click.Path(file_okay=False, writable=True, path_type=Path),
              help="Directory to write into (created if missing).")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes; output does not depend on it.")
@click.option("--metadata", "with_metadata", is_flag=True,
              help="Also write each file's official metadata as <name>.json, in the "
                   "open-data services' shape.")
def synth(count: int, seed: int, out_dir: Path, jobs: int, with_metadata: bool) -> None:
    """Write COUNT synthetic question files and facts.jsonl (their expected parse)."""
    from synth.generator import generate  # loads word lists: only when this command runs

    summary = generate(count, seed, out_dir, jobs=jobs, with_metadata=with_metadata)
    rate = summary.files / summary.seconds if summary.seconds else 0.0
    click.echo(
        f"wrote {summary.files} files ({summary.questions} questions) and facts.jsonl "
        f"to {summary.out_dir} in {summary.seconds:.1f} s ({rate:.0f} files/s)"
    )
    if summary.stale:
        click.echo(f"warning: {summary.out_dir} also holds {summary.stale} other .txt files "
                   "that facts.jsonl does not describe", err=True)


COMMANDS = [corpus]
