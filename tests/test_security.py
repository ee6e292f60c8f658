"""Security review, as tests: markup from documents, queries and facet values never runs;
no path leaves the site; exports are safe for spreadsheets; headers and hosts hold.

Complements tests/webui/test_web_security.py (headers on every route, query echo, error
pages) with what a hostile document or request can reach beyond that.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import SEED_COORDINATED, SEED_REFERRAL
from web import create_app
from web.feeds import FORMULA_START

PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
FORMULA = '=HYPERLINK("http://evil.example","x")'
HOSTILE_ID = "2020-09-25-hilde-crevits-853"


def hostile_document() -> str:
    """The coordinated seed as a single question with markup and formulas everywhere."""
    text = SEED_COORDINATED.read_text(encoding="utf-8")
    text = text.replace("Sociale economie - Betrokkenheid en rol lokale besturen",
                        f"{FORMULA} {PAYLOAD} verkeersborden")
    text = text.replace("vraag nr. 851", "vraag nr. 853")
    text = text.replace("Deze vraag werd gesteld aan de ministers Hilde Crevits (851) en "
                        "Bart Somers (378).", "")
    text = text.replace("GECOORDINEERD ANTWOORD", "ANTWOORD")
    text = text.replace("Werk is voor ons allemaal", f"Werk {PAYLOAD} is voor ons allemaal")
    text = text.replace("[1] Art. 15,", f"[1] {PAYLOAD} Art. 15,")
    return text.replace("BIJLAGE\n", f"BIJLAGE\n{PAYLOAD} | javascript:alert(3)\n", 1)


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory) -> Path:
    from index.indexing.writer import index_paths

    root = tmp_path_factory.mktemp("security")
    corpus = root / "corpus"
    corpus.mkdir()
    for seed in (SEED_COORDINATED, SEED_REFERRAL):
        shutil.copy(seed, corpus)
    (corpus / "hostile.txt").write_text(hostile_document(), encoding="utf-8")
    report = index_paths([corpus], root / "index", workers=1)
    assert report.ok, report.failed
    return root / "index"


@pytest.fixture(scope="module")
def service(hostile_index):
    from search.service import SearchService

    svc = SearchService(hostile_index)
    yield svc
    svc.close()


class HostileFacets:
    """The real service, but every facet value and hit name replaced by markup: names in
    the index are parsed from capitals, so this is how a facet value can carry a payload."""

    def __init__(self, real):
        self.real = real

    def search(self, request):
        result = self.real.search(request)
        for values in result.facets.values():
            for value in values:
                value.value = PAYLOAD if not value.value.isdigit() else value.value
                value.label = PAYLOAD if value.label is not None else None
        for hit in result.hits:
            hit.ministers = [PAYLOAD]
            hit.asker = FORMULA + PAYLOAD
        result.suggestion = PAYLOAD
        result.notices.append(PAYLOAD)
        return result

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture(scope="module")
def client(hostile_index, service):
    app = create_app({"INDEX_DIR": hostile_index}, service=service)
    return app.test_client()


@pytest.fixture(scope="module")
def facet_client(hostile_index, service):
    app = create_app({"INDEX_DIR": hostile_index}, service=HostileFacets(service))
    return app.test_client()


class Elements(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert_html(html: str) -> None:
    parser = Elements()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag != "img" or not attrs.get("src", "").startswith("x"), attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), attrs
        for name in ("href", "src", "action"):
            assert not attrs.get(name, "").lower().startswith("javascript:"), (tag, attrs)
    assert "<script>alert" not in html


# -- cross-site scripting
@pytest.mark.parametrize("path", ["/?q=verkeersborden", "/?q=allemaal", f"/questions/{HOSTILE_ID}",
                                  "/?q=verkeersborden&sort=newest", "/?q=HYPERLINK"])
def test_document_text_is_inert_on_every_page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert_inert_html(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("path", ["/?q=economie", "/?q=zzzqqq", "/?q=verkeersborden",
                                  "/?q=economie&minister=x"])
def test_facet_values_names_notices_and_suggestions_are_inert(facet_client, path):
    html = facet_client.get(path).get_data(as_text=True)
    assert_inert_html(html)


@pytest.mark.parametrize("params", [{"q": PAYLOAD}, {"q": f'"{PAYLOAD}"'},
                                    {"q": f"titel:({PAYLOAD})"}, {"minister": PAYLOAD},
                                    {"asker": PAYLOAD}, {"q": "economie", "asker": PAYLOAD},
                                    {"q": "javascript:alert(1)"}])
def test_query_echo_is_inert_in_pages_and_feeds(client, params):
    assert_inert_html(client.get("/", query_string=params).get_data(as_text=True))
    feed = client.get("/feed.atom", query_string=params)
    if feed.status_code == 200:
        assert_inert_feed(feed.get_data(as_text=True))


def assert_inert_feed(body: str) -> ET.Element:
    """Well-formed XML, and the HTML a feed reader renders from it is inert too."""
    root = ET.fromstring(body.encode())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for summary in root.iterfind("a:entry/a:summary", ns):
        assert summary.get("type") == "html"
        assert_inert_html(summary.text or "")
    for element in root.iter():
        assert "script" not in element.tag.lower()
    return root


def test_feed_of_hostile_documents_is_inert(client, facet_client):
    for c in (client, facet_client):
        response = c.get("/feed.atom?q=verkeersborden")
        assert response.status_code == 200
        assert response.mimetype == "application/atom+xml"
        root = assert_inert_feed(response.get_data(as_text=True))
        titles = [e.text for e in root.iterfind(".//{http://www.w3.org/2005/Atom}title")]
        assert any(PAYLOAD in (t or "") for t in titles) or c is facet_client


@pytest.mark.parametrize("q", ["economie\x01", "economie\x08\x1f", "\ufffe economie",
                               "economie\x00"])
def test_feed_stays_well_formed_xml_with_control_characters(client, q):
    response = client.get("/feed.atom", query_string={"q": q})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert_inert_feed(response.get_data(as_text=True))


def test_json_api_carries_text_not_markup_to_a_browser(client):
    response = client.get("/api/search?q=verkeersborden")
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    hit = response.get_json()["hits"][0]
    assert PAYLOAD in hit["title"]  # the data as it is: JSON clients escape, browsers
    assert "<script>" not in hit["snippet"]  # snippets are HTML: escaped but for <mark>
    assert set(re.findall(r"</?([a-zA-Z]+)", hit["snippet"])) <= {"mark"}


# -- path traversal
@pytest.mark.parametrize("path", [
    "/static/../pyproject.toml", "/static/..%2f..%2fpyproject.toml",
    "/static/%2e%2e/%2e%2e/pyproject.toml", "/static/..%5c..%5cpyproject.toml",
    "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/templates/base.html",
    "/questions/..%2f..%2fetc%2fpasswd", "/questions/../../etc/passwd",
    "/api/questions/..%2F..%2Fpyproject.toml", "/questions/%00", "/api/questions/a%00b",
    "/questions/" + "a" * 5000, "/export.csv/../../pyproject.toml",
])
def test_no_path_leaves_the_site(client, path):
    response = client.get(path)
    if response.status_code == 308:  # werkzeug merges slashes: a redirect within the site
        location = urlsplit(response.headers["Location"])
        assert location.netloc in ("", "localhost"), location  # the test client's host
        response = client.get(location.path)
    assert response.status_code in (400, 404), (path, response.status_code)
    body = response.get_data(as_text=True)
    assert "[project]" not in body and "root:" not in body and "{%" not in body


@pytest.mark.parametrize("endpoint, name", [("/export.csv", "vraagbaak.csv"),
                                            ("/export.json", "vraagbaak.json")])
def test_export_file_names_are_fixed(client, endpoint, name):
    for params in ({"q": "economie"}, {"q": "../../etc/passwd"}, {"filename": "../../x.sh"},
                   {"name": "x\r\nSet-Cookie: a=b"}, {"q": 'a"; filename="evil.exe'}):
        response = client.get(endpoint, query_string=params)
        assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'
        assert "Set-Cookie" not in response.headers


# -- CSV injection
def test_csv_export_neutralises_every_formula_cell(client, facet_client):
    for c in (client, facet_client):
        body = c.get("/export.csv?q=verkeersborden").get_data(as_text=True)
        rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
        assert len(rows) >= 2
        cells = [cell for row in rows[1:] for cell in row]
        assert any(FORMULA in cell for cell in cells)
        for cell in cells:
            assert not cell.lstrip(" ").startswith(FORMULA_START) or cell.startswith("'"), \
                cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", " =", "  +"])
def test_safe_cell_covers_every_formula_start(start):
    from web.feeds import safe_cell

    assert safe_cell(f"{start}1+1").startswith("'")
    assert safe_cell("Sociale economie") == "Sociale economie"


@pytest.mark.parametrize("cell", ["X=1", "XL-maat", "Sociale economie", "2020-2025", "", "x @ y"])
def test_safe_cell_leaves_text_that_does_not_start_with_a_formula_sign(cell):
    from web.feeds import safe_cell

    assert safe_cell(cell) == cell


# -- hosts and headers
def test_forged_host_is_refused_when_hosts_are_configured(hostile_index, service, monkeypatch):
    monkeypatch.setenv("VRAAGBAAK_TRUSTED_HOSTS", "vraagbaak.example, 127.0.0.1")
    app = create_app({"INDEX_DIR": hostile_index}, service=service)
    client = app.test_client()
    good = client.get("/feed.atom?q=economie", headers={"Host": "vraagbaak.example"})
    assert good.status_code == 200 and "http://vraagbaak.example/" in good.get_data(True)
    forged = client.get("/feed.atom?q=economie", headers={"Host": "evil.example"})
    assert forged.status_code == 400
    assert "evil.example" not in forged.get_data(as_text=True)
    assert forged.headers["X-Frame-Options"] == "DENY"


def test_live_server_headers_leak_no_versions_and_no_debugger(hostile_index):
    """A real `vraagbaak serve` (waitress) on 127.0.0.1."""
    import http.client
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--port", str(port),
                               "--index-dir", str(hostile_index)], cwd=Path(__file__).parent.parent,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def get(path: str):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response, response.read().decode()
        finally:
            conn.close()

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get("/api/stats")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "no server"
                time.sleep(0.2)
        for path in ("/", "/?__debugger__=yes&cmd=resource&f=style.css", "/console",
                     "/bestaat/niet"):
            response, body = get(path)
            headers = {k.lower(): v for k, v in response.getheaders()}
            assert headers.get("server") == "vraagbaak", headers
            assert "werkzeug" not in body.lower() and "debugger" not in body.lower()
            assert headers["content-security-policy"] and headers["x-frame-options"] == "DENY"
            assert response.status < 500
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_has_no_debug_mode_by_default():
    from click.testing import CliRunner

    from cli.main import cli

    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert "--debug" in result.output
    assert "never on a public address" in " ".join(result.output.split())
    assert create_app({"INDEX_DIR": "/nonexistent"}).debug is False
