"""`vraagbaak index`: bring the index up to date with corpus files.

Two settings tune a run without new options (config/settings.py): VRAAGBAAK_COMMIT_EVERY
(files read per commit, new or changed, parsed or not; smaller loses less work to a crash,
larger indexes faster) and VRAAGBAAK_LOCK_WAIT (seconds to wait for another writer before
giving up).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli.options import current_settings, index_dir_option, store_errors
from config.settings import BUNDLED_CORPUS
from index.documents.lexicon import default_lexicon
from index.documents.readers import printable_path
from index.indexing.diskfull import DiskFullError
from index.indexing.writer import IndexBusyError, index_paths


def run_index(paths: list[Path], index_dir: Path, prune: bool = False,
              workers: int | None = None, quiet: bool = False) -> int:
    """Index paths with a progress bar on a terminal; returns the exit code."""
    warning = default_lexicon().warning
    if warning and not quiet:
        click.echo(f"note: {warning}", err=True)
    tty = sys.stderr.isatty() and not quiet
    errors: list[tuple[str, str]] = []
    settings = current_settings()
    tuning = {"batch_size": settings.commit_every, "lock_wait": settings.lock_wait}
    try:
        with store_errors():
            if tty:
                with click.progressbar(length=0, label="indexeren", file=sys.stderr,
                                       show_pos=True) as bar:
                    report = index_paths(paths, index_dir, prune=prune, workers=workers,
                                         progress=bar.update,
                                         on_error=lambda s, e: errors.append((s, e)),
                                         **tuning)
            else:
                report = index_paths(paths, index_dir, prune=prune, workers=workers,
                                     **tuning)
    except IndexBusyError as error:
        click.echo(f"error: {error}", err=True)
        return 1
    except DiskFullError as error:
        click.echo(str(error), err=True)
        return 1
    for source, reason in report.failed:
        # the same escaping as `vraagbaak parse`: a name's newline or escape sequence
        # must not reach the terminal raw
        click.echo(f"{printable_path(source)}: error: {printable_path(reason)}", err=True)
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
    some file could not be indexed (each is reported with its reason), when another
    run holds the index, or when the disk is full (the last commit is kept).
    Environment: VRAAGBAAK_COMMIT_EVERY=N files read per commit,
    VRAAGBAAK_LOCK_WAIT=S seconds to wait for another run (docs/reliability.md).
    """
    sys.exit(run_index(list(paths) or [BUNDLED_CORPUS], index_dir, prune, workers))


COMMANDS = [index]
