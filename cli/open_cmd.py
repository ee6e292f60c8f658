"""`vraagbaak open`: the questions still waiting for an answer, the longest-waiting first."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from cli.options import index_dir_option, open_service, today_option
from search.following import MAX_OPEN_LIMIT, open_questions


@click.command("open")
@click.option("--minister", "ministers", multiple=True, help="Full or last name; repeatable.")
@click.option("--theme", "themes", multiple=True,
              help="Official theme; repeatable (every one must apply).")
@click.option("--limit", type=click.IntRange(1, MAX_OPEN_LIMIT), default=50, show_default=True)
@click.option("--page", type=click.IntRange(1, None), default=1, show_default=True)
@today_option
@index_dir_option
@click.option("--json", "as_json", is_flag=True, help="The same list as /open as JSON.")
def open_(ministers: tuple[str, ...], themes: tuple[str, ...], limit: int, page: int,
          today, index_dir: Path, as_json: bool) -> None:
    """Questions without an answer, the longest-waiting first; days in working days,
    overdue ones (term of 20 working days passed) marked."""
    day = today.date() if today else dt.date.today()
    result = open_questions(open_service(index_dir), day, ministers, themes, page, limit)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    for notice in result.notices:
        click.echo(click.style(f"! {notice}", fg="yellow"), err=True)
    click.echo(f"{result.total} vragen zonder antwoord op {day.isoformat()}, "
               f"waarvan {result.overdue} te laat\n")
    for item in result.items:
        days = "?" if item.working_days is None else str(item.working_days)
        mark = click.style("TE LAAT", fg="red", bold=True) if item.status == "te-laat" \
            else "open"
        click.echo(f"{days:>4} wd  {mark:<7}  {item.date}  {item.minister} "
                   f"(nr. {item.number})  {item.title}  [{item.id}]")


COMMANDS = [open_]
