"""Dutch dates and the parliamentary year (zittingsjaar)."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
MONTH_NAMES = {number: name for name, number in MONTHS.items()}

DUTCH_DATE = re.compile(
    r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)


def parse_dutch_date(text: str) -> dt.date | None:
    """The first `25 september 2020` in text, or None."""
    match = DUTCH_DATE.search(text)
    if not match:
        return None
    day, month, year = int(match.group(1)), MONTHS[match.group(2).lower()], int(match.group(3))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def format_dutch_date(date: dt.date) -> str:
    return f"{date.day} {MONTH_NAMES[date.month]} {date.year}"


def session_start(year: int) -> dt.date:
    """The fourth Monday of September: the Septemberverklaring opens the zittingsjaar."""
    first = dt.date(year, 9, 1)
    first_monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
    return first_monday + dt.timedelta(weeks=3)


def session_year(date: dt.date) -> str:
    """The zittingsjaar a date falls in, named like `2023-2024`."""
    start = date.year if date >= session_start(date.year) else date.year - 1
    return f"{start}-{start + 1}"
