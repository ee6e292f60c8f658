"""Escaping, headers and error pages: what every response must withstand."""

from __future__ import annotations

import re

import pytest
from webui_support import HOSTILE_ID

from web import create_app
from web.security import CSP

ROUTES = ["/", "/?q=economie", "/over", f"/questions/{HOSTILE_ID}", "/questions/onbekend",
          "/api/search", f"/api/questions/{HOSTILE_ID}", "/api/questions/onbekend",
          "/api/stats", "/feed.atom", "/export.csv?limit=3", "/export.json?limit=3",
          "/static/style.css", "/static/app.js", "/static/logo.svg", "/?page=abc",
          "/bestaat/niet"]
XSS = "<script>alert('x')</script>"


def assert_security_headers(response):
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ROUTES)
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    assert response.status_code < 500
    assert_security_headers(response)


def test_method_not_allowed_is_a_page_with_headers(client):
    response = client.post("/", data={"q": "x"})
    assert response.status_code == 405
    assert_security_headers(response)
    assert "Niet toegestaan" in response.get_data(as_text=True)


def test_csp_forbids_inline_script():
    assert "script-src 'self';" in CSP and "unsafe-inline" not in CSP
    assert "frame-ancestors 'none'" in CSP


@pytest.mark.parametrize("path", ["/", "/?q=economie", f"/questions/{HOSTILE_ID}", "/over",
                                  "/?q=zzzzqqq", "/questions/onbekend"])
def test_pages_carry_no_inline_script_or_style(client, path):
    html = client.get(path).get_data(as_text=True)
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'src="/static/' in tag
    assert not re.search(r"<script\b[^>]*>\s*[^<\s]", html)
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert not re.search(r"\sstyle\s*=", html)
    assert "<style" not in html
    assert not re.search(r'(?:src|href|action)="(?:https?:)?//', html)  # no other hosts


def test_document_markup_shows_as_text(client):
    html = client.get(f"/questions/{HOSTILE_ID}").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "Werk &lt;script&gt;alert(1)&lt;/script&gt; is voor ons allemaal" in html
    results = client.get("/?q=verkeersborden").get_data(as_text=True)
    assert "<script>alert" not in results
    assert "&lt;script&gt;" in results


def test_snippet_of_a_hostile_document_is_escaped(client):
    data = client.get("/api/search?q=allemaal+verkeersborden").get_json()
    snippet = next(h["snippet"] for h in data["hits"] if h["id"] == HOSTILE_ID)
    assert "<script>" not in snippet
    assert set(re.findall(r"</?([a-z]+)", snippet)) <= {"mark"}


@pytest.mark.parametrize("params", [{"q": XSS}, {"minister": XSS}, {"asker": XSS},
                                    {"q": f'"{XSS}'}, {"q": f"titel:{XSS}"},
                                    {"q": "\"><img src=x onerror=alert(1)>"}])
def test_query_echo_is_escaped(client, params):
    for path in ("/", "/feed.atom"):
        body = client.get(path, query_string=params).get_data(as_text=True)
        assert "<script>alert" not in body
        assert "<img src=x" not in body
    html = client.get("/", query_string=params).get_data(as_text=True)
    assert "&lt;script&gt;" in html or "&lt;img" in html or "&#34;&gt;&lt;img" in html


def test_error_is_a_plain_page_without_a_trace(web_index):
    class Broken:
        def search(self, request):
            raise RuntimeError("secret internals /etc/shadow")

        def get(self, doc_id):
            raise RuntimeError("secret internals /etc/shadow")

    app = create_app({"INDEX_DIR": web_index}, service=Broken())
    app.logger.disabled = True
    client = app.test_client()
    for path in ("/", "/questions/x-1", "/api/search"):
        response = client.get(path)
        body = response.get_data(as_text=True)
        assert response.status_code == 500
        assert "Traceback" not in body and "secret" not in body and "RuntimeError" not in body
        assert_security_headers(response)
    assert client.get("/api/search").get_json()["status"] == 500


def test_no_index_yet_is_a_clear_503(tmp_path):
    client = create_app({"INDEX_DIR": tmp_path / "leeg"}).test_client()
    response = client.get("/")
    assert response.status_code == 503
    assert "vraagbaak index" in response.get_data(as_text=True)
    assert_security_headers(response)
    assert client.get("/api/search").get_json()["status"] == 503


def test_index_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("VRAAGBAAK_INDEX_DIR", str(tmp_path / "elders"))
    app = create_app()
    assert str(app.config["INDEX_DIR"]) == str(tmp_path / "elders")
    assert app.debug is False


def test_only_the_search_layers_own_refusal_is_a_400(web_index):
    """A ValueError from a bug is a server error (500), not the user's bad request."""
    from search.results import SearchRequestError
    from web import create_app

    class Raising:
        def __init__(self, error):
            self.error = error

        def search(self, request):
            raise self.error

        def hits_from(self, request, start, count):
            raise self.error

    for error, status in ((SearchRequestError("limit must be between 1 and 100"), 400),
                          (ValueError("invalid literal for int()"), 500)):
        app = create_app({"INDEX_DIR": web_index}, service=Raising(error))
        app.logger.disabled = True
        client = app.test_client()
        for path in ("/", "/api/search", "/export.json", "/feed.atom"):
            assert client.get(path).status_code == status, (path, error)
