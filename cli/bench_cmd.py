"""`vraagbaak bench`: Vraagbaak against SQLite FTS5 on synthetic corpora (docs/benchmark.md)."""

from __future__ import annotations

import os
from pathlib import Path

import click


def _sizes(ctx, param, value: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in value.split(",") if part.strip()]
    except ValueError:
        raise click.BadParameter("a comma-separated list of document counts") from None
    if not sizes or min(sizes) < 10:
        raise click.BadParameter("each size must be at least 10")
    return sizes


@click.command("bench")
@click.option("--sizes", default="10000,50000,200000", show_default=True, callback=_sizes,
              help="Corpus sizes (documents), comma-separated.")
@click.option("--queries", default=200, show_default=True, type=click.IntRange(6),
              help="Timed queries per size, spread over six classes.")
@click.option("--rounds", default=2, show_default=True, type=click.IntRange(1),
              help="Times each engine runs the timed queries (taking turns).")
@click.option("--seed", default=2024, show_default=True, type=int,
              help="Seed of the corpora and the query mix.")
@click.option("--out", "out_dir", default=Path("bench/out"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Where report.md, report.json, latency.png and the indexes go.")
@click.option("--cache", "cache_dir", default=Path("bench/out/cache"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Generated corpora and their parsed records, kept between runs.")
@click.option("--reuse", is_flag=True,
              help="Keep indexes built by an earlier run (and its build figures).")
@click.option("--no-update", is_flag=True, help="Skip the daily-update measurement.")
@click.option("--posting-cache-mb", type=click.IntRange(0), default=None,
              help="Vraagbaak's cache of decoded postings (default 192; 0 = off).")
def bench(sizes: list[int], queries: int, rounds: int, seed: int, out_dir: Path,
          cache_dir: Path, reuse: bool, no_update: bool, posting_cache_mb: int | None) -> None:
    """Build both engines per corpus size, time a seeded query mix, report the ratios."""
    from bench.report import markdown
    from bench.run import Config, run

    if posting_cache_mb is not None:  # read by the search processes the benchmark starts
        os.environ["VRAAGBAAK_POSTING_CACHE_MB"] = str(posting_cache_mb)
    config = Config(sizes=sizes, queries=queries, seed=seed, out=out_dir, cache=cache_dir,
                    rounds=rounds, reuse=reuse, update=not no_update,
                    log=lambda text: click.echo(text, err=True))
    results = run(config)
    click.echo(markdown(results))
    click.echo(f"written: {out_dir / 'report.md'}, {out_dir / 'report.json'}, "
               f"{out_dir / 'latency.png'}", err=True)


COMMANDS = [bench]
