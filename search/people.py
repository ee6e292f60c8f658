"""Profiles of a minister and of a member who asks: the figures their pages show.

Everything is counted from the index columns, so a profile of thousands of records
needs no stored record. Answer times are working days between the official dates asked
and answered (index/documents/workdays.py); records without those dates count as questions but
not in the answer times, and the share in time only counts records whose timing is
known (official dates or the official on-time flag). A minister is one person across
portfolios: the name is the identity, and the portfolios are listed by period.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from index.documents.model import slug
from index.documents.workdays import TERM_WORKING_DAYS, working_days_after
from search.facets import session_counts
from search.status import ANSWERED_IN_TIME, ANSWERED_LATE, OPEN, OVERDUE, STATUSES

THEMES_SHOWN = 10
# answer-time bins in working days: (first, last); None: no upper bound
ANSWER_BINS = ((0, 5), (6, 10), (11, 15), (16, 20), (21, 25), (26, 30), (31, 40), (41, 60),
               (61, None))


def find_name(values: list[str], present: np.ndarray, wanted: str) -> int | None:
    """The code of the name whose slug is `wanted` among codes with documents."""
    for code in np.flatnonzero(present):
        if slug(values[code]) == wanted:
            return int(code)
    return None


def _themes(columns, docs: np.ndarray) -> list[dict]:
    if not len(docs) or not len(columns.theme_id):
        return []
    mask = np.zeros(columns.doc_count, dtype=bool)
    mask[docs] = True
    counts = np.bincount(columns.theme_id[mask[columns.theme_doc]],
                         minlength=len(columns.theme_values))
    order = np.lexsort((np.arange(len(counts)), -counts))
    return [{"value": columns.theme_values[i], "count": int(counts[i])}
            for i in order[:THEMES_SHOWN] if counts[i]]


def _statuses(codes: np.ndarray) -> dict[str, int]:
    counts = np.bincount(codes.astype(np.int64), minlength=len(STATUSES))
    return {name: int(counts[i]) for i, name in enumerate(STATUSES)}


def answer_days(columns, docs: np.ndarray) -> np.ndarray:
    """Working days from asked to answered of the documents that have both dates."""
    dated = docs[~np.isnat(columns.asked[docs]) & ~np.isnat(columns.answered[docs])]
    if not len(dated):
        return np.zeros(0, dtype=np.int64)
    return working_days_after(columns.asked[dated], columns.answered[dated])


def _histogram(days: np.ndarray) -> list[dict]:
    out = []
    for first, last in ANSWER_BINS:
        inside = days >= first if last is None else (days >= first) & (days <= last)
        out.append({"from": first, "to": last, "count": int(np.count_nonzero(inside)),
                    "late": first > TERM_WORKING_DAYS})
    return out


def _iso(ymd: int) -> str:
    return f"{ymd // 10000:04d}-{ymd // 100 % 100:02d}-{ymd % 100:02d}"


def _person(service, kind: str, wanted_slug: str):
    """The columns, the code of the minister or asker (`kind`) whose name has this slug
    among the live records (None when there is none), and that person's live records."""
    _searcher, columns = service.view()
    codes, values = getattr(columns, kind), getattr(columns, f"{kind}_values")
    present = np.bincount(codes[columns.live], minlength=len(values)) > 0
    code = find_name(values, present, wanted_slug)
    if code is None:
        return columns, None, None
    return columns, code, np.flatnonzero(columns.live & (codes == code))


def minister_profile(service, wanted_slug: str, today: dt.date) -> dict | None:
    columns, code, docs = _person(service, "minister", wanted_slug)
    if code is None:
        return None
    status = columns.status(today)[docs]
    timed = ((status == ANSWERED_IN_TIME) | (status == ANSWERED_LATE)) & \
        (~np.isnat(columns.asked[docs]) | (columns.on_time[docs] >= 0))
    in_time = int(np.count_nonzero(timed & (status == ANSWERED_IN_TIME)))
    days = answer_days(columns, docs)
    return {
        "name": columns.minister_values[code],
        "slug": wanted_slug,
        "today": today.isoformat(),
        "questions": len(docs),
        "sessions": [v.to_json() for v in session_counts(columns.date[docs])],
        "statuses": _statuses(status),
        "timed": int(np.count_nonzero(timed)),
        "in_time": in_time,
        "in_time_share": round(in_time / np.count_nonzero(timed), 4) if timed.any() else None,
        "answer_times": {
            "count": len(days),
            "median_working_days": float(np.median(days)) if len(days) else None,
            "term_working_days": TERM_WORKING_DAYS,
            "bins": _histogram(days),
        },
        "without_metadata": int(np.count_nonzero(np.isnat(columns.asked[docs]))),
        "themes": _themes(columns, docs),
        "portfolios": _portfolios(columns, docs),
    }


def _portfolios(columns, docs: np.ndarray) -> list[dict]:
    """Each portfolio the minister answered under, with its first and last question date."""
    out = []
    for code in np.unique(columns.portfolio[docs]):
        these = docs[columns.portfolio[docs] == code]
        dates = columns.date[these]
        name = columns.portfolio_values[code]
        if name:
            out.append({"portfolio": name, "from": _iso(int(dates.min())),
                        "to": _iso(int(dates.max())), "questions": len(these)})
    return sorted(out, key=lambda p: (p["from"], p["to"]))


def asker_profile(service, wanted_slug: str, today: dt.date) -> dict | None:
    columns, code, docs = _person(service, "asker", wanted_slug)
    if code is None:
        return None
    questions = columns.first_of_questions(docs)
    counts = np.bincount(columns.minister[docs], minlength=len(columns.minister_values))
    order = np.lexsort((np.arange(len(counts)), -counts))
    status = columns.status(today)[docs]
    return {
        "name": columns.asker_values[code],
        "slug": wanted_slug,
        "today": today.isoformat(),
        "questions": len(questions),
        "records": len(docs),
        "sessions": [v.to_json() for v in session_counts(columns.date[questions])],
        "ministers": [{"name": columns.minister_values[i], "slug":
                       slug(columns.minister_values[i]), "count": int(counts[i])}
                      for i in order if counts[i]],
        "themes": _themes(columns, questions),
        "statuses": _statuses(status),
        "waiting": int(np.count_nonzero((status == OPEN) | (status == OVERDUE))),
    }
