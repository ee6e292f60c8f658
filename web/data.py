"""One data function per page, returning the plain dicts that both the HTML page and its
JSON twin render (the datasette way): what a page shows, the API gives.

The search dict is `SearchResult.to_json()` with keys added, never renamed: links for
hits, a toggle URL on every facet value, removable filter chips, pagination, the
timeline, and help for an empty result.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from flask import url_for

from index.dates import session_year
from index.model import Record, record_id
from search.results import MAX_DEPTH, MAX_LIMIT, Hit, SearchResult
from search.service import SearchService
from web.state import (
    ParamError,
    SearchState,
    month_period,
    names_match,
    session_period,
    year_period,
)
from web.text import nl_date
from web.timeline import timeline

EXPORT_MAX = 1000
FEED_SIZE = 20
PAGE_WINDOW = 2


def state_url(endpoint: str, state: SearchState, external: bool = False) -> str:
    return url_for(endpoint, _external=external) + state.query_string()


def question_url(doc_id: str, api: bool = False) -> str:
    return url_for("api.question" if api else "pages.question", doc_id=doc_id)


def run_search(service: SearchService, state: SearchState, limit: int, **options) \
        -> SearchResult:
    try:
        return service.search(state.search_request(limit, **options))
    except ValueError as error:  # only reachable if state and search disagree on bounds
        raise ParamError(str(error)) from None


# -- the search page and /api/search
def search_data(service: SearchService, state: SearchState, endpoint: str,
                limit: int) -> dict:
    """Everything the results page shows; `endpoint` is where toggle links point."""
    result = run_search(service, state, limit)
    data = result.to_json()

    def link(s: SearchState) -> str:
        return state_url(endpoint, s)

    data["hits"] = [_hit(service, hit, json) for hit, json in zip(result.hits, data["hits"],
                                                                   strict=True)]
    _facet_links(data["facets"], state, link)
    data["chips"] = _chips(state, link)
    data["timeline"] = timeline(data["facets"], state, link)
    data["pagination"] = _pagination(state, result.pages, link)
    export = state.changed(limit=None)
    data["links"] = {
        "self": link(state),
        "html": state_url("pages.search", state.changed(page=state.page)),
        "api": state_url("api.search", state.changed(page=state.page)),
        "feed": state_url("feeds.feed", export.changed(sort="relevance")),
        "csv": state_url("feeds.export_csv", export),
        "json": state_url("feeds.export_json", export),
        "clear": link(SearchState(q=state.q, sort=state.sort, limit=state.limit)),
    }
    data["suggestion_url"] = link(state.changed(q=data["suggestion"])) \
        if data["suggestion"] else None
    data["widen"] = _widen(service, state, link) if not result.total and not result.error \
        else []
    data["export_max"] = EXPORT_MAX
    data["max_depth"] = MAX_DEPTH
    return data


def _hit(service: SearchService, hit: Hit, data: dict) -> dict:
    data["url"] = question_url(hit.id)
    for ref in data["records"]:
        indexed = ref["id"] == hit.id or service.get(ref["id"]) is not None
        ref["url"] = question_url(ref["id"]) if indexed else None
    return data


def _facet_links(facets: dict, state: SearchState, link) -> None:
    """Give each facet value `active` (does the state filter on it) and `url` (toggle)."""
    for value in facets.get("minister", []):
        value["active"] = any(names_match(m, value["value"]) for m in state.ministers)
        value["url"] = link(state.toggle_minister(value["value"], value["active"]))
    for value in facets.get("asker", []):
        value["active"] = bool(state.asker) and names_match(state.asker, value["value"])
        value["url"] = link(state.toggle_asker(value["value"], value["active"]))
    periods = {"year": lambda v: year_period(int(v)),
               "month": lambda v: month_period(int(v[:4]), int(v[5:7])),
               "session": lambda v: session_period(int(v[:4]))}
    for name, bounds in periods.items():
        for value in facets.get(name, []):
            start, end = bounds(value["value"])
            value["active"] = state.date_from == start and state.date_to == end
            value["url"] = link(state.toggle_period(start, end))
    for value in facets.get("keyword", []):
        value["active"] = state.has_word(value["value"])
        value["url"] = link(state.toggle_word(value["value"]))


def _chips(state: SearchState, link) -> list[dict]:
    """The active filters, each with the URL of the same search without it."""
    chips = [{"name": "minister", "label": "Minister", "value": m,
              "url": link(state.changed(ministers=tuple(x for x in state.ministers if x != m)))}
             for m in state.ministers]
    if state.asker:
        chips.append({"name": "asker", "label": "Vraagsteller", "value": state.asker,
                      "url": link(state.changed(asker=None))})
    if state.date_from:
        chips.append({"name": "from", "label": "Vanaf", "value": nl_date(
            state.date_from.isoformat()), "url": link(state.changed(date_from=None))})
    if state.date_to:
        chips.append({"name": "to", "label": "Tot en met", "value": nl_date(
            state.date_to.isoformat()), "url": link(state.changed(date_to=None))})
    return chips


def _pagination(state: SearchState, pages: int, link) -> dict:
    current = min(state.page, pages)
    shown = sorted({1, pages, *range(max(1, current - PAGE_WINDOW),
                                     min(pages, current + PAGE_WINDOW) + 1)})
    items, previous = [], 0
    for number in shown:
        if number - previous > 1:
            items.append({"gap": True})
        items.append({"page": number, "url": link(state.changed(page=number)),
                      "current": number == state.page})
        previous = number
    return {
        "items": items if pages > 1 else [],
        "prev": link(state.changed(page=min(state.page - 1, pages))) if state.page > 1
        else None,
        "next": link(state.changed(page=state.page + 1)) if state.page < pages else None,
    }


def _widen(service: SearchService, state: SearchState, link) -> list[dict]:
    """For an empty result: the same search without each filter, with its count."""
    options = [(f"zonder minister {m}",
                state.changed(ministers=tuple(x for x in state.ministers if x != m)))
               for m in state.ministers]
    if state.asker:
        options.append((f"zonder vraagsteller {state.asker}", state.changed(asker=None)))
    if state.date_from or state.date_to:
        options.append(("in alle periodes", state.changed(date_from=None, date_to=None)))
    if len(options) > 1:
        options.append(("zonder filters", SearchState(q=state.q, sort=state.sort,
                                                      limit=state.limit)))
    out = []
    for label, wider in options:
        total = run_search(service, wider, 1, facets=False, snippets=False).total
        out.append({"label": label, "total": total, "url": link(wider)})
    return out


# -- feed and exports
def export_hits(service: SearchService, state: SearchState, sort: str | None = None,
                snippets: bool = False) -> tuple[SearchResult, list[Hit]]:
    """Up to `limit` (at most EXPORT_MAX) hits from the page the state names, in pages of
    the search's own maximum."""
    state = state.changed(page=state.page, sort=sort or state.sort)
    wanted = state.limit or EXPORT_MAX
    start = (state.page - 1) * wanted
    hits: list[Hit] = []
    first = None
    page = start // MAX_LIMIT + 1
    skip = start % MAX_LIMIT
    while len(hits) < wanted:
        chunk = state.changed(page=page, limit=MAX_LIMIT)
        result = run_search(service, chunk, MAX_LIMIT, facets=False, snippets=snippets)
        first = first or result
        hits += result.hits[skip:]
        skip = 0
        if result.error or len(result.hits) < MAX_LIMIT or page * MAX_LIMIT >= MAX_DEPTH:
            break
        page += 1
    return first, hits[:wanted]


