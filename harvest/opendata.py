"""The shapes of the parliament's open-data services, read tolerantly.

The shapes come from public client code, not from a published schema (docs/harvest.md):
counts may arrive as strings, ids with or without `/pfls/`, the detail at the top level
or wrapped in `result`, metatags as a list or a single object. Every function here
either returns plain values or raises ShapeError with a one-line reason.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

WRITTEN_QUESTION = "SCHV"
_PFLS_ID = re.compile(r"/(\d+)/pfls")
_TRAILING_ID = re.compile(r"(\d+)/?$")
# Keys a detail object carries; used to tell the detail from a wrapper around it.
_DETAIL_KEYS = ("id", "vraagnummer", "titel", "zittingsjaar", "bestand-ordered")


class ShapeError(Exception):
    """A response that does not have the documented shape; the message is one line."""


@dataclass
class SearchHit:
    """One written question as the Document Search API lists it."""

    id: str
    url: str | None
    title: str | None
    metatags: list[dict] = field(default_factory=list)

    def tag(self, name: str) -> str | None:
        """The first value of metatag `name`, or None."""
        return next((str(t.get("value")) for t in self.metatags if t.get("name") == name
                     and t.get("value") not in (None, "")), None)

    def tags(self, name: str) -> list[str]:
        return [str(t["value"]) for t in self.metatags
                if t.get("name") == name and t.get("value") not in (None, "")]


@dataclass
class SearchPage:
    count: int
    firstindex: int
    lastindex: int
    hits: list[SearchHit]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (key, reason) per bad hit


def decode_json(body: bytes, content_type: str | None, what: str):
    """JSON from a response body, or ShapeError saying what came instead."""
    head = body[:512].lstrip().lower()
    kind = (content_type or "").split(";")[0].strip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or kind == "text/html":
        raise ShapeError(f"{what}: an HTML page came where JSON was expected")
    if head.startswith(b"<") or kind.endswith("/xml"):
        raise ShapeError(f"{what}: XML came where JSON was expected")
    if not head:
        raise ShapeError(f"{what}: empty response where JSON was expected")
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ShapeError(f"{what}: invalid JSON ({error})") from None


def to_int(value, name: str, what: str) -> int:
    """Counts arrive as numbers or as strings of digits."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise ShapeError(f"{what}: field '{name}' is {value!r}, not a number") from None


def question_id(raw) -> str | None:
    """`http://be.vlp.feed/900718/pfls/490915` -> `900718`; `.../1854886` -> `1854886`."""
    text = str(raw or "").strip()
    match = _PFLS_ID.search(text) or _TRAILING_ID.search(text)
    return match.group(1) if match else None


def metatag_list(item: dict) -> list[dict]:
    """The `metatags.metatag` entries of a search result (a list, or one object)."""
    tags = item.get("metatags")
    if isinstance(tags, dict):
        tags = tags.get("metatag")
    if isinstance(tags, dict):
        tags = [tags]
    return [t for t in tags or [] if isinstance(t, dict) and "name" in t]


def parse_search_page(data, what: str) -> SearchPage:
    if not isinstance(data, dict):
        raise ShapeError(f"{what}: expected a JSON object, got {type(data).__name__}")
    results = data.get("result") or []
    if isinstance(results, dict):
        results = [results]
    if not isinstance(results, list):
        raise ShapeError(f"{what}: field 'result' is not a list")
    if "count" not in data:
        raise ShapeError(f"{what}: missing field 'count'")
    count = to_int(data["count"], "count", what)
    first = to_int(data.get("firstindex", 0), "firstindex", what)
    last = to_int(data.get("lastindex", first + len(results) - 1), "lastindex", what)
    hits, skipped = [], []
    for position, item in enumerate(results, start=1):
        if not isinstance(item, dict):
            skipped.append((f"{what} result {position}",
                            f"{what}: result {position} is not an object"))
            continue
        qid = question_id(item.get("id"))
        if qid is None:
            skipped.append((f"{what} result {position}",
                            f"{what}: result {position} has no usable id "
                            f"({item.get('id')!r}); missing field 'id'"))
            continue
        hits.append(SearchHit(qid, item.get("url"), item.get("title"), metatag_list(item)))
    return SearchPage(count, first, last, hits, skipped)


def unwrap_detail(data, what: str) -> dict:
    """The detail object, whether it arrives at the top level or inside `result`."""
    if isinstance(data, dict) and not any(key in data for key in _DETAIL_KEYS):
        inner = data.get("result")
        if isinstance(inner, list) and len(inner) == 1:
            inner = inner[0]
        if isinstance(inner, dict):
            data = inner
    if not isinstance(data, dict):
        raise ShapeError(f"{what}: expected a JSON object")
    if not any(key in data for key in _DETAIL_KEYS):
        raise ShapeError(f"{what}: none of the fields {', '.join(_DETAIL_KEYS)} is present")
    return data


def file_links(detail: dict) -> list[str]:
    """The URLs of `bestand-ordered`, in order (a list, one object, or bare strings)."""
    files = detail.get("bestand-ordered")
    if isinstance(files, dict):
        files = files.get("bestand") or files.get("URL") or [files]
    if isinstance(files, str | dict):
        files = [files]
    links = []
    for entry in files or []:
        if isinstance(entry, str):
            links.append(entry)
        elif isinstance(entry, dict):
            url = entry.get("URL") or entry.get("url") or entry.get("href")
            if url:
                links.append(str(url))
    return [link.strip() for link in links if link and link.strip()]


def pdf_link(detail: dict, hit: SearchHit | None) -> str | None:
    """The question-and-answer file: the first of `bestand-ordered`, else the `document`
    metatag of the search result."""
    links = file_links(detail)
    if links:
        return links[0]
    return hit.tag("document") if hit is not None else None


def is_true(value) -> bool | None:
    """Booleans arrive as true/false and as "J"/"N" (ja/nee)."""
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    text = str(value).strip().lower()
    if text in ("true", "j", "ja", "y", "yes", "1"):
        return True
    if text in ("false", "n", "nee", "no", "0"):
        return False
    return None
