"""Where a question stands: answered in time, answered late, open, or overdue.

The four values are a contract (`status` in hits, facets and filters):

- `beantwoord`: answered, in time (or answered with no official dates to say otherwise);
- `laattijdig`: answered after the term;
- `open`: not answered, the term has not passed;
- `te-laat`: not answered and the term has passed.

With official metadata (the date asked) the term is counted in working days
(index/documents/workdays.py); the official `on_time` flag wins over the count when it is given.
Without metadata nothing is guessed: the status comes from the text (an answer or not),
so it is `beantwoord` or `open`, and the days are unknown (None). "Today" is always a
parameter: nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from index.documents.model import Record
from index.documents.workdays import (
    TERM_WORKING_DAYS,
    deadline,
    working_days_after,
    working_days_between,
)

STATUSES = ("beantwoord", "laattijdig", "open", "te-laat")
ANSWERED_IN_TIME, ANSWERED_LATE, OPEN, OVERDUE = range(4)
STATUS_LABELS = {
    "beantwoord": "Beantwoord",
    "laattijdig": "Laattijdig beantwoord",
    "open": "Open, termijn loopt",
    "te-laat": "Te laat, termijn verstreken",
}


@dataclass
class Timing:
    """A record's status and, when official dates allow, its days in working days."""

    status: str
    asked: str | None = None
    answered: str | None = None
    deadline: str | None = None
    working_days: int | None = None  # taken to answer, or waited so far when open
    days_late: int | None = None

    @property
    def answered_flag(self) -> bool:
        return self.status in ("beantwoord", "laattijdig")

    def to_json(self) -> dict:
        return dict(vars(self))


def has_answer(record: Record) -> bool:
    """Answered by the metadata (a date) or by the text (an answer in the document)."""
    return record.answered is not None or record.answer_kind != "none"


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def timing(record: Record, today: dt.date) -> Timing:
    asked = _date(record.asked)
    answered = has_answer(record)
    if asked is None:  # no date asked: the text (and an official flag, if any), no days
        late = answered and record.on_time is False
        return Timing("laattijdig" if late else "beantwoord" if answered else "open",
                      answered=record.answered)
    term_end = deadline(asked).isoformat()
    if not answered:
        waited = working_days_between(asked, today)
        late = waited > TERM_WORKING_DAYS
        return Timing("te-laat" if late else "open", asked.isoformat(), None, term_end,
                      waited, max(0, waited - TERM_WORKING_DAYS))
    answered_on = _date(record.answered)
    taken = working_days_between(asked, answered_on) if answered_on else None
    on_time = record.on_time
    if on_time is None and taken is not None:
        on_time = taken <= TERM_WORKING_DAYS
    return Timing("laattijdig" if on_time is False else "beantwoord", asked.isoformat(),
                  answered_on.isoformat() if answered_on else None, term_end, taken,
                  None if taken is None else max(0, taken - TERM_WORKING_DAYS))


def status_codes(asked: np.ndarray, answered: np.ndarray, on_time: np.ndarray,
                 has_text_answer: np.ndarray, today: dt.date) -> np.ndarray:
    """The status (index into STATUSES) of every document from its column arrays:
    asked and answered as datetime64[D] (NaT when unknown), on_time as -1/0/1.
    The same rules as `timing`, over a whole index at once."""
    known = ~np.isnat(asked)
    is_answered = ~np.isnat(answered) | has_text_answer
    codes = np.where(is_answered, ANSWERED_IN_TIME, OPEN).astype(np.int8)
    if not known.any():
        return codes
    safe_asked = np.where(known, asked, np.datetime64("2000-01-01"))
    waited = working_days_after(safe_asked, np.full(len(asked), np.datetime64(today)))
    codes[known & ~is_answered & (waited > TERM_WORKING_DAYS)] = OVERDUE
    dated = known & ~np.isnat(answered)
    safe_answered = np.where(dated, answered, safe_asked)
    taken = working_days_after(safe_asked, safe_answered)
    late = np.where(on_time >= 0, on_time == 0, dated & (taken > TERM_WORKING_DAYS))
    codes[is_answered & late] = ANSWERED_LATE
    return codes
