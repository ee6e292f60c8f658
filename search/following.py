"""The questions still waiting for an answer, the longest-waiting first.

One entry per question-to-minister record: a joint question that one minister answered
and another did not is open only for the second. Filters: any of the ministers, all of
the themes. Days waited are working days (search/status.py); documents without official
metadata are listed by the date on the question, with their days unknown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from search.results import SearchRequestError
from search.status import OPEN, OVERDUE, timing

MAX_OPEN_LIMIT = 1000


@dataclass
class OpenItem:
    id: str
    title: str
    minister: str
    asker: str
    date: str
    number: int
    themes: list[str]
    status: str
    asked: str | None
    deadline: str | None
    working_days: int | None
    days_late: int | None
    parliament_id: str | None = None  # the official id: to find it in the open data

    def to_json(self) -> dict:
        return dict(vars(self))


@dataclass
class OpenList:
    today: dt.date
    total: int
    overdue: int
    page: int
    limit: int
    items: list[OpenItem]
    ministers: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))

    def to_json(self) -> dict:
        return {"today": self.today.isoformat(), "total": self.total,
                "overdue": self.overdue, "page": self.page, "pages": self.pages,
                "limit": self.limit,
                "filters": {"minister": list(self.ministers), "theme": list(self.themes)},
                "notices": list(self.notices),
                "items": [item.to_json() for item in self.items]}


def open_mask(columns, today: dt.date, ministers=(), themes=(),
              notices: list[str] | None = None) -> np.ndarray:
    """Live records without an answer that match the filters."""
    notices = [] if notices is None else notices
    status = columns.status(today)
    mask = columns.live & ((status == OPEN) | (status == OVERDUE))
    if ministers:
        codes = []
        for name in ministers:
            found = columns.minister_codes(name)
            if not found:
                notices.append(f"Geen minister gevonden met de naam '{name}'.")
            codes.extend(found)
        mask &= np.isin(columns.minister, np.array(codes, dtype=np.int32))
    for theme in themes:
        code = columns.theme_code(theme)
        if code is None:
            notices.append(f"Geen vraag met het thema '{theme}'.")
            mask[:] = False
        else:
            mask &= columns.with_theme(code)
    return mask


def waiting_order(columns, docnums: np.ndarray) -> np.ndarray:
    """Longest waiting first: by date asked (the question's own date without metadata),
    then document number, so equal dates keep a stable order."""
    if not len(docnums):  # nothing open: numpy's string functions refuse an empty array
        return docnums
    asked = columns.asked[docnums]
    fallback = (columns.date[docnums].astype(np.int64))
    ymd = np.where(np.isnat(asked), fallback,
                   _ymd_of(np.where(np.isnat(asked), np.datetime64("2000-01-01"), asked)))
    return docnums[np.lexsort((docnums, ymd))]


def _ymd_of(days: np.ndarray) -> np.ndarray:
    text = np.datetime_as_string(days, unit="D")
    return np.char.replace(text, "-", "").astype(np.int64)


def open_questions(service, today: dt.date, ministers=(), themes=(), page: int = 1,
                   limit: int = 50) -> OpenList:
    if not 1 <= limit <= MAX_OPEN_LIMIT:
        raise SearchRequestError(f"limit must be between 1 and {MAX_OPEN_LIMIT}")
    if page < 1:
        raise SearchRequestError("page must be 1 or more")
    searcher, columns = service.view()
    notices: list[str] = []
    matched = np.flatnonzero(open_mask(columns, today, ministers, themes, notices))
    overdue = int(np.count_nonzero(columns.status(today)[matched] == OVERDUE))
    ordered = waiting_order(columns, matched)
    chosen = ordered[(page - 1) * limit: page * limit]
    items = []
    for record in service.records_at(searcher, chosen):
        when = timing(record, today)
        items.append(OpenItem(record.id, record.title, record.minister, record.asker,
                              record.date, record.number, list(record.themes), when.status,
                              when.asked, when.deadline, when.working_days, when.days_late,
                              record.parliament_id))
    return OpenList(today, len(matched), overdue, page, limit, items, list(ministers),
                    list(themes), notices)
