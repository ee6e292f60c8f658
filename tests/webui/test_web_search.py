"""The search page and /api/search through Flask's test client: every parameter, the
facet toggles, chips, pagination, timeline and the empty-result help."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from webui_support import COORDINATED_ID, REFERRAL_ID, anchors, query_of

from search.results import MAX_DEPTH


def api(client, **params):
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def assert_contains(actual, expected, path="result"):
    """Every key and value of `expected` is in `actual` (the API may add keys only)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        for key, value in expected.items():
            assert key in actual, f"{path}.{key} missing"
            assert_contains(actual[key], value, f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), path
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_contains(a, e, f"{path}[{i}]")
    else:
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"


ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
RECORD_ID = r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+-\d+$"
ANSWER_KINDS = {"answer", "coordinated", "referral", "none"}


def check_types(value, shape, path="result"):
    """`value` has every documented key of `shape` with the documented type (README,
    docs/api.md); a type is a Python type, a tuple of types, a regex or a set of values."""
    if isinstance(shape, dict):
        assert isinstance(value, dict), path
        for key, inner in shape.items():
            assert key in value, f"{path}.{key} missing"
            check_types(value[key], inner, f"{path}.{key}")
    elif isinstance(shape, list):
        assert isinstance(value, list), path
        for i, item in enumerate(value):
            check_types(item, shape[0], f"{path}[{i}]")
    elif isinstance(shape, str):
        assert isinstance(value, str) and re.match(shape, value), f"{path}: {value!r}"
    elif isinstance(shape, set):
        assert value in shape, f"{path}: {value!r}"
    else:
        assert isinstance(value, shape) and not (shape is int and isinstance(value, bool)), \
            f"{path}: {value!r} is not {shape}"


FACET_VALUE = {"value": str, "count": int, "selected": bool}
HIT = {"id": RECORD_ID, "title": str, "ministers": [str], "asker": str, "date": ISO_DATE,
       "number": int, "answer_kind": ANSWER_KINDS, "score": (float, int, type(None)),
       "snippet": str,
       "records": [{"id": RECORD_ID, "minister": str, "number": int,
                    "answer_kind": ANSWER_KINDS | {None}}],
       # issue 11 (docs/following.md): official themes and the status of the hit's record
       "themes": [str], "status": {"beantwoord", "laattijdig", "open", "te-laat"},
       "working_days": (int, type(None)), "days_late": (int, type(None))}
RESULT = {"query": str, "total": int, "records": int, "page": int, "pages": int,
          "limit": int, "sort": {"relevance", "newest", "oldest"},
          "filters": {"minister": [str], "asker": (str, type(None)),
                      "from": (str, type(None)), "to": (str, type(None)),
                      "theme": [str], "status": [str]},
          "hits": [HIT],
          "facets": {name: [FACET_VALUE] for name in
                     ("minister", "year", "month", "session", "asker", "keyword", "theme",
                      "status")},
          "suggestion": (str, type(None)), "notices": [str], "error": type(None),
          "took_ms": (float, int),
          "chips": list, "timeline": dict, "pagination": dict, "links": dict,
          "export_max": int, "max_depth": int}


def test_api_search_has_every_documented_key_with_its_type(client):
    data = api(client, q="sociale economie", sort="newest", limit=5)
    check_types(data, RESULT)
    assert (data["query"], data["page"], data["limit"], data["sort"]) == \
        ("sociale economie", 1, 5, "newest")
    assert 0 < len(data["hits"]) <= 5 and data["records"] >= data["total"] >= len(data["hits"])
    assert [h["score"] for h in data["hits"]] == [None] * len(data["hits"])  # by date
    dates = [h["date"] for h in data["hits"]]
    assert dates == sorted(dates, reverse=True)


