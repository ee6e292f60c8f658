"""Facet counts over the matching documents, from the column arrays.

Totals and counts count questions, not records: a joint question to three ministers
counts once for its year, month, zittingsjaar and asker, and once for each of its
ministers that matched.
"""

from __future__ import annotations

import numpy as np

from index.documents.dates import session_start
from search.columns import Columns
from search.results import FacetValue, SearchRequest
from search.status import STATUS_LABELS, STATUSES

FACET_SIZE = 12
KEYWORD_SIZE = 15
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _top(values: list[str], counts: np.ndarray, size: int, selected=()) -> list[FacetValue]:
    nonzero = np.flatnonzero(counts)
    order = nonzero[np.lexsort((nonzero, -counts[nonzero]))]
    out = [FacetValue(values[i], int(counts[i]), values[i] in selected) for i in order[:size]]
    out += [FacetValue(values[i], int(counts[i]), True) for i in order[size:]
            if values[i] in selected]
    return out


def compute_facets(columns: Columns, matched: np.ndarray, questions: np.ndarray,
                   request: SearchRequest, minister_pool: np.ndarray | None = None,
                   status_pool: np.ndarray | None = None, status: np.ndarray | None = None
                   ) -> dict[str, list[FacetValue]]:
    """matched: all matching records; questions: one record per matching question;
    minister_pool / status_pool: the matches without the minister / status filter
    (multi-select facets); status: every document's status code today."""
    facets: dict[str, list[FacetValue]] = {}
    selected_ministers = {columns.minister_values[c] for name in request.ministers
                          for c in columns.minister_codes(name)}
    pool = matched if minister_pool is None else minister_pool
    counts = np.bincount(columns.minister[pool], minlength=len(columns.minister_values))
    facets["minister"] = _top(columns.minister_values, counts, FACET_SIZE, selected_ministers)

    selected_askers = {columns.asker_values[c] for c in columns.asker_codes(request.asker)} \
        if request.asker else set()
    counts = np.bincount(columns.asker[questions], minlength=len(columns.asker_values))
    facets["asker"] = _top(columns.asker_values, counts, FACET_SIZE, selected_askers)

    facets["year"] = _by_value(columns.year[questions], str)
    facets["month"] = _by_value(columns.month[questions],
                                lambda m: f"{m // 100:04d}-{m % 100:02d}",
                                lambda m: f"{MONTHS[m % 100 - 1]} {m // 100}")
    facets["session"] = session_counts(columns.date[questions])
    facets["keyword"] = _keywords(columns, questions)
    facets["theme"] = _themes(columns, matched, request.themes)
    if status is not None:
        facets["status"] = _statuses(columns, matched if status_pool is None else status_pool,
                                     status, request.statuses)
    return facets


def _themes(columns: Columns, matched: np.ndarray, chosen: list[str]) -> list[FacetValue]:
    """Official themes of the matching questions: each question counts once a theme that
    any of its matching records has (the ministers of a joint question may have been given
    different themes), as the theme filter selects it."""
    if not len(matched) or not len(columns.theme_id):
        return []
    mask = np.zeros(columns.doc_count, dtype=bool)
    mask[matched] = True
    keep = mask[columns.theme_doc]
    themes = len(columns.theme_values)
    pairs = np.unique(columns.question[columns.theme_doc[keep]].astype(np.int64) * themes
                      + columns.theme_id[keep])
    counts = np.bincount(pairs % themes, minlength=themes)
    selected = {columns.theme_values[c] for c in map(columns.theme_code, chosen)
                if c is not None}
    return _top(columns.theme_values, counts, FACET_SIZE, selected)


def _statuses(columns: Columns, pool: np.ndarray, status: np.ndarray,
              chosen: list[str]) -> list[FacetValue]:
    """Questions per status, in the fixed order of STATUSES; a joint question whose
    ministers stand differently counts once under each status it has."""
    if not len(pool):
        return []
    codes = status[pool].astype(np.int64)
    pairs = np.unique(columns.question[pool].astype(np.int64) * len(STATUSES) + codes)
    counts = np.bincount(pairs % len(STATUSES), minlength=len(STATUSES))
    return [FacetValue(name, int(counts[i]), name in chosen, STATUS_LABELS[name])
            for i, name in enumerate(STATUSES) if counts[i] or name in chosen]


def _by_value(values: np.ndarray, fmt, label=None) -> list[FacetValue]:
    """Counts per value in chronological order (a time axis, not a top list)."""
    if not len(values):
        return []
    uniq, counts = np.unique(values, return_counts=True)
    return [FacetValue(fmt(int(v)), int(c), label=label(int(v)) if label else None)
            for v, c in zip(uniq, counts, strict=True)]


def session_counts(dates: np.ndarray) -> list[FacetValue]:
    """Zittingsjaar `2020-2021`: from the fourth Monday of September to the next."""
    if not len(dates):
        return []
    years = dates // 10000
    starts = {int(y): _ymd(session_start(int(y))) for y in np.unique(years)}
    start_of_year = np.vectorize(starts.get)(years)
    first_year = np.where(dates >= start_of_year, years, years - 1)
    uniq, counts = np.unique(first_year, return_counts=True)
    return [FacetValue(f"{int(y)}-{int(y) + 1}", int(c)) for y, c in
            zip(uniq, counts, strict=True)]


def _keywords(columns: Columns, questions: np.ndarray) -> list[FacetValue]:
    """Keywords frequent in the results relative to the whole collection."""
    if not len(questions) or not len(columns.kw_id):
        return []
    mask = np.zeros(columns.doc_count, dtype=bool)
    mask[questions] = True
    ids = columns.kw_id[mask[columns.kw_doc]]
    if not len(ids):
        return []
    counts = np.bincount(ids, minlength=len(columns.keyword_values))
    candidates = np.flatnonzero(counts)
    # observed share in the results against the share in the whole collection: a word
    # that is everywhere says nothing about this result set
    observed = counts[candidates] / len(questions)
    expected = columns.kw_global[candidates] / max(1, columns.doc_count)
    lift = counts[candidates] * np.log(np.maximum(observed / expected, 1.0))
    if len(questions) >= columns.doc_count * 0.5 or not lift.any():
        lift = counts[candidates].astype(float)
    order = candidates[np.lexsort((candidates, -lift))][:KEYWORD_SIZE]
    return [FacetValue(columns.keyword_values[i], int(counts[i])) for i in order]


def _ymd(date) -> int:
    return date.year * 10000 + date.month * 100 + date.day
