"""`vraagbaak check`: verify the index on disk (index/indexing/check.py); exit 0 when sound."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from cli.options import index_dir_option


@click.command("check")
@index_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check(index_dir: Path, as_json: bool) -> None:
    """Verify the index: its table of contents and every segment readable, every stored
    record decodes, postings agree with stored records on a sample, no leftover files
    of an interrupted run. Exit 0 when sound, 1 with each problem named."""
    from index.indexing.check import check_index

    report = check_index(index_dir)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            click.echo(f"problem: {problem}")
        click.echo(report.summary())
    sys.exit(0 if report.sound else 1)


COMMANDS = [check]
