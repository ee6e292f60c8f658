"""`vraagbaak analyze`: show the terms the index makes of text, like Elasticsearch's _analyze."""

from __future__ import annotations

import sys

import click

from index.indexing.analysis import exact_analyzer, stemmed_analyzer


@click.command("analyze")
@click.option("--exact", is_flag=True,
              help="Use the exact-phrase analyzer (no stemming, stop words kept).")
@click.option("--query", is_flag=True,
              help="Analyze as a query: compounds give their parts only, no joined form.")
def analyze(exact: bool, query: bool) -> None:
    """Print the terms of each line of standard input, space-separated, one line each.

    For a hyphenated compound the joined form comes first, then its parts
    (index mode). A line with no terms left gives an empty line.
    """
    analyzer = exact_analyzer() if exact else stemmed_analyzer()
    mode = "query" if query else "index"
    for line in sys.stdin:
        terms = (t.text for t in analyzer(line.rstrip("\r\n"), mode=mode))
        click.echo(" ".join(terms))


COMMANDS = [analyze]
