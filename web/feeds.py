"""Follow and take away: an Atom feed for any search, CSV and JSON exports.

Exports are bounded (the export_max setting, 1,000 rows by default) so one request cannot
walk the whole archive, and CSV cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
import re

from flask import Blueprint, Response, jsonify, render_template, request

from search.results import MAX_LIMIT
from web.data import export_data, export_hits, export_row, feed_data
from web.security import error_response
from web.service import service, settings
from web.state import SearchState

bp = Blueprint("feeds", __name__)
CSV_COLUMNS = ("id", "date", "number", "ministers", "asker", "title", "answer_kind", "url",
               "themes", "status", "working_days")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@bp.get("/feed.atom")
def feed():
    state = SearchState.from_args(request.args, max_limit=MAX_LIMIT)
    data = feed_data(service(), state)
    if data["error"]:  # a refused query: say why, as the page and the API do, not 200 empty
        return error_response(400, data["error"])
    body = render_template("feed.atom.html", feed=data)
    # XML 1.0 forbids most control characters even escaped: one in a query or a document
    # title would make the whole feed unreadable to a feed reader.
    return Response(XML_ILLEGAL.sub("\ufffd", body), mimetype="application/atom+xml")


@bp.get("/export.csv")
def export_csv():
    state = SearchState.from_args(request.args, max_limit=settings().export_max)
    result, hits = export_hits(service(), state)
    if result.error:
        return error_response(400, result.error)
    out = io.StringIO()
    out.write("\ufeff")  # so spreadsheet programs read the accents as UTF-8
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for hit in hits:
        writer.writerow({k: safe_cell(v) for k, v in export_row(hit).items()})
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="vraagbaak.csv"'})


@bp.get("/export.json")
def export_json():
    state = SearchState.from_args(request.args, max_limit=settings().export_max)
    data = export_data(service(), state)
    response = jsonify(data)
    response.status_code = 400 if data["error"] else 200
    response.headers["Content-Disposition"] = 'attachment; filename="vraagbaak.json"'
    return response


def safe_cell(value) -> str:
    """A cell a spreadsheet would read as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    if text.lstrip(" ").startswith(FORMULA_START):
        return "'" + text
    return text
