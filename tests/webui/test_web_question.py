"""The question page and /api/questions/<id>: full text, joint questions, the referral to
the coordinated answer, similar questions, and 404s."""

from __future__ import annotations

import pytest
from webui_support import COORDINATED_ID, FOOTNOTES_ID, REFERRAL_ID, TABLES_ID, anchors

from index.documents.model import RECORD_FIELDS


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


def test_answer_footnotes_bullets_and_grouped_replies_of_a_real_document(client):
    html = client.get(f"/questions/{FOOTNOTES_ID}").get_data(as_text=True)
    answer = html[html.index('id="antwoord-titel"'):]
    # the markers in the answer link to the footnotes moved out of it
    assert 'leakage<sup><a href="#voetnoot-1" class="noteref">[1]</a></sup>' in answer
    assert 'hier<sup><a href="#voetnoot-2" class="noteref">[2]</a></sup>' in answer
    assert 'id="voetnoot-2" value="2">https://competition-policy.ec.europa.eu/system/files/' \
        '2021-11/kd0121322enn_ETS_efficiency_benchmarks.pdf</li>' in html
    question = html[html.index('id="vraag-titel"'):html.index('id="antwoord-titel"')]
    assert '<ul class="items"><li>de verlaging van de directe' in question
    assert '<span class="nr">8, 9.</span> De benchmarks' in answer


def test_tables_of_a_real_document_are_tables(client):
    html = client.get(f"/questions/{TABLES_ID}").get_data(as_text=True)
    answer = html[html.index('id="antwoord-titel"'):]
    assert answer.count("<table>") == 5
    assert '<th scope="col">Jaar Beslissing</th>' in html
    assert "<tr><td>2020</td><td>€ 14.282.612,00</td><td>57</td>" in html
    # every table has a header row, also those whose first printed line is a caption
    tables = answer.split("<table>")[1:]
    assert all("<thead><tr><th scope=\"col\">" in table.split("<tbody>")[0]
               for table in tables)


def test_about_page_credits_the_source(client):
    html = " ".join(client.get("/over").get_data(as_text=True).split())
    assert "bron: Vlaams Parlement" in html and "Modellicentie Gratis Hergebruik v1.0" in html


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
    assert data["zittingsjaar"] == "2019-2020"  # computed; `session` is the official field
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


def test_question_and_answer_footnotes_numbered_from_one_each_get_their_own_anchor():
    from web.text import note_ids, paragraphs, repeated_notes

    notes = ["[1] Bron: de gemeenten.", "[1] Zie het vademecum.", "[2] Zie de kaart."]
    assert note_ids(notes) == ["voetnoot-1", "voetnoot-1-2", "voetnoot-2"]
    answer = str(paragraphs("Het vademecum[1] en de kaart[2].", repeated_notes(notes)))
    assert 'href="#voetnoot-1-2"' in answer and 'href="#voetnoot-2"' in answer
    question = str(paragraphs("De gemeenten[1] melden schade."))
    assert 'href="#voetnoot-1"' in question
