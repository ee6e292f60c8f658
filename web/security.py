"""Response headers and error pages: what every response must carry, whatever failed.

Headers are set in one after-request hook so static files and error pages get them too.
Errors become a plain page (or a JSON object under /api/ and for .json exports) with a
Dutch message; a stack trace never reaches the client.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from index.indexing.store import IndexMissingError, IndexVersionError
from web.state import ParamError

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
MESSAGES = {
    400: "Ongeldige aanvraag.",
    404: "Deze pagina bestaat niet.",
    405: "Deze methode is hier niet toegestaan.",
    413: "De aanvraag is te groot.",
    414: "Het adres is te lang.",
    500: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
    503: "De zoekdienst is tijdelijk niet beschikbaar.",
}
TITLES = {400: "Ongeldige aanvraag", 404: "Niet gevonden", 405: "Niet toegestaan",
          500: "Interne fout", 503: "Niet beschikbaar"}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.endswith(".json")


def error_response(status: int, message: str):
    if wants_json():
        response = jsonify({"error": message, "status": status})
        response.status_code = status
        return response
    title = TITLES.get(status, f"Fout {status}")
    if request.url_rule is None and not _can_build_urls():
        # A request refused before routing (a Host not in TRUSTED_HOSTS): the page
        # template cannot build its links, so answer in plain text.
        return Response(f"{title}: {message}\n", status, mimetype="text/plain")
    return render_template("error.html", status=status, title=title, message=message), status


def _can_build_urls() -> bool:
    try:
        url_for("static", filename="style.css")
    except Exception:  # noqa: BLE001 - any failure means: no page template here
        return False
    return True


def install_security(app: Flask) -> None:
    @app.after_request
    def _headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.errorhandler(ParamError)
    def _bad_param(error: ParamError):
        return error_response(400, str(error))

    # The store's errors, worded for a reader of the site (cli/options.py words them for
    # the terminal).
    @app.errorhandler(IndexMissingError)
    def _no_index(error: IndexMissingError):
        return error_response(503, "Er is nog geen index. Start de site met `vraagbaak serve` "
                                   "(die indexeert eerst de meegeleverde documenten) of voer "
                                   "`vraagbaak index` uit.")

    @app.errorhandler(IndexVersionError)
    def _old_index(error: IndexVersionError):
        return error_response(503, "De index werd gemaakt door een oudere versie van Vraagbaak. "
                                   "Verwijder de indexmap en voer `vraagbaak index` opnieuw uit.")

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        status = error.code or 500
        return error_response(status, MESSAGES.get(status, error.name))

    @app.errorhandler(Exception)
    def _crash(error: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        return error_response(500, MESSAGES[500])
