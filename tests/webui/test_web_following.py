"""The following pages over HTTP: theme and status on the search page and API, `/open`
with its feed and exports, minister and member pages and their JSON, and the feed of
one question. Feeds are read with feedparser, a real feed parser."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import feedparser
import pytest
from metadata_support import (
    COORDINATED_ID,
    REFERRAL_ID,
    TODAY,
    referral_pair,
    write_records,
)
from webui_support import anchors, query_of

STATUS_NAMES = ("beantwoord", "laattijdig", "open", "te-laat")


def status_of(intent: str) -> str:
    return intent.removeprefix("geen-metadata-")


def parse_atom(response):
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title and feed.feed.id and feed.feed.updated
    for entry in feed.entries:
        assert entry.id and entry.title and entry.updated and entry.link
    return feed


def test_search_api_gains_theme_and_status(follow_client, follow_records):
    records, intent = follow_records
    data = follow_client.get("/api/search?theme=Cultuur&status=te-laat&limit=100").get_json()
    expected = {r.group for r in records if "Cultuur" in r.themes
                and status_of(intent[r.id]) == "te-laat"}
    assert data["total"] == len(expected) > 0
    assert data["filters"]["theme"] == ["Cultuur"]
    assert data["filters"]["status"] == ["te-laat"]
    assert {h["status"] for h in data["hits"]} == {"te-laat"}
    assert all("Cultuur" in h["themes"] for h in data["hits"])
    assert [v["value"] for v in data["facets"]["status"]] == \
        [s for s in STATUS_NAMES if any(v["value"] == s for v in data["facets"]["status"])]
    assert {c["name"] for c in data["chips"]} == {"theme", "status"}
    assert follow_client.get("/api/search?status=laat").status_code == 400


def test_facet_links_toggle_theme_and_status(follow_client):
    data = follow_client.get("/api/search").get_json()
    theme = data["facets"]["theme"][0]
    assert query_of(theme["url"])["theme"] == [theme["value"]]
    narrowed = follow_client.get(theme["url"]).get_json()
    assert narrowed["total"] == theme["count"]
    chosen = next(v for v in narrowed["facets"]["theme"] if v["value"] == theme["value"])
    assert chosen["active"] and "theme" not in query_of(chosen["url"])
    status = next(v for v in narrowed["facets"]["status"] if v["value"] == "open")
    both = follow_client.get(status["url"]).get_json()
    assert both["total"] == status["count"]


def test_names_in_hits_and_facets_link_to_their_pages(follow_client):
    html = follow_client.get("/?q=kinderopvang").get_data(as_text=True)
    hrefs = [a.get("href", "") for a in anchors(html, within='<ol class="hits"')]
    assert any(h.startswith("/ministers/") for h in hrefs)
    assert any(h.startswith("/askers/") for h in hrefs)
    facet_links = anchors(html, within="<aside")
    profiles = [a for a in facet_links if a.get("class") == "profile"]
    assert any(a["href"].startswith("/ministers/") for a in profiles)
    assert any(a["href"].startswith("/askers/") for a in profiles)
    for link in profiles[:3]:
        assert follow_client.get(link["href"]).status_code == 200


def test_export_and_feed_of_a_search_carry_status(follow_client):
    rows = list(csv.DictReader(io.StringIO(
        follow_client.get("/export.csv?status=laattijdig").get_data(as_text=True)
        .lstrip("\ufeff"))))
    assert rows and {r["status"] for r in rows} == {"laattijdig"}
    assert all(int(r["working_days"]) > 20 for r in rows if r["working_days"])
    feed = parse_atom(follow_client.get("/feed.atom?theme=Energie"))
    assert feed.entries and "thema Energie" in feed.feed.title


def test_open_page_lists_every_unanswered_record(follow_client, follow_records):
    records, intent = follow_records
    expected = [r for r in records if status_of(intent[r.id]) in ("open", "te-laat")]
    data = follow_client.get("/api/open?limit=50").get_json()
    assert data["total"] == len(expected) and data["today"] == TODAY.isoformat()
    assert data["overdue"] == sum(intent[r.id] == "te-laat" for r in expected)
    exported = follow_client.get("/open/export.json").get_json()
    assert {i["id"] for i in exported["items"]} == {r.id for r in expected}
    rows = list(csv.DictReader(io.StringIO(
        follow_client.get("/open/export.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert [r["id"] for r in rows] == [i["id"] for i in exported["items"]]
    waited = [int(r["working_days"]) for r in rows if r["working_days"]]
    assert waited == sorted(waited, reverse=True)  # longest waiting first
    html = follow_client.get("/open").get_data(as_text=True)
    assert html.count('<tr class="status-') == min(50, len(expected))
    assert html.count('<tr class="status-te-laat"') == \
        sum(i["status"] == "te-laat" for i in data["items"])
    feed = parse_atom(follow_client.get("/open/feed.atom"))
    assert len(feed.entries) == min(50, len(expected))
    late_titles = [e.title for e in feed.entries if e.title.startswith("[te laat]")]
    assert len(late_titles) == sum(i["status"] == "te-laat" for i in data["items"])


def test_open_page_filters(follow_client, follow_records):
    records, intent = follow_records
    data = follow_client.get("/api/open?minister=Jambon&theme=Welzijn").get_json()
    expected = {r.id for r in records if r.minister == "Jan Jambon" and "Welzijn" in r.themes
                and status_of(intent[r.id]) in ("open", "te-laat")}
    assert {i["id"] for i in data["items"]} == expected
    assert data["filters"] == {"minister": ["Jambon"], "theme": ["Welzijn"]}
    assert follow_client.get("/open?limit=0").status_code == 400


def test_minister_page_shows_its_json_figures(follow_client, follow_records):
    records, _ = follow_records
    data = follow_client.get("/api/ministers/hilde-crevits").get_json()
    assert data["questions"] == sum(r.minister == "Hilde Crevits" for r in records)
    html = follow_client.get("/ministers/hilde-crevits").get_data(as_text=True)
    assert f'id="cijfer-vragen">{data["questions"]}<' in html
    median = data["answer_times"]["median_working_days"]
    assert f'id="cijfer-mediaan">{median:g} werkdagen<' in html
    assert f'{data["in_time_share"] * 100:.0f}%' in html
    for period in data["portfolios"]:
        assert period["portfolio"] in html
    assert len(data["portfolios"]) == 2
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert 'role="img"' in svg and "href" not in svg and "http" not in svg.split(">", 1)[1]
    assert svg.count('class="bar') == len(data["answer_times"]["bins"])
    for session in data["sessions"]:
        assert session["value"] in html
    assert follow_client.get("/ministers/niemand").status_code == 404
    assert follow_client.get("/api/ministers/niemand").get_json()["status"] == 404


def test_asker_page_and_json(follow_client, follow_records):
    records, _ = follow_records
    data = follow_client.get("/api/askers/els-robeyns").get_json()
    mine = [r for r in records if r.asker == "Els Robeyns"]
    assert data["questions"] == len({r.group for r in mine})
    assert {m["name"]: m["count"] for m in data["ministers"]} == \
        dict(Counter(r.minister for r in mine))
    html = follow_client.get("/askers/els-robeyns").get_data(as_text=True)
    for minister in data["ministers"]:
        assert f'href="{minister["url"]}"' in html


def test_question_page_offers_its_feed(follow_client):
    html = follow_client.get(f"/questions/{REFERRAL_ID}").get_data(as_text=True)
    link = next(a for a in anchors(html) if a["text"] == "Volg deze vraag")
    assert link["href"] == f"/questions/{REFERRAL_ID}/feed.atom"
    feed = parse_atom(follow_client.get(link["href"]))
    titles = [e.title for e in feed.entries]
    assert titles[0].startswith("Vraag gesteld")
    assert any(t.startswith("Verwijzing") for t in titles)
    linked = [e for e in feed.entries if e.title.startswith("Gecoördineerd antwoord gekoppeld")]
    assert len(linked) == 1 and linked[0].link.endswith(f"/questions/{COORDINATED_ID}")
    assert follow_client.get("/questions/onbekend/feed.atom").status_code == 404


@pytest.fixture
def small_site(tmp_path):
    from search.service import SearchService
    from web import create_app

    write_records(tmp_path, referral_pair(coordinated_answered=None))
    service = SearchService(tmp_path)
    app = create_app({"INDEX_DIR": tmp_path, "TESTING": True, "CLOCK": lambda: TODAY},
                      service=service)
    yield app.test_client(), service, tmp_path
    service.close()


def test_question_feed_gains_an_entry_when_the_answer_is_harvested(small_site):
    client, service, index_dir = small_site
    url = f"/questions/{COORDINATED_ID}/feed.atom"
    before = parse_atom(client.get(url))
    assert [e.title.split(":")[0] for e in before.entries] == ["Vraag gesteld"]
    referral_before = parse_atom(client.get(f"/questions/{REFERRAL_ID}/feed.atom"))
    assert not any("gekoppeld" in e.title for e in referral_before.entries)

    write_records(index_dir, referral_pair(coordinated_answered="2024-02-26")[1:])
    service.refresh()
    after = parse_atom(client.get(url))
    assert len(after.entries) == 2
    answer = after.entries[1]
    assert answer.title.startswith("Gecoördineerd antwoord")
    assert answer.updated.startswith("2024-02-26")
    assert re.search(r"na 15 werkdagen", answer.summary)  # 6 Feb .. 26 Feb, by hand
    referral_after = parse_atom(client.get(f"/questions/{REFERRAL_ID}/feed.atom"))
    assert len(referral_after.entries) == len(referral_before.entries) + 1


def test_without_metadata_the_pages_say_unknown(client):
    """The index of plain documents (no sidecars): statuses from the text, no days."""
    data = client.get("/api/ministers/hilde-crevits").get_json()
    assert data["questions"] > 0 and data["without_metadata"] == data["questions"]
    assert data["answer_times"]["median_working_days"] is None
    assert data["in_time_share"] is None and data["statuses"]["te-laat"] == 0
    html = client.get("/ministers/hilde-crevits").get_data(as_text=True)
    assert 'id="cijfer-mediaan">onbekend<' in html and "<svg" not in html.split("<main")[1]
    hits = client.get("/api/search?limit=100").get_json()["hits"]
    assert {h["status"] for h in hits} <= {"beantwoord", "open"}
    assert all(h["working_days"] is None and h["themes"] == [] for h in hits)
    for hit in hits:
        assert (hit["status"] == "open") == (hit["answer_kind"] == "none")


def test_search_feed_names_themes_and_status(follow_client):
    feed = parse_atom(follow_client.get("/feed.atom?theme=Cultuur&status=laattijdig"))
    assert feed.entries
    for entry in feed.entries:
        assert "Cultuur" in [tag.term for tag in entry.tags]
        assert "Laattijdig beantwoord" in entry.summary
