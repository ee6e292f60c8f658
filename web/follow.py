"""Routes for following questions: `/open` with its feed and exports, the minister and
member pages with their JSON twins, and one question's Atom feed."""

from __future__ import annotations

import csv
import datetime as dt
import io

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from search.following import MAX_OPEN_LIMIT
from web.feeds import XML_ILLEGAL, safe_cell
from web.follow_data import (
    OPEN_LIMIT,
    asker_data,
    minister_data,
    open_data,
    question_feed_data,
)
from web.pages import ID
from web.security import error_response
from web.service import service, settings
from web.state import SearchState

bp = Blueprint("follow", __name__)
OPEN_CSV = ("id", "asked", "working_days", "days_late", "deadline", "status", "minister",
            "number", "asker", "title", "themes", "url")


def _atom(body: str) -> Response:
    return Response(XML_ILLEGAL.sub("\ufffd", body), mimetype="application/atom+xml")


def _open_state(max_limit: int) -> SearchState:
    return SearchState.from_args(request.args, max_limit=max_limit)


def _export_max() -> int:
    """Rows of one export of the open list: the export setting, within the list's bound."""
    return min(settings().export_max, MAX_OPEN_LIMIT)


@bp.get("/open")
def open_page():
    data = open_data(service(), _open_state(OPEN_LIMIT))
    return render_template("open.html", data=data)


@bp.get("/api/open")
def api_open():
    return jsonify(open_data(service(), _open_state(OPEN_LIMIT)))


@bp.get("/open/feed.atom")
def open_feed():
    data = open_data(service(), _open_state(OPEN_LIMIT))
    query = data["links"]["feed"].partition("?")[2]
    data["self"] = url_for("follow.open_feed", _external=True) + (f"?{query}" if query else "")
    data["alternate"] = url_for("follow.open_page", _external=True)
    for item in data["items"]:
        item["abs_url"] = url_for("pages.question", doc_id=item["id"], _external=True)
    data["updated"] = max((_entry_date(i) for i in data["items"]), default=data["today"])
    return _atom(render_template("open.atom.html", feed=data, entry_date=_entry_date))


def _entry_date(item: dict) -> str:
    """When an open question last changed: the day after its term ended when overdue
    (a reader then sees it again), else the day it was asked."""
    if item["status"] == "te-laat" and item["deadline"]:
        return (dt.date.fromisoformat(item["deadline"]) + dt.timedelta(days=1)).isoformat()
    return (item["asked"] or item["date"])[:10]


@bp.get("/open/export.csv")
def open_csv():
    data = open_data(service(), _open_state(_export_max()), _export_max() if not
                     request.args.get("limit") else None)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, OPEN_CSV, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for item in data["items"]:
        row = {**item, "asked": item["asked"] or item["date"],
               "themes": "; ".join(item["themes"]),
               "url": url_for("pages.question", doc_id=item["id"], _external=True)}
        writer.writerow({k: safe_cell(row.get(k)) for k in OPEN_CSV})
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="open-vragen.csv"'})


@bp.get("/open/export.json")
def open_json():
    data = open_data(service(), _open_state(_export_max()), _export_max() if not
                     request.args.get("limit") else None)
    response = jsonify(data)
    response.headers["Content-Disposition"] = 'attachment; filename="open-vragen.json"'
    return response


def _profile(data_function, name: str, who: str, render):
    """A minister's or member's profile rendered, or the 404 page when there is none."""
    data = data_function(service(), name) if ID.fullmatch(name) else None
    if data is None:
        return error_response(404, f"Er is geen {who} '{name[:200]}' in de index.")
    return render(data)


def _page(template: str):
    return lambda data: render_template(template, p=data)


@bp.get("/ministers/<name>")
def minister(name: str):
    return _profile(minister_data, name, "minister", _page("minister.html"))


@bp.get("/api/ministers/<name>")
def api_minister(name: str):
    return _profile(minister_data, name, "minister", jsonify)


@bp.get("/askers/<name>")
def asker(name: str):
    return _profile(asker_data, name, "vraagsteller", _page("asker.html"))


@bp.get("/api/askers/<name>")
def api_asker(name: str):
    return _profile(asker_data, name, "vraagsteller", jsonify)


@bp.get("/questions/<doc_id>/feed.atom")
def question_feed(doc_id: str):
    data = question_feed_data(service(), doc_id) if ID.fullmatch(doc_id) else None
    if data is None:
        return error_response(404, f"Er is geen vraag met id '{doc_id[:200]}'.")
    return _atom(render_template("question.atom.html", feed=data))
