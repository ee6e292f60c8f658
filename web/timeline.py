"""The topic over time: bars per year (per month on a narrow range) from the facets.

The counts come from the search's year and month facets; this module only picks the
unit, fills the empty periods (a gap is information too) and lays the bars out for a
server-rendered SVG, so the chart needs no script and no other host.
"""

from __future__ import annotations

import datetime as dt

from web.state import SearchState, month_period, year_period

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MAX_MONTHS = 24
BAR_UNITS, MIN_WIDTH, MAX_WIDTH, WIDE = 64, 360, 720, 480


def timeline(facets: dict, state: SearchState, url) -> dict:
    """Bars as plain data (shared by page and API); `url(state)` links a narrowed state."""
    months = {v["value"]: v["count"] for v in facets.get("month", [])}
    years = {int(v["value"]): v["count"] for v in facets.get("year", [])}
    if not years:
        return {"unit": "year", "bars": []}
    span = _month_span(state, months)
    bars = []
    if span:
        (y, m), (y_end, m_end) = span
        while (y, m) <= (y_end, m_end):
            key = f"{y:04d}-{m:02d}"
            bars.append(_bar(key, f"{MONTHS[m - 1]} {y}", months.get(key, 0),
                             month_period(y, m), state, url))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return {"unit": "month", "bars": bars}
    for year in range(min(years), max(years) + 1):
        bars.append(_bar(str(year), str(year), years.get(year, 0), year_period(year),
                         state, url))
    return {"unit": "year", "bars": bars}


def _month_span(state: SearchState, months: dict) -> tuple | None:
    """(first, last) month when the asked or the found range is at most two years."""
    if state.date_from and state.date_to and \
            (state.date_to - state.date_from).days <= 2 * 366:
        first = (state.date_from.year, state.date_from.month)
        last = (state.date_to.year, state.date_to.month)
        return first, last
    if not months:
        return None
    keys = sorted(months)
    first = (int(keys[0][:4]), int(keys[0][5:]))
    last = (int(keys[-1][:4]), int(keys[-1][5:]))
    if (last[0] - first[0]) * 12 + last[1] - first[1] < MAX_MONTHS:
        return first, last
    return None


def _bar(period: str, label: str, count: int, bounds: tuple[dt.date, dt.date],
         state: SearchState, url) -> dict:
    start, end = bounds
    active = state.date_from == start and state.date_to == end
    return {"period": period, "label": label, "count": count, "from": start.isoformat(),
            "to": end.isoformat(), "active": active,
            "url": url(state.toggle_period(start, end))}


def layout(chart: dict, height: int = 190) -> dict:
    """SVG coordinates for the bars; the template only draws what this returns.

    The width grows with the number of bars (64 units each, 360 to 720), so a short
    chart keeps legible labels when a phone shrinks it; a wide one scrolls instead."""
    bars = chart["bars"]
    width = min(MAX_WIDTH, max(MIN_WIDTH, BAR_UNITS * len(bars)))
    top, bottom, side = 18, 40, 6
    plot = height - top - bottom
    if not bars:
        return {"width": width, "height": height, "bars": [], "base": top + plot,
                "wide": False}
    most = max(b["count"] for b in bars) or 1
    slot = (width - 2 * side) / len(bars)
    bar_width = min(56.0, slot * 0.72)
    every = max(1, round(44 / slot)) if chart["unit"] == "month" else max(1, round(40 / slot))
    out = []
    for i, bar in enumerate(bars):
        h = plot * bar["count"] / most
        x = side + i * slot
        month = chart["unit"] == "month"
        first_of_year = month and (i == 0 or bar["period"].endswith("-01"))
        out.append({
            **bar,
            "slot_x": round(x, 1), "slot_w": round(slot, 1),
            "x": round(x + (slot - bar_width) / 2, 1), "w": round(bar_width, 1),
            "y": round(top + plot - h, 1), "h": round(h, 1),
            "cx": round(x + slot / 2, 1),
            "tick": bar["label"].split()[0] if i % every == 0 else "",
            "year": bar["period"][:4] if first_of_year else "",
            "show_count": bar["count"] > 0 and slot >= 18,
        })
    return {"width": width, "height": height, "bars": out, "base": top + plot,
            "top": top, "max": most, "wide": width > WIDE}