def export_row(hit: Hit) -> dict:
    return {"id": hit.id, "date": hit.date, "number": hit.number,
            "ministers": "; ".join(hit.ministers), "asker": hit.asker, "title": hit.title,
            "answer_kind": hit.answer_kind,
            "url": url_for("pages.question", doc_id=hit.id, _external=True)}


def export_data(service: SearchService, state: SearchState) -> dict:
    result, hits = export_hits(service, state)
    rows = [{**hit.to_json(), "url": export_row(hit)["url"]} for hit in hits]
    for row in rows:
        row.pop("snippet", None)
        row.pop("score", None)
    meta = result.to_json()
    return {"query": meta["query"], "filters": meta["filters"], "sort": meta["sort"],
            "total": result.total, "page": state.page, "limit": state.limit or EXPORT_MAX,
            "max": EXPORT_MAX, "exported": len(rows),
            "truncated": result.total > (state.page - 1) * (state.limit or EXPORT_MAX)
            + len(rows),
            "notices": meta["notices"], "error": meta["error"], "hits": rows}


def feed_data(service: SearchService, state: SearchState) -> dict:
    """The newest matching questions, whatever the page's own sort."""
    limit = state.limit or FEED_SIZE
    result = run_search(service, state.changed(sort="newest", limit=limit), limit)
    page_state = state.changed(sort="newest", limit=None)
    entries = [{**hit.to_json(),
                "url": url_for("pages.question", doc_id=hit.id, _external=True)}
               for hit in result.hits]
    updated = max((e["date"] for e in entries), default=None)
    return {"title": _feed_title(state), "entries": entries,
            "updated": updated or dt.date.today().isoformat(), "error": result.error,
            "self": state_url("feeds.feed", state.changed(sort="relevance"), external=True),
            "alternate": state_url("pages.search", page_state, external=True)}


