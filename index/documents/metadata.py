"""Official metadata beside a corpus file: `<name>.json` next to `<name>.pdf` / `.txt`.

The sidecar is what `vraagbaak harvest` writes (the service's detail under `opendata`,
the search result's metatags under `search`) or a bare detail object as the service sends
it (at the top level or wrapped in `result`). For the facts both sources hold (number,
date asked, asker, minister, title) the record takes the official value; where the text
says otherwise, the record's `warnings` say so. The official-only facts (id, page URL,
themes, dates asked and answered, in time, zittingsjaar) fill their fields. Names come
out in the parser's display form, so a record looks the same with or without metadata.

A sidecar alone (the harvester stores no PDF until the question is answered) becomes a
metadata-only record: the official facts, no question or answer text, answer kind `none`.
Its id is the one the PDF's record gets once it arrives (the official date, minister and
number), and the index writer lets the PDF's record replace it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from index.documents.model import DocumentError, Record, record_id
from index.documents.parser import display_name
from index.documents.readers import SIDECAR_SUFFIX

MAX_SIDECAR_BYTES = 2_000_000
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_DMY_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_DETAIL_KEYS = ("id", "vraagnummer", "titel", "zittingsjaar", "bestand-ordered")
_SESSION = re.compile(r"^\d{4}-\d{4}$")


@dataclass
class Metadata:
    """The official facts of one written question, in the record's forms."""

    parliament_id: str | None = None
    number: int | None = None
    title: str | None = None
    asker: str | None = None
    minister: str | None = None
    session: str | None = None
    url: str | None = None
    themes: list[str] = field(default_factory=list)
    asked: str | None = None
    answered: str | None = None
    on_time: bool | None = None


def sidecar_path(path: Path) -> Path:
    return Path(path).with_suffix(SIDECAR_SUFFIX)


def sidecar_bytes(path: Path) -> bytes | None:
    """The sidecar's bytes (for the writer's digest: a changed sidecar re-indexes)."""
    try:
        with open(sidecar_path(path), "rb") as handle:
            return handle.read(MAX_SIDECAR_BYTES + 1)
    except OSError:
        return None


def load_metadata(path: Path) -> tuple[Metadata | None, str | None]:
    """(metadata, None), (None, None) without a sidecar, or (None, one-line reason)."""
    data = sidecar_bytes(path)
    if data is None:
        return None, None
    name = sidecar_path(path).name
    if len(data) > MAX_SIDECAR_BYTES:
        return None, f"metadata {name} ignored: larger than {MAX_SIDECAR_BYTES // 1000} kB"
    try:
        parsed = json.loads(data)
    except (UnicodeDecodeError, ValueError) as error:
        return None, f"metadata {name} ignored: not valid JSON ({error})"
    if not isinstance(parsed, dict):
        return None, f"metadata {name} ignored: not a JSON object"
    return metadata_from_sidecar(parsed), None


def is_sidecar(path: Path) -> bool:
    return Path(path).suffix.lower() == SIDECAR_SUFFIX


def metadata_record(path: Path, source: str) -> Record:
    """The record of a sidecar without its document; DocumentError with a one-line reason
    when the sidecar is unreadable or lacks what identifies the question."""
    path = Path(path)
    meta, problem = load_metadata(path)
    if meta is None:
        raise DocumentError(problem.replace(" ignored: ", ": ", 1) if problem
                            else f"metadata {path.name} could not be read")
    missing = [name for name, value in (("vraagnummer", meta.number), ("minister", meta.minister),
                                        ("date asked", meta.asked)) if not value]
    if missing:
        raise DocumentError(f"metadata {path.name} has no {', '.join(missing)}: "
                            f"no record without its document")
    return Record(
        id=record_id(meta.asked, meta.minister, meta.number), number=meta.number,
        date=meta.asked, asker=meta.asker or "", minister=meta.minister, portfolio="",
        title=meta.title or "", question="", answer="", answer_kind="none", source=source,
        parliament_id=meta.parliament_id, url=meta.url, themes=list(meta.themes),
        asked=meta.asked, answered=meta.answered, on_time=meta.on_time, session=meta.session)


def metadata_from_sidecar(data: dict) -> Metadata:
    if "opendata" in data or "search" in data:
        detail, search = data.get("opendata"), data.get("search") or {}
    else:
        detail, search = data, {}
    detail = _unwrap(detail)
    tags = _tags(search.get("metatags") if isinstance(search, dict) else None)

    def tag(name):
        values = tags.get(name)
        return values[0] if values else None

    meta = Metadata()
    meta.parliament_id = _text(detail.get("id")) or _text(search.get("id"))
    meta.number = _int(detail.get("vraagnummer")) or _int(tag("nummer"))
    title = _text(detail.get("titel")) or _text(detail.get("onderwerp")) or _text(tag("titel")) \
        or _text(tag("onderwerp"))
    meta.title = " ".join(title.split()) if title else None
    meta.asker = person_name(detail.get("vraagsteller")) or person_name(tag("vraagsteller"))
    meta.minister = person_name(detail.get("minister")) or person_name(tag("minister"))
    session = _text(detail.get("zittingsjaar")) or _text(tag("zittingsjaar"))
    meta.session = session if session and _SESSION.match(session) else None
    meta.url = _text(search.get("url")) or _link(detail.get("link"))
    themes = _themes(detail.get("thema")) or _themes(detail.get("themas")) \
        or list(tags.get("thema", []))
    meta.themes = list(dict.fromkeys(themes))
    steps = _steps(detail.get("procedureverloop"))
    meta.asked = iso_date(tag("themadatum")) or _step_date(steps, ("gesteld",)) \
        or iso_date(detail.get("datum"))
    meta.answered = iso_date(tag("statusdatumSchvBeantwoord")) \
        or _step_date(steps, ("beantwoord", "antwoord ontvangen"))
    meta.on_time = _on_time(detail.get("tijdig"), steps)
    return meta


