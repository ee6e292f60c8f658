"""The question page and /api/questions/<id>: full text, joint questions, the referral to
the coordinated answer, similar questions, and 404s."""

from __future__ import annotations

import pytest
from webui_support import COORDINATED_ID, REFERRAL_ID, anchors

from index.model import RECORD_FIELDS


def test_coordinated_answer_page_is_complete(client):
    response = client.get(f"/questions/{COORDINATED_ID}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Sociale economie - Betrokkenheid en rol lokale besturen</h1>" in html
    assert '<p class="sub"><span class="nr">1.</span> Welke besturen werken' in html
    assert 'id="voetnoot-1"' in html and 'href="#voetnoot-1"' in html  # footnote linked
    assert "Art. 15, §1 Decr." in html
    assert "<h2 id=\"antwoord-titel\">Gecoördineerd antwoord van minister Hilde Crevits</h2>" \
        in html
    assert "BIJLAGE" in html  # the annex heading
    # 25 September 2020 falls before that year's Septemberverklaring (28 September)
    assert "25 september 2020" in html and "<dd>2019-2020</dd>" in html
    assert "Allessia Claes" in html
    joint = [a for a in anchors(html, 'id="gezamenlijk"')
             if a.get("href") == f"/questions/{REFERRAL_ID}"]
    assert joint and "Bart Somers" in joint[0]["text"]
    assert "geldt ook voor minister Bart Somers (vraag nr. 378)" in " ".join(html.split())


def test_referral_leads_to_the_coordinated_answer(client):
    html = client.get(f"/questions/{REFERRAL_ID}").get_data(as_text=True)
    callout = html[html.index('class="callout referral"'):]
    callout = callout[:callout.index("</div>")]
    assert f'<a class="button" href="/questions/{COORDINATED_ID}">' in callout
    assert "Hilde Crevits" in callout
    assert html.index('class="callout referral"') < html.index('id="vraag-titel"')


def test_question_api(client, web_service):
    data = client.get(f"/api/questions/{REFERRAL_ID}").get_json()
    record = web_service.get(REFERRAL_ID).to_json()
    for field in RECORD_FIELDS:
        if field not in ("source", "session"):  # session: computed below
            assert data[field] == record[field]
    assert "source" not in data  # the server's path is not public
    assert data["file"] == record["source"].rsplit("/", 1)[-1] == "002_fefc31c8e2672c2d.txt"
    assert data["coordinated"]["id"] == COORDINATED_ID
    assert data["coordinated"]["url"] == f"/questions/{COORDINATED_ID}"
    assert [m["id"] for m in data["group"]] == [COORDINATED_ID, REFERRAL_ID]
    assert [m["current"] for m in data["group"]] == [False, True]
    assert data["session"] == "2019-2020"
    assert data["links"]["html"] == f"/questions/{REFERRAL_ID}"
    assert isinstance(data["similar"], list)
    for hit in data["similar"]:
        assert hit["url"].startswith("/questions/") and hit["id"] not in (COORDINATED_ID,
                                                                          REFERRAL_ID)
    coordinated = client.get(f"/api/questions/{COORDINATED_ID}").get_json()
    assert coordinated["coordinated"] is None
    assert [m["id"] for m in coordinated["referred_by"]] == [REFERRAL_ID]


def test_similar_questions_are_listed(client):
    html = client.get(f"/questions/{COORDINATED_ID}").get_data(as_text=True)
    assert 'id="gelijkaardig"' in html
    similar = anchors(html, 'id="gelijkaardig"')
    assert any(a["href"].startswith("/questions/") for a in similar)


def test_single_minister_question_has_no_joint_section(client, web_service):
    hit = next(h for h in client.get("/api/search?limit=50").get_json()["hits"]
               if len(h["records"]) == 1)
    html = client.get(hit["url"]).get_data(as_text=True)
    assert 'id="gezamenlijk"' not in html
    assert web_service.get(hit["id"]).title.split()[0] in html


@pytest.mark.parametrize("doc_id", ["bestaat-niet", "2020-09-25-hilde-crevits-999",
                                    "ABC", "..", "%2e%2e%2fetc%2fpasswd", "a" * 300,
                                    "..%2f..%2fetc%2fpasswd", "%00"])
def test_unknown_ids_are_404(client, doc_id):
    page = client.get(f"/questions/{doc_id}")
    assert page.status_code == 404
    assert "Niet gevonden" in page.get_data(as_text=True)
    api = client.get(f"/api/questions/{doc_id}")
    assert api.status_code == 404
    assert api.get_json()["status"] == 404


def test_path_traversal_is_not_served(client):
    for path in ("/questions/../../etc/passwd", "/static/../web/__init__.py",
                 "/static/..%2f__init__.py", "/api/questions/..%2F..%2Fetc%2Fpasswd"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"create_app" not in response.data and b"root:" not in response.data
