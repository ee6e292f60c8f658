"""Every web endpoint with arbitrary parameters (Flask test client, production config):
never a 500, never a trace, always the security headers, always within a bounded time."""

from __future__ import annotations

import datetime as dt
import time
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from web import create_app
from web.security import CSP

BOUND_SECONDS = 15.0
PROPERTY = settings(max_examples=40, deadline=dt.timedelta(seconds=BOUND_SECONDS * 2),
                    derandomize=True, suppress_health_check=[HealthCheck.too_slow])
SEARCH_ENDPOINTS = ["/", "/api/search", "/feed.atom", "/export.csv", "/export.json"]
ALL_ENDPOINTS = [*SEARCH_ENDPOINTS, "/over", "/api/stats", "/questions/", "/api/questions/",
                 "/static/"]
PARAMS = ["q", "minister", "asker", "from", "to", "sort", "page", "limit"]
ALLOWED = {200, 400, 404}


@pytest.fixture(scope="module")
def client(built_index, service):
    app = create_app({"INDEX_DIR": built_index}, service=service)
    app.logger.disabled = True  # a crash must show as a 500 here, not as log noise
    return app.test_client()


def value():
    numbers = st.one_of(st.integers(-10, 10**12).map(str), st.sampled_from(
        ["0", "1", "10000", "99999999999999999999", "1e9", "0x10", " 5", "5 ", "٣", "NaN"]))
    dates = st.one_of(st.dates().map(str), st.sampled_from(
        ["2020-02-30", "2020-13-01", "0000-00-00", "9999-12-31", "2020-9-1", "20200901"]))
    words = st.sampled_from(["economie", '"sociale economie"', "onderw*", "*x", "Somers",
                             "Crevits", "relevance", "newest", "oldest", "<script>x</script>",
                             "=1+1", "../../etc/passwd", "%00", "\x00", "é" * 300])
    return st.one_of(numbers, dates, words, st.text(max_size=60), st.text(max_size=3000))


def query_strings():
    pair = st.tuples(st.one_of(st.sampled_from(PARAMS), st.text(max_size=10)), value())
    return st.lists(pair, max_size=8)


def check(client, path: str, params=None) -> None:
    started = time.monotonic()
    response = client.get(path, query_string=params)
    elapsed = time.monotonic() - started
    body = response.get_data(as_text=True)
    assert response.status_code in ALLOWED, (path, params, response.status_code, body[:500])
    assert elapsed < BOUND_SECONDS, (path, params, elapsed)
    assert "Traceback" not in body and 'File "' not in body
    assert response.headers.get("Content-Security-Policy") == CSP
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    assert response.content_type


@pytest.mark.parametrize("endpoint", SEARCH_ENDPOINTS)
def test_search_endpoints_with_any_parameters(client, endpoint):
    @PROPERTY
    @given(query_strings())
    def run(params):
        check(client, endpoint, params)

    run()


@pytest.mark.parametrize("endpoint", ["/questions/", "/api/questions/", "/static/"])
def test_id_endpoints_with_any_id(client, endpoint):
    @PROPERTY
    @given(st.text(min_size=1, max_size=300))
    def run(doc_id):
        check(client, endpoint + quote(doc_id, safe=""))

    run()


@pytest.mark.parametrize("endpoint", ALL_ENDPOINTS)
def test_every_endpoint_with_junk_parameters(client, endpoint):
    @settings(max_examples=15, deadline=None, derandomize=True)
    @given(query_strings())
    def run(params):
        check(client, endpoint, params)

    run()


@pytest.mark.parametrize("params, words", [
    ({"page": "99999999"}, "page"), ({"page": "10001"}, "page"),
    ({"limit": "1000000"}, "limit"), ({"q": "*economie"}, "Jokertekens"),
    ({"q": "a*"}, "voorvoegsel"), ({"q": " OR ".join(f"w{i}" for i in range(70))}, "termen"),
    ({"q": "x" * 5000}, "te lang"), ({"minister": ["a"] * 500}, "ministers"),
    ({"from": "2024-01-01", "to": "2020-01-01"}, "begindatum"),
])
def test_costly_or_invalid_parameters_get_a_clear_400(client, params, words):
    for endpoint in SEARCH_ENDPOINTS:
        response = client.get(endpoint, query_string=params)
        check(client, endpoint, params)
        assert response.status_code == 400, (endpoint, params)
        body = response.get_data(as_text=True)
        assert words.lower() in body.lower(), (endpoint, body[:300])


def test_huge_url_is_refused_not_crashed(client):
    check(client, "/", {"q": "economie " * 20000})