def test_api_search_of_the_seed_question_gives_what_the_document_says(client):
    """The joint question of the two seed files, found by a phrase of its title: the facts
    come from the documents (corpus/), not from the code under test."""
    data = api(client, q='"betrokkenheid en rol lokale besturen"', minister="Somers")
    check_types(data, RESULT)
    assert (data["total"], data["records"], data["pages"]) == (1, 1, 1)  # Somers: 1 record
    assert data["filters"] == {"minister": ["Somers"], "asker": None, "from": None, "to": None,
                               "theme": [], "status": []}
    (hit,) = data["hits"]
    assert (hit["id"], hit["date"], hit["asker"], hit["number"]) == \
        (REFERRAL_ID, "2020-09-25", "Allessia Claes", 378)
    assert hit["ministers"] == ["Hilde Crevits", "Bart Somers"]
    assert [(r["id"], r["minister"], r["number"], r["answer_kind"]) for r in hit["records"]] == \
        [(COORDINATED_ID, "Hilde Crevits", 851, None),  # only the hit's own is filled in
         (REFERRAL_ID, "Bart Somers", 378, "referral")]
    assert "<mark>betrokkenheid</mark>" in hit["snippet"].lower()
    assert isinstance(hit["score"], float) and hit["score"] > 0
    selected = [v["value"] for v in data["facets"]["minister"] if v["selected"]]
    assert selected == ["Bart Somers"]
    assert {(v["value"], v["count"]) for v in data["facets"]["session"]} == {("2019-2020", 1)}


def test_home_page_browses_everything(client, web_service):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    total = web_service.stats().questions
    assert f"{total} vragen" in html
    assert html.count('class="hit"') == 10
    assert 'aria-label="Paginering"' in html
    assert 'role="search"' in html and '<label class="qlabel" for="q">' in html


def test_query_shows_highlighted_hits(client):
    html = client.get("/?q=sociale+economie").get_data(as_text=True)
    assert "<mark>" in html
    assert f'href="/questions/{COORDINATED_ID}"' in html or \
        f'href="/questions/{REFERRAL_ID}"' in html
    assert 'value="sociale economie"' in html  # the query stays in the box
    assert "Gecoördineerd antwoord" in html or "Verwijzing" in html


def test_joint_question_appears_once_with_both_ministers(client):
    data = api(client, q='"Betrokkenheid en rol lokale besturen"')
    assert data["total"] == 1
    hit = data["hits"][0]
    assert set(hit["ministers"]) == {"Hilde Crevits", "Bart Somers"}
    assert {r["url"] for r in hit["records"]} == {f"/questions/{COORDINATED_ID}",
                                                   f"/questions/{REFERRAL_ID}"}


def test_minister_facet_narrows_and_toggles_back(client):
    start = api(client)
    value = start["facets"]["minister"][0]
    assert value["active"] is False
    assert query_of(value["url"])["minister"] == [value["value"]]
    narrowed = client.get(value["url"]).get_json()
    assert narrowed["filters"]["minister"] == [value["value"]]
    assert narrowed["total"] == value["count"]
    assert all(value["value"] in hit["ministers"] for hit in narrowed["hits"])
    again = next(v for v in narrowed["facets"]["minister"] if v["value"] == value["value"])
    assert again["selected"] and again["active"]
    restored = client.get(again["url"]).get_json()
    assert restored["filters"]["minister"] == []
    assert restored["total"] == start["total"]


def test_two_ministers_and_chip_removal_in_html(client):
    facets = api(client)["facets"]["minister"]
    first, second = facets[0]["value"], facets[1]["value"]
    html = client.get("/", query_string=[("minister", first), ("minister", second)]
                      ).get_data(as_text=True)
    chips = [a for a in anchors(html) if a.get("class") == "chip"]
    assert [c["text"].split(":")[1].split("×")[0].strip() for c in chips] == [first, second]
    remaining = query_of(unescape(chips[0]["href"]))["minister"]
    assert remaining == [second]
    assert any(a.get("class") == "chip clear" for a in anchors(html))
    # active facet values link back to the search without them
    active = [a for a in anchors(html, "<aside") if a.get("class") == "active"]
    assert len(active) == 2


def test_last_name_selects_the_minister(client):
    full = api(client)["facets"]["minister"][0]["value"]
    last = full.split()[-1]
    data = api(client, minister=last)
    value = next(v for v in data["facets"]["minister"] if v["value"] == full)
    assert value["selected"] and value["active"]
    assert "minister" not in query_of(value["url"])


