"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

from index.config import ENV_INDEX_DIR, default_index_dir

index_dir_option = click.option(
    "--index-dir", type=click.Path(file_okay=False, path_type=Path),
    default=default_index_dir, show_default=f"${ENV_INDEX_DIR} or ~/.local/share/vraagbaak/index",
    help="Index directory.",
)

today_option = click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
    help="Compute statuses and days waited as on this day (YYYY-MM-DD; default: today).",
)
