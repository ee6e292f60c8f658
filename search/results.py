"""Plain result objects that the CLI and the web layer both render.

`SearchResult.to_json()` is the documented contract of `vraagbaak search --json` and
`/api/search`: keys may be added, never renamed or removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from search.status import STATUSES

SORTS = ("relevance", "newest", "oldest")
DEFAULT_LIMIT = 10
MAX_LIMIT = 100
MAX_DEPTH = 10_000


class SearchRequestError(ValueError):
    """A search request out of bounds; the message is meant for the user."""


@dataclass
class SearchRequest:
    q: str = ""
    ministers: list[str] = field(default_factory=list)
    asker: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"
    page: int = 1
    limit: int = DEFAULT_LIMIT
    facets: bool = True
    snippets: bool = True
    themes: list[str] = field(default_factory=list)    # official themes, all required
    statuses: list[str] = field(default_factory=list)  # any of search.status.STATUSES
    today: dt.date | None = None  # for the status; None: the day the search runs

    def on(self) -> dt.date:
        """The day statuses are computed for (read when the search runs, never before)."""
        return self.today or dt.date.today()

    def validate(self) -> None:
        """Raise SearchRequestError with a user-facing message for out-of-range values."""
        if self.sort not in SORTS:
            raise SearchRequestError(f"sort must be one of {', '.join(SORTS)}")
        if self.page < 1:
            raise SearchRequestError("page must be 1 or more")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise SearchRequestError(f"limit must be between 1 and {MAX_LIMIT}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise SearchRequestError("the from date lies after the to date")
        unknown = [s for s in self.statuses if s not in STATUSES]
        if unknown:
            raise SearchRequestError(f"status must be one of {', '.join(STATUSES)}")


@dataclass
class RecordRef:
    """One minister's record of a question, as a hit lists it."""

    id: str
    minister: str
    number: int
    answer_kind: str | None


@dataclass
class GroupMember:
    """One addressee of a question, in the order the document names them; `indexed` says
    whether the index holds that minister's record (answer_kind is None when not)."""

    id: str
    minister: str
    number: int
    answer_kind: str | None
    indexed: bool


@dataclass
class Hit:
    id: str
    title: str
    ministers: list[str]
    asker: str
    date: str
    number: int
    answer_kind: str
    score: float | None
    snippet: str
    group: str = ""
    records: list[RecordRef] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    status: str = "open"
    # working days taken to answer (or waited so far), and past the term; None unknown
    working_days: int | None = None
    days_late: int | None = None

    def to_json(self) -> dict:
        return {
            "id": self.id, "title": self.title, "ministers": self.ministers,
            "asker": self.asker, "date": self.date, "number": self.number,
            "answer_kind": self.answer_kind,
            "score": None if self.score is None else round(self.score, 4),
            "snippet": self.snippet,
            "records": [vars(ref) for ref in self.records],
            "themes": list(self.themes), "status": self.status,
            "working_days": self.working_days, "days_late": self.days_late,
        }


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool = False
    label: str | None = None

    def to_json(self) -> dict:
        data = {"value": self.value, "count": self.count, "selected": self.selected}
        if self.label is not None:
            data["label"] = self.label
        return data


FACET_NAMES = ("minister", "year", "month", "session", "asker", "keyword", "theme", "status")


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    records: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = None
    notices: list[str] = field(default_factory=list)
    took_ms: float = 0.0
    error: str | None = None

    @property
    def pages(self) -> int:
        reachable = min(self.total, MAX_DEPTH)
        return max(1, -(-reachable // self.request.limit))

    def to_json(self) -> dict:
        req = self.request
        return {
            "query": req.q,
            "total": self.total,
            "page": req.page,
            "pages": self.pages,
            "limit": req.limit,
            "sort": req.sort,
            "filters": {
                "minister": list(req.ministers),
                "asker": req.asker,
                "from": req.date_from.isoformat() if req.date_from else None,
                "to": req.date_to.isoformat() if req.date_to else None,
                "theme": list(req.themes),
                "status": list(req.statuses),
            },
            "records": self.records,
            "hits": [hit.to_json() for hit in self.hits],
            "facets": {name: [v.to_json() for v in self.facets.get(name, [])]
                       for name in FACET_NAMES},
            "suggestion": self.suggestion,
            "notices": self.notices,
            "error": self.error,
            "took_ms": round(self.took_ms, 1),
        }
