"""Data functions of the pages that follow questions: the open list, minister and member
pages, and one question's feed. Each returns the plain dict that both the HTML page and
its JSON twin render, so what a page shows, the API gives."""

from __future__ import annotations

from flask import url_for

from index.documents.workdays import TERM_WORKING_DAYS
from search.following import open_questions
from search.people import asker_profile, minister_profile
from search.results import SearchRequestError
from search.service import SearchService
from search.status import STATUS_LABELS, has_answer, timing
from web.answer_chart import band_label, layout
from web.data import asker_url, minister_url, question_url, run_search, state_url
from web.service import today
from web.state import ParamError, SearchState, session_period
from web.text import kind_label

OPEN_LIMIT = 50
RECENT = 10


def open_data(service: SearchService, state: SearchState, limit: int | None = None) -> dict:
    """The unanswered questions of the state's ministers and themes, longest waiting first."""
    try:
        result = open_questions(service, today(), state.ministers, state.themes, state.page,
                                limit or state.limit or OPEN_LIMIT)
    except SearchRequestError as error:
        raise ParamError(str(error)) from None
    data = result.to_json()
    data["term_working_days"] = TERM_WORKING_DAYS
    for item in data["items"]:
        item["url"] = question_url(item["id"])
        item["minister_url"] = minister_url(item["minister"])
        item["asker_url"] = asker_url(item["asker"])
        item["status_label"] = STATUS_LABELS[item["status"]]
    base = SearchState(ministers=state.ministers, themes=state.themes, limit=state.limit)
    data["links"] = {
        "html": state_url("follow.open_page", base.changed(page=state.page)),
        "api": state_url("follow.api_open", base.changed(page=state.page)),
        "feed": state_url("follow.open_feed", base),
        "csv": state_url("follow.open_csv", base),
        "json": state_url("follow.open_json", base),
        "prev": state_url("follow.open_page", base.changed(page=state.page - 1))
        if state.page > 1 else None,
        "next": state_url("follow.open_page", base.changed(page=state.page + 1))
        if state.page < result.pages else None,
    }
    data["chips"] = [{"label": "Minister", "value": m, "url": state_url(
        "follow.open_page", base.changed(ministers=tuple(x for x in state.ministers if x != m)))}
        for m in state.ministers]
    data["chips"] += [{"label": "Thema", "value": t, "url": state_url(
        "follow.open_page", base.changed(themes=tuple(x for x in state.themes if x != t)))}
        for t in state.themes]
    return data


def _recent(service: SearchService, state: SearchState) -> list[dict]:
    result = run_search(service, state.changed(sort="newest"), RECENT, facets=False,
                        snippets=False)
    out = []
    for hit in result.hits:
        row = hit.to_json()
        row["url"] = question_url(hit.id)
        row["status_label"] = STATUS_LABELS.get(hit.status, hit.status)
        out.append(row)
    return out


def _session_links(profile: dict, state: SearchState) -> None:
    for session in profile["sessions"]:
        start, end = session_period(int(session["value"][:4]))
        session["url"] = state_url("pages.search", state.changed(date_from=start,
                                                                 date_to=end))


def minister_data(service: SearchService, name_slug: str) -> dict | None:
    profile = minister_profile(service, name_slug, today())
    if profile is None:
        return None
    state = SearchState(ministers=(profile["name"],))
    _session_links(profile, state)
    for theme in profile["themes"]:
        theme["url"] = state_url("pages.search", state.changed(themes=(theme["value"],)))
    for band in profile["answer_times"]["bins"]:
        band["label"] = band_label(band)
    profile["chart"] = layout(profile["answer_times"]["bins"])
    profile["recent"] = _recent(service, state)
    profile["links"] = {
        "html": minister_url(profile["name"]), "api": minister_url(profile["name"], True),
        "search": state_url("pages.search", state),
        "open": state_url("follow.open_page", state),
    }
    return profile


def asker_data(service: SearchService, name_slug: str) -> dict | None:
    profile = asker_profile(service, name_slug, today())
    if profile is None:
        return None
    state = SearchState(asker=profile["name"])
    _session_links(profile, state)
    for theme in profile["themes"]:
        theme["url"] = state_url("pages.search", state.changed(themes=(theme["value"],)))
    for minister in profile["ministers"]:
        minister["url"] = minister_url(minister["name"])
    profile["recent"] = _recent(service, state)
    profile["links"] = {
        "html": asker_url(profile["name"]), "api": asker_url(profile["name"], True),
        "search": state_url("pages.search", state),
    }
    return profile


def question_feed_data(service: SearchService, doc_id: str) -> dict | None:
    """Entries: the question published, its answer arrived, a referral's coordinated
    answer linked. Dates are the official ones; without them, the question's own date,
    and the entry says the date is not known."""
    record = service.get(doc_id)
    if record is None:
        return None
    url = url_for("pages.question", doc_id=record.id, _external=True)
    asked = record.asked or record.date
    entries = [{"id": url + "#vraag", "title": f"Vraag gesteld: {record.title}",
                "date": asked[:10], "url": url,
                "text": f"Vraag nr. {record.number} van {record.asker} aan minister "
                        f"{record.minister}."}]
    when = timing(record, today())
    if has_answer(record):
        known = record.answered is not None
        text = f"{kind_label(record.answer_kind)} van minister {record.minister}"
        if when.working_days is not None:
            text += f", na {when.working_days} werkdagen"
        text += f" ({STATUS_LABELS[when.status].lower()})." if known else \
            " (datum van het antwoord niet bekend)."
        entries.append({"id": url + "#antwoord",
                        "title": f"{kind_label(record.answer_kind)}: {record.title}",
                        "date": (record.answered or record.date)[:10],
                        "url": url + "#antwoord-titel",
                        "text": text})
    coordinated = service.coordinated_for(record)
    if coordinated is not None and has_answer(coordinated):
        other = url_for("pages.question", doc_id=coordinated.id, _external=True)
        entries.append({"id": url + "#gecoordineerd",
                        "title": f"Gecoördineerd antwoord gekoppeld: {record.title}",
                        "date": (coordinated.answered or coordinated.date)[:10],
                        "url": other,
                        "text": f"Minister {coordinated.minister} gaf het gecoördineerde "
                                f"antwoord voor alle ministers."})
    entries.sort(key=lambda e: e["date"])
    return {"title": f"Vraagbaak: {record.title}", "id": url, "alternate": url,
            "self": url_for("follow.question_feed", doc_id=record.id, _external=True),
            "updated": max(e["date"] for e in entries), "entries": entries,
            "author": record.asker}
