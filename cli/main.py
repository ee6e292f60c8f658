"""The `vraagbaak` command: a thin click layer over index/, search/ and web/."""

from __future__ import annotations

import click

from cli import (
    analyze_cmd,
    bench_cmd,
    check_cmd,
    corpus_cmd,
    harvest_cmd,
    index_cmd,
    open_cmd,
    parse_cmd,
    search_cmd,
    serve_cmd,
)
from cli.options import current_settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vraagbaak")
def cli() -> None:
    """Vraagbaak: search the written questions of the Flemish Parliament.

    Settings come from VRAAGBAAK_* environment variables (the README lists them).
    """
    current_settings()  # read and checked once, before any command runs


for module in (parse_cmd, corpus_cmd, analyze_cmd, index_cmd, search_cmd, open_cmd, serve_cmd,
               bench_cmd, harvest_cmd, check_cmd):
    for command in module.COMMANDS:
        cli.add_command(command)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
