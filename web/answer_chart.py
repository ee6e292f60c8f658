"""The answer-time chart of a minister page, laid out for a server-rendered SVG.

Bars count the answers per band of working days; the bands past the term of 20 working
days are drawn as late, and a line marks the term. Only numbers go in; the template
draws, so the chart needs no script and no other host.
"""

from __future__ import annotations

WIDTH, HEIGHT, BASE, TOP = 560, 200, 170, 18
GAP = 8


def band_label(band: dict, short: bool = False) -> str:
    if band["to"] is None:
        return f"{band['from']}+" if short else f"meer dan {band['from'] - 1}"
    return f"{band['from']}–{band['to']}"


def layout(bins: list[dict]) -> dict:
    """Bars for the bins of search.people (from, to, count, late)."""
    if not bins:
        return {"bars": [], "width": WIDTH, "height": HEIGHT}
    slot = WIDTH / len(bins)
    peak = max(b["count"] for b in bins) or 1
    bars, term_x = [], None
    for i, band in enumerate(bins):
        height = round((BASE - TOP) * band["count"] / peak, 1)
        x = round(i * slot + GAP / 2, 1)
        if band["late"] and term_x is None:
            term_x = round(i * slot, 1)
        bars.append({"x": x, "w": round(slot - GAP, 1), "y": round(BASE - height, 1),
                     "h": height, "cx": round(x + (slot - GAP) / 2, 1),
                     "count": band["count"], "late": band["late"],
                     "label": band_label(band), "tick": band_label(band, short=True)})
    return {"bars": bars, "width": WIDTH, "height": HEIGHT + 16, "base": BASE,
            "term_x": term_x, "top": TOP}