@pytest.mark.parametrize("param, facet", [("minister", "minister"), ("asker", "asker")])
def test_a_first_name_alone_selects_no_one_and_nothing_is_ticked(client, param, facet):
    """`?minister=bart` used to tick "Bart Somers" while the search said it found no one."""
    full = api(client)["facets"][facet][0]["value"]
    first = full.split()[0]
    data = api(client, **{param: first})
    assert data["total"] == 0 and any(f"'{first}'" in n for n in data["notices"])
    assert not any(v["selected"] or v["active"] for v in data["facets"][facet])
    html = client.get("/", query_string={param: first}).get_data(as_text=True)
    assert 'class="message notice"' in html and f"'{first}'" in unescape(html)
    assert "✓" not in html and 'class="active"' not in html


def test_asker_filter_and_toggle(client):
    value = api(client)["facets"]["asker"][0]
    data = client.get(value["url"]).get_json()
    assert data["filters"]["asker"] == value["value"]
    assert data["total"] == value["count"]
    assert {hit["asker"] for hit in data["hits"]} == {value["value"]}
    selected = next(v for v in data["facets"]["asker"] if v["value"] == value["value"])
    assert "asker" not in query_of(selected["url"])


def test_year_facet_sets_the_period(client):
    year = api(client)["facets"]["year"][1]
    args = query_of(year["url"])
    assert args["from"] == [f"{year['value']}-01-01"] and args["to"] == [f"{year['value']}-12-31"]
    data = client.get(year["url"]).get_json()
    assert data["total"] == year["count"]
    assert all(hit["date"].startswith(year["value"]) for hit in data["hits"])
    again = next(v for v in data["facets"]["year"] if v["value"] == year["value"])
    assert again["active"] and "from" not in query_of(again["url"])


def test_session_facet_runs_from_septemberverklaring(client):
    session = api(client)["facets"]["session"][0]
    args = query_of(session["url"])
    start = dt.date.fromisoformat(args["from"][0])
    end = dt.date.fromisoformat(args["to"][0])
    assert start.month == 9 and start.weekday() == 0 and start.year == int(session["value"][:4])
    assert end.year == start.year + 1 and (end - start).days in range(357, 372)
    assert client.get(session["url"]).get_json()["total"] == session["count"]


def test_keyword_facet_adds_the_word_to_the_query(client):
    data = api(client, q="sociale")
    word = data["facets"]["keyword"][0]
    assert query_of(word["url"])["q"] == [f"sociale {word['value']}"]
    narrowed = client.get(word["url"]).get_json()
    again = next(v for v in narrowed["facets"]["keyword"] if v["value"] == word["value"])
    assert again["active"]
    assert query_of(again["url"])["q"] == ["sociale"]


def test_date_range(client):
    data = api(client, **{"from": "2021-01-01", "to": "2021-06-30"})
    assert data["filters"]["from"] == "2021-01-01" and data["filters"]["to"] == "2021-06-30"
    assert data["total"] > 0
    assert all("2021-01-01" <= hit["date"] <= "2021-06-30" for hit in data["hits"])
    html = client.get("/?from=2021-01-01&to=2021-06-30").get_data(as_text=True)
    assert 'value="2021-01-01"' in html and 'value="2021-06-30"' in html
    assert "Vanaf: <strong>1 januari 2021</strong>" in html


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_sort_by_date_across_pages(client, sort):
    first = api(client, sort=sort, limit=20)
    pages = api(client, sort=sort, limit=10)["hits"] + api(client, sort=sort, limit=10,
                                                              page=2)["hits"]
    assert [h["id"] for h in pages] == [h["id"] for h in first["hits"]]
    dates = [h["date"] for h in first["hits"]]
    assert dates == sorted(dates, reverse=sort == "newest")


def test_pagination_links(client):
    html = client.get("/?page=2").get_data(as_text=True)
    links = anchors(html, 'aria-label="Paginering"')
    prev = next(a for a in links if a.get("rel") == "prev")
    nxt = next(a for a in links if a.get("rel") == "next")
    assert "page" not in query_of(unescape(prev["href"]))
    assert query_of(unescape(nxt["href"]))["page"] == ["3"]
    current = next(a for a in links if a.get("aria-current") == "page")
    assert current["text"] == "Pagina 2"
    assert 'start="11"' in html


def test_page_beyond_the_reachable_depth_gives_a_notice(client):
    data = api(client, page=MAX_DEPTH, limit=100)
    assert data["hits"] == []
    assert any("Alleen de eerste" in n for n in data["notices"])
    html = client.get(f"/?page={MAX_DEPTH}").get_data(as_text=True)
    assert "Alleen de eerste" in html


