"""`vraagbaak harvest`: bring in the parliament's written questions from its open data.

Tuning without new options, through the settings (config/settings.py, docs/harvest.md):
VRAAGBAAK_HARVEST_TIMEOUT (seconds per request), VRAAGBAAK_HARVEST_RETRIES (extra
attempts), VRAAGBAAK_HARVEST_BACKOFF (first backoff in seconds), VRAAGBAAK_HARVEST_CONTACT
(an address for the User-Agent).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import click

from cli.index_cmd import run_index
from cli.options import current_settings, index_dir_option

_SESSION = re.compile(r"^(\d{4})-(\d{4})$")


def _session(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        match = _SESSION.match(value)
        if not match or int(match.group(2)) != int(match.group(1)) + 1:
            raise click.BadParameter(f"{value!r} is not a zittingsjaar like 2024-2025")
    return tuple(dict.fromkeys(values))


def _date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from None


def default_out_dir() -> Path:
    """A `harvest` folder next to the default index."""
    return current_settings().index_dir.parent / "harvest"


@click.command("harvest")
@click.option("--zittingsjaar", "sessions", multiple=True, callback=_session,
              help="Parliamentary year like 2024-2025 (repeatable; default: the current one "
                   "when no dates are given).")
@click.option("--from", "start", callback=_date, help="Published on or after YYYY-MM-DD.")
@click.option("--to", "end", callback=_date, help="Published on or before YYYY-MM-DD.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=default_out_dir, show_default="a 'harvest' folder next to the index",
              help="Folder for <zittingsjaar>/<id>.pdf and .json.")
@click.option("--api", default="https://ws.vlpar.be", show_default=True,
              help="Base URL of the open-data services.")
@click.option("--rate", default=2.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="At most this many requests a second.")
@click.option("--index", "do_index", is_flag=True, help="Index what is in --out afterwards.")
@index_dir_option
@click.option("--dry-run", is_flag=True,
              help="Print the requests it would make; fetch only the search pages.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary object.")
def harvest(sessions, start, end, out_dir: Path, api: str, rate: float, do_index: bool,
            index_dir: Path, dry_run: bool, as_json: bool) -> None:
    """Fetch written questions, their answer PDFs and official metadata (incremental).

    Exit 0 when everything was fetched, 1 when some question failed (each is reported with
    a one-line reason) or the disk filled up (the run stops; files fetched so far are
    kept whole), 2 for usage errors.
    """
    from harvest.client import Client, Politeness
    from harvest.discovery import Selection
    from harvest.run import Harvester
    from harvest.store import HarvestBusyError

    if start and end and start > end:
        raise click.UsageError(f"--from {start} is after --to {end}")
    if not api.startswith(("http://", "https://")):
        raise click.UsageError(f"--api must be an http(s) URL, not {api!r}")
    if not sessions and not start and not end:
        from index.documents.dates import session_year

        sessions = (session_year(dt.date.today()),)
    settings = current_settings()
    politeness = Politeness(
        rate=rate, timeout=settings.harvest_timeout, retries=settings.harvest_retries,
        backoff=settings.harvest_backoff, contact=settings.harvest_contact,
    )
    client = Client(politeness)
    tty = sys.stderr.isatty() and not as_json
    try:
        harvester = Harvester(client, out_dir, api)
        selection = Selection(tuple(sessions), start, end)
        if tty:
            with click.progressbar(length=0, label="ophalen", file=sys.stderr,
                                   show_pos=True) as bar:
                def grow(count: int) -> None:
                    bar.length = (bar.length or 0) + count

                report = harvester.run(selection, dry_run, progress=bar.update, on_total=grow)
        else:
            report = harvester.run(selection, dry_run)
    except HarvestBusyError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    finally:
        client.close()
    code = 0 if report.ok else 1
    summary = report.to_json()
    summary["out"] = str(out_dir)
    if dry_run and not as_json:
        for line in report.planned:
            click.echo(line)
    if not as_json:
        for key, reason in report.failed:
            click.echo(f"{key}: error: {reason}", err=True)
        if report.disk_full:  # the run stopped: its line replaces the summary
            click.echo(report.disk_full, err=True)
            sys.exit(1)
        for key, reason in report.unsupported:
            click.echo(f"{key}: skipped: {reason}", err=True)
        for note in report.notes:
            click.echo(f"note: {note}", err=True)
        click.echo(report.summary())
    if do_index and not dry_run and not report.disk_full:
        index_code = run_index([out_dir], index_dir, quiet=as_json) if out_dir.is_dir() else 0
        summary["index_exit"] = index_code
        code = max(code, index_code)
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False))
    sys.exit(code)


COMMANDS = [harvest]
