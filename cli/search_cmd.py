"""`vraagbaak search`, `show`, `similar` and `stats`: the search core in a terminal."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from html import unescape
from pathlib import Path

import click

from cli.options import index_dir_option, open_service, today_option
from search.results import MAX_LIMIT, SORTS, SearchRequest, SearchRequestError
from search.service import SearchService
from search.status import STATUSES, timing


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _terminal_snippet(html: str) -> str:
    """<mark> becomes bold reverse video on a terminal, nothing when piped."""
    parts = re.split(r"<mark>(.*?)</mark>", html)
    out = []
    for i, part in enumerate(parts):
        text = unescape(part)
        out.append(click.style(text, bold=True, reverse=True) if i % 2 else text)
    return "".join(out)


@click.command("search")
@click.argument("query", required=False, default="")
@click.option("--minister", "ministers", multiple=True, help="Full or last name; repeatable.")
@click.option("--asker", help="The member who asked (full or last name).")
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option("--theme", "themes", multiple=True,
              help="Official theme; repeatable (every one must apply).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Answered in time, late, open or overdue; repeatable (any of them).")
@today_option
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1, None), default=1, show_default=True)
@index_dir_option
@click.option("--json", "as_json", is_flag=True, help="The documented JSON contract.")
def search(query: str, ministers: tuple[str, ...], asker: str | None, date_from, date_to,
           themes: tuple[str, ...], statuses: tuple[str, ...], today, sort: str, limit: int,
           page: int, index_dir: Path, as_json: bool) -> None:
    """Search QUERY (see `vraagbaak search --help` and the README for the syntax).

    \b
    sociale economie        all words, any inflection
    "lokale besturen"       exact phrase
    kinderopvang OR crèche  either; NOT or -word excludes
    minister:somers titel:armoede
    """
    request = SearchRequest(
        q=query, ministers=list(ministers), asker=asker,
        date_from=date_from.date() if date_from else None,
        date_to=date_to.date() if date_to else None,
        sort=sort, page=page, limit=limit, themes=list(themes), statuses=list(statuses),
        today=today.date() if today else None,
    )
    try:
        request.validate()
    except SearchRequestError as error:
        raise click.UsageError(str(error)) from None
    result = open_service(index_dir).search(request)
    if as_json:
        _echo_json(result.to_json())
        sys.exit(1 if result.error else 0)
    if result.error:
        raise click.ClickException(result.error)
    for notice in result.notices:
        click.echo(click.style(f"! {notice}", fg="yellow"), err=True)
    if result.suggestion:
        click.echo(f"Bedoelde u: {click.style(result.suggestion, bold=True)}?")
    click.echo(f"{result.total} vragen gevonden (pagina {request.page} van {result.pages})\n")
    for n, hit in enumerate(result.hits, start=(request.page - 1) * request.limit + 1):
        click.echo(f"{n:>3}. {click.style(hit.title, bold=True)}")
        meta = [("datum", hit.date), ("minister", ", ".join(hit.ministers)),
                ("vraagsteller", hit.asker), ("nr.", str(hit.number)),
                ("antwoord", hit.answer_kind), ("status", _status_text(hit)),
                ("id", hit.id)]
        if hit.themes:
            meta.insert(4, ("thema's", ", ".join(hit.themes)))
        for label, value in meta:
            click.echo(f"     {label:<13}{value}")
        if hit.snippet:
            click.echo(f"     {_terminal_snippet(hit.snippet)}")
        click.echo()
    if result.facets.get("minister"):
        top = ", ".join(f"{v.value} ({v.count})" for v in result.facets["minister"][:5])
        click.echo(f"ministers: {top}")


def _status_text(hit) -> str:
    if hit.working_days is None:
        return hit.status
    return f"{hit.status} ({hit.working_days} werkdagen)"


def _load(service: SearchService, doc_id: str):
    record = service.get(doc_id)
    if record is None:
        raise click.ClickException(f"no question with id '{doc_id}'")
    return record


def _timing_text(when) -> str:
    """`te-laat (27 werkdagen gewacht, 7 te laat)`: the days only when they are known."""
    if when.working_days is None:
        return when.status
    verb = "over het antwoord" if when.answered_flag else "gewacht"
    late = f", {when.days_late} te laat" if when.days_late else ""
    return f"{when.status} ({when.working_days} werkdagen {verb}{late})"


@click.command("show")
@click.argument("doc_id", metavar="ID")
@today_option
@index_dir_option
@click.option("--json", "as_json", is_flag=True)
def show(doc_id: str, today, index_dir: Path, as_json: bool) -> None:
    """Show one record in full, with where it stands (status, days in working days)."""
    service = open_service(index_dir)
    record = _load(service, doc_id)
    coordinated = service.coordinated_for(record)
    when = timing(record, today.date() if today else dt.date.today())
    if as_json:
        data = record.to_json()
        data["coordinated_id"] = coordinated.id if coordinated else None
        data.update(status=when.status, working_days=when.working_days,
                    days_late=when.days_late, deadline=when.deadline)
        _echo_json(data)
        return
    click.echo(click.style(record.title, bold=True))
    rows = [("minister", f"{record.minister} (nr. {record.number})"),
            ("vraagsteller", record.asker), ("datum", record.date),
            ("antwoord", record.answer_kind), ("status", _timing_text(when))]
    if record.joint:
        rows.append(("gezamenlijk", ", ".join(f"{j.minister} ({j.number})"
                                               for j in record.joint)))
    if coordinated:
        rows.append(("gecoörd.", f"{coordinated.minister}: {coordinated.id}"))
    for label, value in rows:
        click.echo(f"  {label:<13}{value}")
    click.echo("\nVRAAG\n\n" + (record.question or "(tekst nog niet beschikbaar: alleen de "
                                                  "officiële gegevens)"))
    if record.footnotes:
        click.echo("\n" + "\n".join(record.footnotes))
    click.echo("\nANTWOORD\n\n" + (record.answer or "(nog geen antwoord)"))
    for annex in record.annexes:
        click.echo("\n" + annex)


@click.command("similar")
@click.argument("doc_id", metavar="ID")
@index_dir_option
@click.option("--limit", type=click.IntRange(1, 50), default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def similar(doc_id: str, index_dir: Path, limit: int, as_json: bool) -> None:
    """Questions similar to record ID."""
    service = open_service(index_dir)
    hits = service.similar(_load(service, doc_id), limit=limit)
    if as_json:
        _echo_json({"id": doc_id, "hits": [hit.to_json() for hit in hits]})
        return
    for hit in hits:
        click.echo(f"{hit.date}  {hit.title}  [{', '.join(hit.ministers)}]  {hit.id}")


@click.command("stats")
@index_dir_option
@click.option("--json", "as_json", is_flag=True)
def stats(index_dir: Path, as_json: bool) -> None:
    """What the index holds."""
    data = open_service(index_dir).stats()
    if as_json:
        _echo_json(data.to_json())
        return
    for key, value in data.to_json().items():
        click.echo(f"{key:<12}{value}")


COMMANDS = [search, show, similar, stats]
