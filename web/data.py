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

from index.documents.model import Record, slug
from index.indexing.analysis import fold
from search.results import MAX_DEPTH, Hit, SearchRequestError, SearchResult
from search.service import SearchService
from search.status import STATUS_LABELS, timing
from web.service import settings, today
from web.state import (
    ParamError,
    SearchState,
    month_period,
    session_period,
    year_period,
)
from web.text import nl_date
from web.timeline import timeline

PAGE_WINDOW = 2


def state_url(endpoint: str, state: SearchState, external: bool = False) -> str:
    return url_for(endpoint, _external=external) + state.query_string()


def question_url(doc_id: str, api: bool = False) -> str:
    return url_for("api.question" if api else "pages.question", doc_id=doc_id)


def minister_url(name: str, api: bool = False) -> str:
    return url_for("follow.api_minister" if api else "follow.minister", name=slug(name))


def asker_url(name: str, api: bool = False) -> str:
    return url_for("follow.api_asker" if api else "follow.asker", name=slug(name))


def run_search(service: SearchService, state: SearchState, limit: int, **options) \
        -> SearchResult:
    options.setdefault("today", today())
    try:
        return service.search(state.search_request(limit, **options))
    except SearchRequestError as error:  # only if state and search disagree on bounds
        raise ParamError(str(error)) from None


# -- the search page and /api/search
def search_data(service: SearchService, state: SearchState, endpoint: str,
                limit: int) -> dict:
    """Everything the results page shows; `endpoint` is where toggle links point."""
    result = run_search(service, state, limit)
    data = result.to_json()

    def link(s: SearchState) -> str:
        return state_url(endpoint, s)

    data["hits"] = _hits(service, data["hits"])
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
    data["export_max"] = settings().export_max
    data["max_depth"] = MAX_DEPTH
    return data


def _hits(service: SearchService, hits: list[dict]) -> list[dict]:
    """Hits as JSON with links (the question, its asker and ministers, and a minister's
    record only when it is indexed) and the status in words."""
    indexed = service.indexed(ref["id"] for hit in hits for ref in hit["records"])
    for hit in hits:
        hit["url"] = question_url(hit["id"])
        hit["asker_url"] = asker_url(hit["asker"])
        hit["status_label"] = STATUS_LABELS.get(hit["status"], hit["status"])
        for ref in hit["records"]:
            ref["url"] = question_url(ref["id"]) if ref["id"] in indexed else None
            ref["minister_url"] = minister_url(ref["minister"])
    return hits


def _facet_links(facets: dict, state: SearchState, link) -> None:
    """Give each facet value `active` (does the state filter on it: the search's own
    `selected`, search/names.py) and `url` (toggle)."""
    for value in facets.get("minister", []):
        value["active"] = value["selected"]
        value["url"] = link(state.toggle_minister(value["value"], value["active"]))
        value["profile"] = minister_url(value["value"])
    for value in facets.get("asker", []):
        value["active"] = value["selected"]
        value["url"] = link(state.toggle_asker(value["value"], value["active"]))
        value["profile"] = asker_url(value["value"])
    for value in facets.get("theme", []):
        value["active"] = any(fold(t) == fold(value["value"]) for t in state.themes)
        value["url"] = link(state.toggle_theme(value["value"], value["active"]))
    for value in facets.get("status", []):
        value["active"] = value["value"] in state.statuses
        value["url"] = link(state.toggle_status(value["value"]))
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
    chips += [{"name": "theme", "label": "Thema", "value": t,
               "url": link(state.changed(themes=tuple(x for x in state.themes if x != t)))}
              for t in state.themes]
    chips += [{"name": "status", "label": "Status", "value": STATUS_LABELS[s],
               "url": link(state.toggle_status(s))} for s in state.statuses]
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
    options += [(f"zonder thema {t}",
                 state.changed(themes=tuple(x for x in state.themes if x != t)))
                for t in state.themes]
    if state.statuses:
        options.append(("met elke status", state.changed(statuses=())))
    if len(options) > 1:
        options.append(("zonder filters", SearchState(q=state.q, sort=state.sort,
                                                      limit=state.limit)))
    out = []
    for label, wider in options:
        total = run_search(service, wider, 1, facets=False, snippets=False).total
        out.append({"label": label, "total": total, "url": link(wider)})
    return out


