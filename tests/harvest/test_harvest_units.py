"""The tolerant readers of the services' shapes, and the client's politeness rules."""

from __future__ import annotations

import random

import httpx
import pytest

from harvest.client import Client, FetchError, Politeness, RateLimiter
from harvest.opendata import (
    ShapeError,
    decode_json,
    is_true,
    parse_search_page,
    pdf_link,
    question_id,
    unwrap_detail,
)
from tests.harvest.conftest import Sleeps


@pytest.mark.parametrize("raw, qid", [
    ("http://be.vlp.feed/900718/pfls/490915", "900718"),
    ("http://be.vlp.feed/1854886", "1854886"),
    ("1854886", "1854886"),
    ("http://be.vlp.feed/", None),
    (None, None),
])
def test_question_ids_with_and_without_pfls(raw, qid):
    assert question_id(raw) == qid


def test_search_page_with_string_counts_and_a_single_metatag():
    page = parse_search_page({"count": "7345", "firstindex": "101", "lastindex": "200",
                              "result": [{"id": "http://be.vlp.feed/5/pfls/6",
                                          "metatags": {"metatag": {"name": "thema",
                                                                   "value": "Werk"}}},
                                         {"id": None}]}, "page")
    assert (page.count, page.firstindex, page.lastindex) == (7345, 101, 200)
    assert [hit.id for hit in page.hits] == ["5"] and page.hits[0].tags("thema") == ["Werk"]
    assert len(page.skipped) == 1 and "missing field 'id'" in page.skipped[0][1]


def test_search_page_without_count_or_with_a_word_for_a_count_is_refused():
    with pytest.raises(ShapeError, match="missing field 'count'"):
        parse_search_page({"result": []}, "page")
    with pytest.raises(ShapeError, match="not a number"):
        parse_search_page({"count": "veel", "result": []}, "page")


def test_detail_at_the_top_level_or_wrapped_in_result():
    detail = {"id": 5, "vraagnummer": 12, "bestand-ordered": [{"URL": "https://x/a.pdf"},
                                                              {"URL": "https://x/b.xlsx"}]}
    assert unwrap_detail(detail, "d") is detail
    assert unwrap_detail({"result": detail}, "d") is detail
    assert unwrap_detail({"result": [detail]}, "d") is detail
    assert pdf_link(detail, None) == "https://x/a.pdf"
    with pytest.raises(ShapeError):
        unwrap_detail({"fout": "niet gevonden"}, "d")


@pytest.mark.parametrize("body, kind, reason", [
    (b"<!DOCTYPE html><html>", "text/html", "HTML page"),
    (b"<html><body>", None, "HTML page"),
    (b'<?xml version="1.0"?><schv/>', "application/xml", "XML"),
    (b"", "application/json", "empty"),
    (b"{oops", "application/json", "invalid JSON"),
])
def test_what_came_instead_of_json_is_named(body, kind, reason):
    with pytest.raises(ShapeError, match=reason):
        decode_json(body, kind, "detail 1")


@pytest.mark.parametrize("value, result", [
    (True, True), (False, False), ("J", True), ("N", False), ("true", True),
    ("false", False), (None, None), ("misschien", None)])
def test_booleans_as_true_false_and_j(value, result):
    assert is_true(value) is result


def test_rate_limiter_spaces_requests():
    now = [0.0]
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(5):
        limiter.wait()
    assert waits == [0.5, 0.5, 0.5, 0.5]


def _client(handler, sleeps, **politeness) -> Client:
    settings = Politeness(rate=1000, timeout=1, retries=3, backoff=1.0, backoff_max=3.0)
    for name, value in politeness.items():
        setattr(settings, name, value)
    return Client(settings, sleep=sleeps, rng=random.Random(1),
                  transport=httpx.MockTransport(handler))


def test_backoff_grows_with_jitter_and_is_bounded():
    sleeps = Sleeps()
    client = _client(lambda request: httpx.Response(503), sleeps)
    with pytest.raises(FetchError, match=r"HTTP 503 \(gave up after 4 attempts\)"):
        client.get("http://127.0.0.1/x", "detail")
    backoffs = [s for s in sleeps if s > 0.01]  # the rate limiter's waits are tiny
    assert len(backoffs) == 3
    for wait, full in zip(backoffs, (1.0, 2.0, 3.0), strict=True):
        assert full / 2 <= wait <= full
    assert client.requests["detail"] == 4


def test_retry_after_in_seconds_is_honoured():
    sleeps = Sleeps()
    answers = iter([httpx.Response(429, headers={"Retry-After": "12"}), httpx.Response(200,
                                                                                         content=b"{}")])
    client = _client(lambda request: next(answers), sleeps)
    assert client.get("http://127.0.0.1/x", "detail").status == 200
    assert 12.0 in sleeps


def test_connection_errors_are_retried_then_named():
    sleeps = Sleeps()

    def refuse(request):
        raise httpx.ConnectError("connection refused")

    client = _client(refuse, sleeps, retries=1)
    with pytest.raises(FetchError, match="cannot connect"):
        client.get("http://127.0.0.1/x", "detail")
    assert client.requests["detail"] == 2


def test_a_404_is_not_retried():
    client = _client(lambda request: httpx.Response(404), Sleeps())
    with pytest.raises(FetchError, match="HTTP 404"):
        client.get("http://127.0.0.1/x", "detail")
    assert client.requests["detail"] == 1


def test_retry_after_as_an_http_date():
    import email.utils
    import time

    sleeps = Sleeps()
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    answers = iter([httpx.Response(503, headers={"Retry-After": when}),
                    httpx.Response(200, content=b"{}")])
    client = _client(lambda request: next(answers), sleeps)
    assert client.get("http://127.0.0.1/x", "detail").status == 200
    assert any(25 <= s <= 31 for s in sleeps)


def test_a_link_that_is_not_http_fails_at_once():
    client = Client(Politeness(rate=1000, retries=3), sleep=Sleeps())
    with pytest.raises(FetchError, match="not a usable http"):
        client.get("ftp://docs.example/x.pdf", "file")
    assert client.requests["file"] == 1


def test_a_run_removes_temporary_files_a_killed_run_left_and_nothing_else(tmp_path):
    from harvest.store import Store

    folder = tmp_path / "2024-2025"
    folder.mkdir()
    kept = {"123.pdf": b"%PDF-1.4 whole", "123.json": b"{}", ".notes": b"mine"}
    left = [".124.pdf.1a2b3c4d.partial", ".125.json.4242.part"]  # now, and before durable/
    for name, data in kept.items():
        (folder / name).write_bytes(data)
    for name in left:
        (folder / name).write_bytes(b"half")
    store = Store(tmp_path)
    assert store.scan() == 2
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == kept
    assert set(store.sidecars) == {"123"}
