"""The HTML pages: the search page at `/`, one page per question, and the about page."""

from __future__ import annotations

import re

from flask import Blueprint, render_template, request

from search.results import DEFAULT_LIMIT, MAX_LIMIT
from web.data import question_data, search_data
from web.security import error_response
from web.service import service, settings
from web.state import SearchState
from web.timeline import layout

bp = Blueprint("pages", __name__)
ID = re.compile(r"[a-z0-9][a-z0-9-]{0,199}")


@bp.get("/")
def search():
    state = SearchState.from_args(request.args, max_limit=MAX_LIMIT)
    data = search_data(service(), state, "pages.search", DEFAULT_LIMIT)
    status = 400 if data["error"] else 200
    return render_template("search.html", data=data, state=state,
                           chart=layout(data["timeline"])), status


@bp.get("/questions/<doc_id>")
def question(doc_id: str):
    data = question_data(service(), doc_id) if ID.fullmatch(doc_id) else None
    if data is None:
        return error_response(404, f"Er is geen vraag met id '{doc_id[:200]}'.")
    return render_template("question.html", q=data)


@bp.get("/over")
def about():
    return render_template("about.html", stats=service().stats(), max_limit=MAX_LIMIT,
                           export_max=settings().export_max,
                           feed_size=settings().feed_size)
