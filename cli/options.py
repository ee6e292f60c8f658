"""What several commands share: the settings, the --index-dir option, and the one place
where an unusable index directory becomes a message on the terminal."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import click

from config.settings import Settings, SettingsError
from index.indexing.store import IndexStoreError


def current_settings() -> Settings:
    """The settings of this run, read from the environment once (a bad value is a usage
    error naming the variable)."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx is not None else None
    if root is not None and isinstance(root.obj, Settings):
        return root.obj
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        raise click.UsageError(str(error)) from None
    if root is not None:
        root.obj = settings
    return settings


def _index_dir(ctx, param, value: Path | None) -> Path:
    return value if value is not None else current_settings().index_dir


index_dir_option = click.option(
    "--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    callback=_index_dir, show_default="$VRAAGBAAK_INDEX_DIR or ~/.local/share/vraagbaak/index",
    help="Index directory.",
)


@contextlib.contextmanager
def store_errors() -> Iterator[None]:
    """No index, or an index of an older schema: one line saying what to do, exit 1."""
    try:
        yield
    except IndexStoreError as error:
        raise click.ClickException(str(error)) from None


def open_service(index_dir: Path):
    """The search service on index_dir, or the store's message and exit 1."""
    from search.service import SearchService

    with store_errors():
        return SearchService(index_dir, current_settings())


today_option = click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
    help="Compute statuses and days waited as on this day (YYYY-MM-DD; default: today).",
)