# -- feed and exports
def export_hits(service: SearchService, state: SearchState, sort: str | None = None
                ) -> tuple[SearchResult, list[Hit]]:
    """Up to `limit` (at most the export maximum) hits from the page the state names."""
    state = state.changed(page=state.page, sort=sort or state.sort)
    wanted = state.limit or settings().export_max
    try:
        return service.hits_from(state.search_request(facets=False, snippets=False),
                                 (state.page - 1) * wanted, wanted)
    except SearchRequestError as error:
        raise ParamError(str(error)) from None


def export_row(hit: Hit) -> dict:
    return {"id": hit.id, "date": hit.date, "number": hit.number,
            "ministers": "; ".join(hit.ministers), "asker": hit.asker, "title": hit.title,
            "answer_kind": hit.answer_kind,
            "url": url_for("pages.question", doc_id=hit.id, _external=True),
            "themes": "; ".join(hit.themes), "status": hit.status,
            "working_days": "" if hit.working_days is None else hit.working_days}


def export_data(service: SearchService, state: SearchState) -> dict:
    result, hits = export_hits(service, state)
    rows = [{**hit.to_json(), "url": export_row(hit)["url"]} for hit in hits]
    for row in rows:
        row.pop("snippet", None)
        row.pop("score", None)
    meta = result.to_json()
    export_max = settings().export_max
    return {"query": meta["query"], "filters": meta["filters"], "sort": meta["sort"],
            "total": result.total, "page": state.page, "limit": state.limit or export_max,
            "max": export_max, "exported": len(rows),
            "truncated": result.total > (state.page - 1) * (state.limit or export_max)
            + len(rows),
            "notices": meta["notices"], "error": meta["error"], "hits": rows}


def feed_data(service: SearchService, state: SearchState) -> dict:
    """The newest matching questions, whatever the page's own sort."""
    limit = state.limit or settings().feed_size
    result = run_search(service, state.changed(sort="newest", limit=limit), limit)
    page_state = state.changed(sort="newest", limit=None)
    entries = [{**hit.to_json(), "status_label": STATUS_LABELS.get(hit.status, hit.status),
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
    parts += [f"thema {t}" for t in state.themes]
    parts += [f"status {STATUS_LABELS[s].lower()}" for s in state.statuses]
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
    # kept beside `session` (the official value, else the date's zittingsjaar) for the page
    data["zittingsjaar"] = record.session
    data["links"] = {"html": question_url(record.id), "api": question_url(record.id, True)}
    data["group"] = _group(service.members(record), record.id)
    coordinated = service.coordinated_for(record)
    data["coordinated"] = _ref(coordinated) if coordinated else None
    data["referred_by"] = [m for m in data["group"] if m["answer_kind"] == "referral"] \
        if record.answer_kind == "coordinated" else []
    day = today()
    data["similar"] = _hits(service, [hit.to_json() for hit in
                                      service.similar(record, limit=5, today=day)])
    data["search_links"] = {
        "minister": state_url("pages.search", SearchState(ministers=(record.minister,))),
        "asker": state_url("pages.search", SearchState(asker=record.asker)),
    }
    when = timing(record, day)
    data["timing"] = {**when.to_json(), "label": STATUS_LABELS[when.status]}
    data["links"].update({
        "feed": url_for("follow.question_feed", doc_id=record.id),
        "minister": minister_url(record.minister), "asker": asker_url(record.asker),
    })
    data["theme_links"] = [{"value": t, "url": state_url("pages.search",
                                                         SearchState(themes=(t,)))}
                           for t in record.themes]
    return data


def _ref(record: Record) -> dict:
    return {"id": record.id, "minister": record.minister, "number": record.number,
            "answer_kind": record.answer_kind, "url": question_url(record.id),
            "api": question_url(record.id, True)}


def _group(members, current_id: str) -> list[dict]:
    """Every addressed minister in document order; those not indexed have no URL."""
    return [{"id": m.id, "minister": m.minister, "number": m.number,
             "answer_kind": m.answer_kind, "url": question_url(m.id) if m.indexed else None,
             "current": m.id == current_id} for m in members]
