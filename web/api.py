"""The JSON API: the same data functions as the pages, as JSON (documented in docs/api.md)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from search.results import DEFAULT_LIMIT, MAX_LIMIT
from web.data import question_data, search_data
from web.pages import ID
from web.security import error_response
from web.service import service
from web.state import SearchState

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    state = SearchState.from_args(request.args, max_limit=MAX_LIMIT)
    data = search_data(service(), state, "api.search", DEFAULT_LIMIT)
    response = jsonify(data)
    response.status_code = 400 if data["error"] else 200
    return response


@bp.get("/questions/<doc_id>")
def question(doc_id: str):
    data = question_data(service(), doc_id) if ID.fullmatch(doc_id) else None
    if data is None:
        return error_response(404, f"Er is geen vraag met id '{doc_id[:200]}'.")
    return jsonify(data)


@bp.get("/stats")
def stats():
    data = service().stats().to_json()
    data.pop("index_dir", None)  # a server path is nobody's business
    return jsonify(data)
