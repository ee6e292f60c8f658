"""Find written questions through the Document Search API.

Pages of 100 results in ascending date order (new questions are appended at the end,
so pages already read do not shift). One query returns at most 10,000 results: a range
with more is split in two by publication date, again and again, until each part fits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from harvest.client import MAX_JSON_BYTES, Client, FetchError
from harvest.opendata import SearchHit, ShapeError, decode_json, parse_search_page

PAGE_SIZE = 100
MAX_RESULTS = 10_000
REQUIRED_FIELDS = ("paginatype:Parlementair document.aggregaat:Vraag of interpellatie."
                   "aggregaattype:Schriftelijke vraag")
# Publication dates of the oldest written questions in the open data lie after this.
ARCHIVE_START = dt.date(1995, 1, 1)


@dataclass(frozen=True)
class Selection:
    """What to harvest: zittingsjaren and/or a publication-date range."""

    sessions: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None


def query_text(session: str | None, start: dt.date | None, end: dt.date | None) -> str:
    parts = []
    if session:
        parts.append(f"+inmeta:zittingsjaar={session}")
    if start or end:
        low = (start or ARCHIVE_START).isoformat()
        high = (end or dt.date.today()).isoformat()
        parts.append(f"inmeta:publicatiedatum:daterange:{low}..{high}")
    return " ".join(parts)


def search_url(api: str, query: str) -> str:
    return f"{api.rstrip('/')}/api/search/query/{quote(query, safe='')}"


def search_params(page: int) -> dict:
    return {"collection": "vp_collection", "requiredfields": REQUIRED_FIELDS,
            "page": str(page), "max": str(PAGE_SIZE), "sort": "date", "order": "asc"}


class Discovery:
    """Lists the questions of a selection; unusable pages and hits become `failures`."""

    def __init__(self, client: Client, api: str, max_results: int = MAX_RESULTS,
                 on_total: Callable[[int], None] | None = None):
        self.client, self.api, self.max_results = client, api, max_results
        self.on_total = on_total  # told how many results each selected range has
        self.failures: list[tuple[str, str]] = []
        self.notes: list[str] = []
        self.duplicates = 0

    def hits(self, selection: Selection, today: dt.date) -> Iterator[SearchHit]:
        """Each question once, in the order the service lists them."""
        seen: set[str] = set()
        sessions = selection.sessions or (None,)
        for session in sessions:
            start, end = selection.start, selection.end
            for hit in self._range(session, start, end, today, top=True):
                if hit.id in seen:
                    self.duplicates += 1
                    continue
                seen.add(hit.id)
                yield hit

    def _range(self, session, start, end, today, top=False) -> Iterator[SearchHit]:
        query = query_text(session, start, end)
        first = self._page(query, 1)
        if first is None:
            return
        if top and self.on_total:
            self.on_total(first.count)
        if first.count <= self.max_results:
            yield from self._pages(query, first)
            return
        low = start or (_session_first_day(session) if session else ARCHIVE_START)
        high = end or today
        if low >= high:
            self.notes.append(f"{query}: {first.count} results on one day; only the first "
                              f"{self.max_results} can be listed")
            yield from self._pages(query, first)
            return
        middle = low + (high - low) // 2
        listed = 0
        for part in ((low, middle), (middle + dt.timedelta(days=1), high)):
            for hit in self._range(session, *part, today):
                listed += 1
                yield hit
        if listed < first.count and start is None and end is None:
            self.notes.append(f"{query}: {first.count} results, {listed} reached when split "
                              f"by publication date (the rest have no date in range?)")

    def _pages(self, query: str, page) -> Iterator[SearchHit]:
        """The first page's hits and those of the pages after it; a page that fails is
        reported and skipped (its questions come in the next run)."""
        number = 1
        limit = -(-min(page.count, self.max_results) // PAGE_SIZE)
        while True:
            if page is not None:
                yield from page.hits
                if not page.hits or page.lastindex >= page.count:
                    return
            if number >= limit:
                return
            number += 1
            page = self._page(query, number)

    def _page(self, query: str, number: int):
        what = f"search '{query}' page {number}"
        try:
            response = self.client.get(search_url(self.api, query), "search",
                                       params=search_params(number),
                                       accept="application/json", max_bytes=MAX_JSON_BYTES)
            page = parse_search_page(decode_json(response.body, response.content_type, what),
                                     what)
        except FetchError as error:
            self.failures.append((what, f"{what}: {error}"))
            return None
        except ShapeError as error:
            self.failures.append((what, str(error)))
            return None
        self.failures.extend(page.skipped)
        return page


def _session_first_day(session: str) -> dt.date:
    from index.documents.dates import session_start

    return session_start(int(session[:4]))
