"""Structure that assistive technology relies on: landmarks, a skip link, labelled
controls, unique ids, text alternatives. (Focus and phone layout: test_browser.py.)"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from webui_support import COORDINATED_ID, FOOTNOTES_ID, REFERRAL_ID, TABLES_ID

PAGES = ["/", "/?q=economie&minister=Hilde+Crevits", "/?q=zzzzqqq",
         f"/questions/{COORDINATED_ID}", f"/questions/{REFERRAL_ID}", "/over",
         f"/questions/{FOOTNOTES_ID}", f"/questions/{TABLES_ID}",
         "/questions/onbekend", "/?page=abc", "/open", "/ministers/hilde-crevits",
         "/askers/allessia-claes"]


@pytest.fixture(params=PAGES)
def html(request, client):
    return client.get(request.param).get_data(as_text=True)


def test_language_and_landmarks(html):
    assert '<html lang="nl">' in html
    for landmark in ('<header class="site">', '<nav aria-label="Hoofdmenu">', '<main id="inhoud"',
                     '<footer class="site">', 'role="search"'):
        assert landmark in html
    assert html.count("<main") == 1
    assert html.count("<h1") == 1


def test_skip_link_comes_first(html):
    body = html[html.index("<body>"):]
    first = re.search(r"<(a|input|button|select)\b[^>]*>", body).group(0)
    assert first == '<a class="skip" href="#inhoud">'


def test_ids_are_unique(html):
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []


def test_every_control_has_a_label(html):
    for control in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        if 'type="hidden"' in control:
            continue
        control_id = re.search(r'\sid="([^"]+)"', control).group(1)
        assert f'<label for="{control_id}"' in html or \
            f'<label class="qlabel" for="{control_id}"' in html, control


def test_images_and_chart_have_text(client):
    html = client.get("/").get_data(as_text=True)
    for img in re.findall(r"<img\b[^>]*>", html):
        assert " alt=" in img
    bars = re.findall(r"<a href=\"[^\"]+\" aria-label=\"([^\"]+)\"", html)
    assert bars and all(re.fullmatch(r"\d{4}: \d+ vra(ag|gen).*", label) for label in bars)
    assert 'aria-labelledby="tijdlijn-titel"' in html


def test_search_page_has_facets_as_complementary(client):
    html = client.get("/?q=economie").get_data(as_text=True)
    assert '<aside class="facets" aria-labelledby="verfijn-titel">' in html
    assert html.index("<main") < html.index("<aside")  # on a phone facets follow the results
    assert 'aria-label="Paginering"' in html