def test_timeline_bars_link_to_their_period(client):
    data = api(client)
    bars = data["timeline"]["bars"]
    assert data["timeline"]["unit"] == "year" and len(bars) >= 3
    assert sum(b["count"] for b in bars) == data["total"]
    args = query_of(bars[0]["url"])
    assert args["from"] == [bars[0]["from"]] and args["to"] == [bars[0]["to"]]
    html = client.get("/").get_data(as_text=True)
    assert "<svg" in html and html.count('<rect class="bar"') == len(bars)


def test_timeline_per_month_on_a_narrow_range(client):
    data = api(client, **{"from": "2021-01-01", "to": "2021-12-31"})
    assert data["timeline"]["unit"] == "month"
    assert len(data["timeline"]["bars"]) == 12
    month = next(b for b in data["timeline"]["bars"] if b["count"])
    assert client.get(month["url"]).get_json()["total"] == month["count"]


def test_suggestion_link(client):
    data = api(client, q="socale economie")
    assert data["suggestion"], "the spelling corrector should suggest something"
    assert query_of(data["suggestion_url"])["q"] == [data["suggestion"]]
    html = client.get("/?q=socale+economie").get_data(as_text=True)
    assert "Bedoelde u" in html


def test_empty_result_helps(client):
    minister = next(v["value"] for v in api(client)["facets"]["minister"]
                    if v["value"] != "Hilde Crevits")
    html = client.get("/", query_string={"q": '"betrokkenheid en rol lokale besturen"',
                                         "minister": minister,
                                         "from": "2020-01-01"}).get_data(as_text=True)
    assert "Geen vragen gevonden" in html
    widen = [a for a in anchors(html) if a["text"].startswith(("zonder", "in alle"))]
    labels = [a["text"] for a in widen]
    assert f"zonder minister {minister}" in labels and "zonder filters" in labels
    assert "Tips" in html


def test_repaired_query_shows_a_notice(client):
    data = api(client, q='"lokale besturen')
    assert data["notices"]
    html = client.get("/", query_string={"q": '"lokale besturen'}).get_data(as_text=True)
    assert 'class="message notice"' in html


def test_refused_query_is_a_400_with_the_message(client):
    response = client.get("/api/search", query_string={"q": "economie " * 200})
    assert response.status_code == 400
    assert response.get_json()["error"]
    page = client.get("/", query_string={"q": "economie " * 200})
    assert page.status_code == 400
    assert 'role="alert"' in page.get_data(as_text=True)


def test_form_keeps_the_state(client):
    html = client.get("/", query_string={"q": "school", "minister": "Hilde Crevits",
                                         "asker": "Allessia Claes", "sort": "oldest",
                                         "limit": "20"}).get_data(as_text=True)
    assert '<input type="hidden" name="minister" value="Hilde Crevits">' in html
    assert '<input type="hidden" name="asker" value="Allessia Claes">' in html
    assert '<input type="hidden" name="limit" value="20">' in html
    assert '<option value="oldest" selected>' in html


@pytest.mark.parametrize("params, message", [
    ({"page": "abc"}, "page"),
    ({"page": "0"}, "page"),
    ({"page": "-3"}, "page"),
    ({"page": str(MAX_DEPTH + 1)}, "page"),
    ({"page": "9" * 5000}, "page"),
    ({"from": "2020-13-45"}, "from"),
    ({"to": "gisteren"}, "to"),
    ({"from": "2021-01-01", "to": "2020-01-01"}, "begindatum"),
    ({"sort": "random"}, "sortering"),
    ({"limit": "100000"}, "limit"),
    ({"limit": "0"}, "limit"),
    ({"limit": "tien"}, "limit"),
    ({"asker": "x" * 500}, "asker"),
])
@pytest.mark.parametrize("path", ["/", "/api/search", "/feed.atom", "/export.csv",
                                  "/export.json"])
def test_bad_parameters_are_a_clear_400(client, path, params, message):
    if path in ("/export.csv", "/export.json") and params.get("limit") == "100000":
        params = {"limit": "1001"}
    response = client.get(path, query_string=params)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert message in body
    assert "Traceback" not in body
    if path.startswith("/api") or path.endswith(".json"):
        assert response.get_json()["status"] == 400
    else:
        assert "<h1>Ongeldige aanvraag</h1>" in body
