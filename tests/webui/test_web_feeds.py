"""The Atom feed and the CSV and JSON exports: valid, newest first, bounded, and safe to
open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from webui_support import HOSTILE_ID, HOSTILE_TITLE

from config.settings import Settings
from web.feeds import safe_cell

EXPORT_MAX, FEED_SIZE = Settings.export_max, Settings.feed_size

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, **params) -> ET.Element:
    response = client.get("/feed.atom", query_string=params)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    return ET.fromstring(response.data)


def test_feed_is_valid_atom_newest_first(client):
    root = feed(client, q="economie", sort="oldest")  # the feed ignores the page's sort
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link.startswith("http://") and "q=economie" in self_link
    entries = root.findall(f"{ATOM}entry")
    assert 1 < len(entries) <= FEED_SIZE
    dates = [e.find(f"{ATOM}updated").text for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert root.find(f"{ATOM}updated").text == dates[0]
    for entry in entries:
        for name in ("id", "title", "updated", "summary", "author"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        assert entry.find(f"{ATOM}link").get("href").startswith("http://")


def test_feed_filters_and_limit(client):
    top = client.get("/api/search").get_json()["facets"]["minister"][0]
    assert top["count"] > 3, top  # the minister with the most questions: the limit can cut
    minister = top["value"]
    full = feed(client, minister=minister).findall(f"{ATOM}entry")
    assert len(full) == min(top["count"], FEED_SIZE)
    root = feed(client, minister=minister, limit=3)
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}id").text for e in entries] == \
        [e.find(f"{ATOM}id").text for e in full[:3]]  # the newest three
    for entry in entries:
        terms = [c.get("term") for c in entry.findall(f"{ATOM}category")]
        assert minister in terms
    assert f"minister {minister}" in root.find(f"{ATOM}title").text


def test_feed_escapes_document_text(client):
    response = client.get("/feed.atom", query_string={"q": "verkeersborden"})
    assert b"<script>" not in response.data
    root = ET.fromstring(response.data)
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert HOSTILE_TITLE in titles


def test_page_links_to_its_feed(client):
    html = client.get("/?q=economie&sort=oldest&page=2").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/feed.atom?q=economie"' in html


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_csv_export_neutralises_formulas(client):
    rows = read_csv(client.get("/export.csv", query_string={"q": "verkeersborden"}))
    row = next(r for r in rows if r["id"] == HOSTILE_ID)
    assert row["title"] == "'" + HOSTILE_TITLE
    assert all(not value.startswith(("=", "+", "-", "@")) for r in rows for value in r.values())


def test_safe_cell():
    assert safe_cell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    for bad in ("+1", "-1", "@SUM(A1)", "\tx", "\rx", "  =1"):
        assert safe_cell(bad).startswith("'")
    assert safe_cell("Sociale economie") == "Sociale economie"
    assert safe_cell(851) == "851" and safe_cell(None) == ""


def test_csv_export_is_bounded(client, web_service):
    total = web_service.stats().questions
    rows = read_csv(client.get("/export.csv"))
    assert len(rows) == min(total, EXPORT_MAX)
    assert list(rows[0]) == ["id", "date", "number", "ministers", "asker", "title",
                             "answer_kind", "url", "themes", "status", "working_days"]
    assert len(read_csv(client.get("/export.csv?limit=7"))) == 7
    second = read_csv(client.get("/export.csv?limit=7&page=2"))
    first = read_csv(client.get("/export.csv?limit=14"))
    assert [r["id"] for r in second] == [r["id"] for r in first[7:]]
    assert client.get(f"/export.csv?limit={EXPORT_MAX + 1}").status_code == 400


def test_csv_export_follows_the_search(client):
    rows = read_csv(client.get("/export.csv", query_string={"q": "economie", "sort": "newest",
                                                             "minister": "Hilde Crevits"}))
    assert rows and all("Hilde Crevits" in r["ministers"] for r in rows)
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)


def test_json_export(client, web_service):
    response = client.get("/export.json", query_string={"limit": 150, "sort": "oldest"})
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = response.get_json()
    assert data["max"] == EXPORT_MAX and data["limit"] == 150
    assert data["exported"] == len(data["hits"]) == 150
    assert data["total"] == web_service.stats().questions
    assert data["truncated"] is True
    dates = [h["date"] for h in data["hits"]]
    assert dates == sorted(dates)
    assert len({h["id"] for h in data["hits"]}) == 150
    assert all(h["url"].startswith("http://") for h in data["hits"])


def test_page_states_the_export_limit(client):
    html = client.get("/?q=economie").get_data(as_text=True)
    assert f"hoogstens {EXPORT_MAX} vragen" in html
    assert 'href="/export.csv?q=economie"' in html and 'href="/export.json?q=economie"' in html
