"""`vraagbaak parse`: show what the parser makes of files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from index.documents.loader import describe_error, load_records
from index.documents.readers import printable_path


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON array: records and errors.")
def parse(files: tuple[Path, ...], as_json: bool) -> None:
    """Parse FILE... and show the records (exit 1 if some file failed)."""
    items: list[dict] = []
    failed = 0
    for path in files:
        source = printable_path(path)
        try:
            records = load_records(path, source)
        except Exception as error:  # noqa: BLE001 - every failure becomes a one-line reason
            failed += 1
            items.append({"source": source, "error": describe_error(error)})
            continue
        items.extend(record.to_json() for record in records)
    if as_json:
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        for item in items:
            _echo_human(item)
    sys.exit(1 if failed else 0)


def _echo_human(item: dict) -> None:
    if "error" in item:
        click.echo(f"{item['source']}: error: {item['error']}", err=True)
        return
    joint = ", ".join(f"{j['minister']} ({j['number']})" for j in item["joint"]) or "-"
    rows = [
        ("id", item["id"]),
        ("titel", item["title"]),
        ("minister", f"{item['minister']} (nr. {item['number']})"),
        ("vraagsteller", item["asker"]),
        ("datum", item["date"]),
        ("antwoord", item["answer_kind"]
         + (f" -> {item['coordinator']}" if item["coordinator"] else "")),
        ("gezamenlijk", joint),
        ("vraag", f"{len(item['question'].split())} woorden"),
        ("antwoordtekst", f"{len(item['answer'].split())} woorden"),
        ("voetnoten", str(len(item["footnotes"]))),
        ("bijlagen", str(len(item["annexes"]))),
        ("bron", item["source"]),
    ]
    warnings = item.get("warnings") or []
    rows.append(("waarschuwingen", str(len(warnings)) if warnings else "-"))
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        click.echo(f"{click.style(label.ljust(width), bold=True)}  {value}")
    for warning in warnings:
        click.echo(f"{click.style('waarschuwing'.ljust(width), bold=True)}  {warning}")
    click.echo()


COMMANDS = [parse]
