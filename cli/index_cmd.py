"""`vraagbaak index`: bring the index up to date with corpus files.

Two environment variables tune a run without new options: VRAAGBAAK_COMMIT_EVERY (files
read per commit, new or changed, parsed or not; smaller loses less work to a crash, larger
indexes faster) and VRAAGBAAK_LOCK_WAIT (seconds to wait for another writer before giving up).
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import click

from cli.options import index_dir_option
from index.config import BUNDLED_CORPUS
from index.lexicon import default_lexicon
from index.schema import IndexVersionError
from index.writer import DEFAULT_BATCH, LOCK_WAIT_SECONDS, IndexBusyError, index_paths

ENV_COMMIT_EVERY = "VRAAGBAAK_COMMIT_EVERY"
ENV_LOCK_WAIT = "VRAAGBAAK_LOCK_WAIT"


def _env_number(name: str, default, kind=int, low=1):
    """A positive number from the environment, or a usage error naming the variable."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or value < low:
        raise click.UsageError(f"{name} must be a number >= {low}, not {raw!r}")
    return value


def run_index(paths: list[Path], index_dir: Path, prune: bool = False,
              workers: int | None = None, quiet: bool = False) -> int:
    """Index paths with a progress bar on a terminal; returns the exit code."""
    warning = default_lexicon().warning
    if warning and not quiet:
        click.echo(f"note: {warning}", err=True)
    tty = sys.stderr.isatty() and not quiet
    errors: list[tuple[str, str]] = []
    tuning = {"batch_size": _env_number(ENV_COMMIT_EVERY, DEFAULT_BATCH),
              "lock_wait": _env_number(ENV_LOCK_WAIT, LOCK_WAIT_SECONDS, float, 0)}
    try:
        if tty:
            with click.progressbar(length=0, label="indexeren", file=sys.stderr,
                                   show_pos=True) as bar:
                report = index_paths(paths, index_dir, prune=prune, workers=workers,
                                     progress=bar.update,
                                     on_error=lambda s, e: errors.append((s, e)), **tuning)
        else:
            report = index_paths(paths, index_dir, prune=prune, workers=workers, **tuning)
    except (IndexBusyError, IndexVersionError) as error:
        click.echo(f"error: {error}", err=True)
        return 1
    for source, reason in report.failed:
        click.echo(f"{source}: error: {reason}", err=True)
    if not quiet:
        click.echo(report.summary())
    return 0 if report.ok else 1


@click.command("index")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@index_dir_option
@click.option("--prune", is_flag=True, help="Remove records whose files no longer exist.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Parser processes (default: up to 2).")
def index(paths: tuple[Path, ...], index_dir: Path, prune: bool, workers: int | None) -> None:
    """Index PATH... (files or folders; default: the bundled corpus).

    Incremental: unchanged files are skipped, changed files replaced. Exit 1 when
    some file could not be indexed (each is reported with its reason), or when another
    run holds the index. Environment: VRAAGBAAK_COMMIT_EVERY=N files read per commit,
    VRAAGBAAK_LOCK_WAIT=S seconds to wait for another run (docs/reliability.md).
    """
    sys.exit(run_index(list(paths) or [BUNDLED_CORPUS], index_dir, prune, workers))


COMMANDS = [index]
