"""Working days as the parliament counts the answer term of a written question.

A minister answers within 20 working days (docs/following.md). Working days are Monday
to Friday, less the Belgian public holidays and 11 July, the holiday of the Flemish
Community. The holidays come from the `holidays` package (Belgium), not from a list kept
here; 11 July is added to its calendar because that package's Belgium has no Flemish
holiday. Counting is numpy's business-day arithmetic over that calendar, so one rule
serves one record and a whole index alike.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
import numpy as np

TERM_WORKING_DAYS = 20
FLEMISH_HOLIDAY = (7, 11)  # Feest van de Vlaamse Gemeenschap
_SPAN = 10  # calendars are built per decade, so a cache holds a few of them


def holidays_for(years: range) -> dict[dt.date, str]:
    """Every non-working weekday-or-not holiday of the years, with its Dutch name."""
    days = holidays.country_holidays("BE", years=list(years), language="nl")
    days.update({dt.date(year, *FLEMISH_HOLIDAY): "Feest van de Vlaamse Gemeenschap"
                 for year in years})
    return dict(days)


@lru_cache(maxsize=8)
def _calendar(first_decade: int, last_decade: int) -> np.busdaycalendar:
    years = range(first_decade, last_decade + _SPAN)
    return np.busdaycalendar(weekmask="1111100",
                             holidays=np.array(sorted(holidays_for(years)),
                                               dtype="datetime64[D]"))


def _decades(days: np.ndarray) -> tuple[int, int]:
    """First years of the decades that cover the dates and two years after."""
    days = days[~np.isnat(days)] if len(days) else days
    if not len(days):
        return 2000, 2000
    low = int(days.min().astype("datetime64[Y]").astype(int)) + 1970
    high = int(days.max().astype("datetime64[Y]").astype(int)) + 1970 + 2
    return low - low % _SPAN, high - high % _SPAN


def calendar_for(days: np.ndarray) -> np.busdaycalendar:
    """A calendar that covers the given dates (datetime64[D]) and two years after."""
    return _calendar(*_decades(days))


@lru_cache(maxsize=8)
def _running_count(first_decade: int, last_decade: int) -> tuple[np.datetime64, np.ndarray]:
    """(first day, working days up to and including each day since): a count between
    two days is then one subtraction, for a whole index at once."""
    first = np.datetime64(f"{first_decade}-01-01", "D")
    end = np.datetime64(f"{last_decade + _SPAN}-01-01", "D")
    days = np.arange(first, end, dtype="datetime64[D]")
    working = np.is_busday(days, busdaycal=_calendar(first_decade, last_decade))
    return first, np.cumsum(working, dtype=np.int32)


def as_days(values) -> np.ndarray:
    return np.asarray(values, dtype="datetime64[D]")


def deadlines(asked: np.ndarray) -> np.ndarray:
    """The last day of the term: the 20th working day after the day asked. A question
    asked on a weekend or holiday counts from the working day before it, so its term
    starts on the next working day, as for one asked that working day."""
    asked = as_days(asked)
    return np.busday_offset(asked, TERM_WORKING_DAYS, roll="backward",
                            busdaycal=calendar_for(asked))


def working_days_after(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    start, end = np.atleast_1d(as_days(start)), np.atleast_1d(as_days(end))
    first, running = _running_count(*_decades(np.concatenate([start, end])))
    counts = running[(end - first).astype(np.int64)] - \
        running[(start - first).astype(np.int64)]
    return np.maximum(counts, 0).astype(np.int64)


def deadline(asked: dt.date) -> dt.date:
    return deadlines(np.array([asked], dtype="datetime64[D]"))[0].item()


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Days waited or taken: working days after `start` up to and including `end`."""
    return int(working_days_after(np.array([start], dtype="datetime64[D]"),
                                  np.array([end], dtype="datetime64[D]"))[0])