def _feed_title(state: SearchState) -> str:
    parts = [f"“{state.q}”"] if state.q else []
    parts += [f"minister {m}" for m in state.ministers]
    if state.asker:
        parts.append(f"vraagsteller {state.asker}")
    if state.date_from:
        parts.append(f"vanaf {nl_date(state.date_from.isoformat())}")
    if state.date_to:
        parts.append(f"tot en met {nl_date(state.date_to.isoformat())}")
    return "Vraagbaak: " + (", ".join(parts) if parts else "nieuwste schriftelijke vragen")


# -- the question page and /api/questions/<id>
def question_data(service: SearchService, doc_id: str) -> dict | None:
    record = service.get(doc_id)
    if record is None:
        return None
    data = record.to_json()
    # `source` is the absolute path on the server: never public. The file's own name
    # identifies the document without saying where the server keeps it.
    data["file"] = PurePath(data.pop("source")).name
    data["session"] = session_year(dt.date.fromisoformat(record.date))
    data["links"] = {"html": question_url(record.id), "api": question_url(record.id, True)}
    data["group"] = _group(service, record)
    coordinated = service.coordinated_for(record)
    data["coordinated"] = _ref(coordinated) if coordinated else None
    data["referred_by"] = [m for m in data["group"] if m["answer_kind"] == "referral"] \
        if record.answer_kind == "coordinated" else []
    data["similar"] = [_hit(service, hit, hit.to_json())
                       for hit in service.similar(record, limit=5)]
    data["search_links"] = {
        "minister": state_url("pages.search", SearchState(ministers=(record.minister,))),
        "asker": state_url("pages.search", SearchState(asker=record.asker)),
    }
    return data


def _ref(record: Record) -> dict:
    return {"id": record.id, "minister": record.minister, "number": record.number,
            "answer_kind": record.answer_kind, "url": question_url(record.id),
            "api": question_url(record.id, True)}


def _group(service: SearchService, record: Record) -> list[dict]:
    """Every addressed minister in document order; those not indexed have no URL."""
    indexed = {r.id: r for r in service.group(record)}
    members = []
    for member in record.joint:
        member_id = record_id(record.date, member.minister, member.number)
        found = indexed.get(member_id)
        members.append({"id": member_id, "minister": member.minister, "number": member.number,
                        "answer_kind": found.answer_kind if found else None,
                        "url": question_url(member_id) if found else None,
                        "current": member_id == record.id})
    return members
