"""The search state a URL carries, parsed and rebuilt in one place.

Pages, API, feed and exports take the same parameters (`q`, `minister`, `asker`, `from`,
`to`, `theme`, `status`, `sort`, `page`, `limit`); one parser keeps their names and bounds
identical, and building every link from a state keeps each search shareable and the back
button honest.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from index.documents.dates import session_start
from index.indexing.analysis import fold
from search.names import name_selects
from search.results import DEFAULT_LIMIT, MAX_DEPTH, SORTS, SearchRequest
from search.status import STATUSES

MAX_MINISTERS = 20
MAX_THEMES = 20
MAX_NAME_LENGTH = 200
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INT = re.compile(r"\d{1,9}")


class ParamError(ValueError):
    """A bad URL parameter; the message is shown to the user (HTTP 400)."""


@dataclass(frozen=True)
class SearchState:
    q: str = ""
    ministers: tuple[str, ...] = ()
    asker: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"
    page: int = 1
    limit: int | None = None
    themes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    # -- parsing
    @classmethod
    def from_args(cls, args, max_limit: int | None = None) -> SearchState:
        """Parse request args; `max_limit` None means the endpoint ignores `limit`."""
        ministers = tuple(_name(v, "minister") for v in args.getlist("minister") if v.strip())
        if len(ministers) > MAX_MINISTERS:
            raise ParamError(f"Te veel ministers gekozen (hoogstens {MAX_MINISTERS}).")
        asker = _name(args.get("asker", ""), "asker") or None
        date_from = _date(args.get("from", ""), "from")
        date_to = _date(args.get("to", ""), "to")
        if date_from and date_to and date_from > date_to:
            raise ParamError("De begindatum ('from') ligt na de einddatum ('to').")
        sort = args.get("sort", "").strip() or "relevance"
        if sort not in SORTS:
            raise ParamError(f"Ongeldige sortering '{sort[:40]}': kies relevance, newest "
                             f"of oldest.")
        page = _int(args.get("page", ""), "page", 1, MAX_DEPTH, 1)
        limit = None
        if max_limit is not None and args.get("limit", "").strip():
            limit = _int(args["limit"], "limit", 1, max_limit, max_limit)
        themes = tuple(dict.fromkeys(_name(v, "theme") for v in args.getlist("theme")
                                     if v.strip()))
        if len(themes) > MAX_THEMES:
            raise ParamError(f"Te veel thema's gekozen (hoogstens {MAX_THEMES}).")
        statuses = tuple(dict.fromkeys(v.strip() for v in args.getlist("status") if v.strip()))
        for value in statuses:
            if value not in STATUSES:
                raise ParamError(f"Ongeldige status '{value[:40]}': kies "
                                 f"{', '.join(STATUSES)}.")
        return cls(args.get("q", "").strip(), ministers, asker, date_from, date_to, sort,
                   page, limit, themes, statuses)

    def search_request(self, default_limit: int = DEFAULT_LIMIT, **options) -> SearchRequest:
        return SearchRequest(q=self.q, ministers=list(self.ministers), asker=self.asker,
                             date_from=self.date_from, date_to=self.date_to, sort=self.sort,
                             page=self.page, limit=self.limit or default_limit,
                             themes=list(self.themes), statuses=list(self.statuses),
                             **options)

    # -- building
    def args(self) -> list[tuple[str, str]]:
        """The non-default parameters in a fixed order: equal states, equal URLs."""
        out: list[tuple[str, str]] = []
        if self.q:
            out.append(("q", self.q))
        out += [("minister", m) for m in self.ministers]
        if self.asker:
            out.append(("asker", self.asker))
        if self.date_from:
            out.append(("from", self.date_from.isoformat()))
        if self.date_to:
            out.append(("to", self.date_to.isoformat()))
        out += [("theme", t) for t in self.themes]
        out += [("status", s) for s in self.statuses]
        if self.sort != "relevance":
            out.append(("sort", self.sort))
        if self.page != 1:
            out.append(("page", str(self.page)))
        if self.limit is not None:
            out.append(("limit", str(self.limit)))
        return out

    def query_string(self) -> str:
        args = self.args()
        return "?" + urlencode(args) if args else ""

    def changed(self, **changes) -> SearchState:
        """A new state; any change other than the page itself starts again at page 1."""
        changes.setdefault("page", 1)
        return replace(self, **changes)

    # -- facet toggles
    def toggle_minister(self, name: str, active: bool) -> SearchState:
        if active:
            return self.changed(ministers=tuple(m for m in self.ministers
                                                if not name_selects(m, name)))
        return self.changed(ministers=(*self.ministers, name))

    def toggle_theme(self, theme: str, active: bool) -> SearchState:
        if active:
            return self.changed(themes=tuple(t for t in self.themes
                                             if fold(t) != fold(theme)))
        return self.changed(themes=(*self.themes, theme))

    def toggle_status(self, status: str) -> SearchState:
        if status in self.statuses:
            return self.changed(statuses=tuple(s for s in self.statuses if s != status))
        return self.changed(statuses=(*self.statuses, status))

    def toggle_asker(self, name: str, active: bool) -> SearchState:
        return self.changed(asker=None if active else name)

    def toggle_period(self, start: dt.date, end: dt.date) -> SearchState:
        if self.date_from == start and self.date_to == end:
            return self.changed(date_from=None, date_to=None)
        return self.changed(date_from=start, date_to=end)

    def has_word(self, word: str) -> bool:
        return fold(word) in {fold(t) for t in self.q.split()}

    def toggle_word(self, word: str) -> SearchState:
        if self.has_word(word):
            kept = [t for t in self.q.split() if fold(t) != fold(word)]
            return self.changed(q=" ".join(kept))
        return self.changed(q=f"{self.q} {word}".strip())


def year_period(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def month_period(year: int, month: int) -> tuple[dt.date, dt.date]:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1), following - dt.timedelta(days=1)


def session_period(first_year: int) -> tuple[dt.date, dt.date]:
    """A zittingsjaar runs from its Septemberverklaring to the day before the next one."""
    return session_start(first_year), session_start(first_year + 1) - dt.timedelta(days=1)


def _name(value: str, param: str) -> str:
    value = value.strip()
    if len(value) > MAX_NAME_LENGTH:
        raise ParamError(f"De waarde van '{param}' is te lang (hoogstens {MAX_NAME_LENGTH} "
                         f"tekens).")
    return value


def _date(value: str, param: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ParamError(f"Ongeldige datum voor '{param}': '{value[:40]}'. Gebruik "
                         f"JJJJ-MM-DD, bijvoorbeeld 2020-09-25.") from None


def _int(value: str, param: str, low: int, high: int, default: int) -> int:
    value = value.strip()
    if not value:
        return default
    if not _INT.fullmatch(value) or not low <= int(value) <= high:
        raise ParamError(f"Ongeldige waarde voor '{param}': '{value[:40]}'. Gebruik een "
                         f"geheel getal van {low} tot en met {high}.")
    return int(value)