def person_name(value) -> str | None:
    """`{voornaam, naam}` or `"Achternaam, Voornaam"` -> the parser's display form
    (`Sam Van Rooy`), which is what a name in capitals in the text becomes."""
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        first = _text(value.get("voornaam")) or ""
        last = _text(value.get("naam")) or _text(value.get("achternaam")) or ""
        full = f"{first} {last}".strip()
    elif isinstance(value, str):
        last, comma, first = value.partition(",")
        full = f"{first.strip()} {last.strip()}".strip() if comma else value.strip()
    else:
        return None
    return display_name(full.upper()) if full else None


def iso_date(value) -> str | None:
    """`2024-10-09T00:00:00+0200` -> `2024-10-09` (the date as the service states it)."""
    text = _text(value)
    if not text:
        return None
    if match := _ISO_DATE.match(text):
        return "-".join(match.groups())
    if match := _DMY_DATE.match(text):
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return None


def apply_metadata(records: list[Record], meta: Metadata) -> list[Record]:
    """Records with the official facts; each disagreement with the text is a warning."""
    targets = records
    if len(records) > 1 and meta.minister:
        matching = [r for r in records if _same(r.minister, meta.minister)]
        targets = matching or records[:1]
    for record in targets:
        _merge(record, meta)
    return records


def _merge(record: Record, meta: Metadata) -> None:
    def official(name: str, value, text_value, same) -> None:
        if value is None or value == "":
            return
        if not same(value, text_value):
            record.warnings.append(
                f"{name}: the official metadata says {value!r}, the text {text_value!r}; "
                f"the official value is used")
            setattr(record, name, value)
        elif name == "title":
            setattr(record, name, value)

    official("number", meta.number, record.number, lambda a, b: a == b)
    official("date", meta.asked, record.date, lambda a, b: a == b)
    official("asker", meta.asker, record.asker, _same)
    official("minister", meta.minister, record.minister, _same)
    official("title", meta.title, record.title, _same)
    record.id = record_id(record.date, record.minister, record.number)
    record.parliament_id = meta.parliament_id
    record.url = meta.url
    record.themes = list(meta.themes)
    record.asked = meta.asked
    record.answered = meta.answered
    record.on_time = meta.on_time
    record.session = meta.session


def _fold(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded.casefold()).split())


def _same(a: str | None, b: str | None) -> bool:
    """Equal but for case, accents, punctuation and spacing (`Van Rooy` / `VAN ROOY`)."""
    return _fold(a or "") == _fold(b or "")


def _unwrap(detail) -> dict:
    if isinstance(detail, dict) and not any(key in detail for key in _DETAIL_KEYS):
        inner = detail.get("result")
        if isinstance(inner, list) and len(inner) == 1:
            inner = inner[0]
        if isinstance(inner, dict):
            return inner
    return detail if isinstance(detail, dict) else {}


def _tags(metatags) -> dict[str, list[str]]:
    if isinstance(metatags, dict):
        metatags = metatags.get("metatag", [metatags])
    out: dict[str, list[str]] = {}
    for item in metatags or []:
        if isinstance(item, dict) and item.get("name") and item.get("value") not in (None, ""):
            out.setdefault(str(item["name"]), []).append(str(item["value"]))
    return out


def _text(value) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _link(value) -> str | None:
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item.get("href") and \
                    "vlaamsparlement.be" in str(item["href"]):
                return str(item["href"])
    return None


def _themes(value) -> list[str]:
    if isinstance(value, dict):
        value = value.get("thema", value.get("naam"))
    if isinstance(value, str):
        value = [value]
    out = []
    for item in value or []:
        if isinstance(item, dict):
            item = item.get("naam") or item.get("name") or item.get("value")
        if item and str(item).strip():
            out.append(" ".join(str(item).split()))
    return out


def _steps(value) -> list[tuple[str, str | None]]:
    if isinstance(value, dict):
        value = value.get("procedurestap", [value])
    steps = []
    for item in value or []:
        if isinstance(item, dict):
            steps.append((str(item.get("status") or "").strip().lower(),
                          iso_date(item.get("datum"))))
    return steps


def _step_date(steps, words: tuple[str, ...]) -> str | None:
    for status, date in steps:
        if date and any(word in status for word in words):
            return date
    return None


def _on_time(value, steps) -> bool | None:
    """`tijdig` as true/false or "J"/"N"; else read from the procedure's steps."""
    if isinstance(value, bool):
        return value
    text = (_text(value) or "").lower()
    if text in ("true", "j", "ja", "1"):
        return True
    if text in ("false", "n", "nee", "0"):
        return False
    for status, _date in steps:
        if "laattijdig" in status or "te laat" in status:
            return False
        if "tijdig" in status:
            return True
    return None
