"""The following pages in headless Chromium (Debian's, via Playwright), on an index with
official metadata and the clock set to a fixed day; axe-core (bundled by
axe-playwright-python) checks each new page. Screenshots go to tests/screenshots/."""

from __future__ import annotations

import re

import feedparser
import pytest
from axe_playwright_python.sync_playwright import Axe
from metadata_support import COORDINATED_ID, REFERRAL_ID
from playwright.sync_api import expect
from webui_support import shoot

pytestmark = pytest.mark.browser


def test_filter_by_theme_and_status(page, follow_server):
    page.goto(follow_server + "/")
    theme = page.locator("aside .facet-theme a").first
    name = theme.locator(".label").inner_text().strip()
    theme.click()
    expect(page).to_have_url(re.compile(r"theme="))
    expect(page.locator("a.chip").first).to_contain_text(name)
    for themes in page.locator("ol.hits .themes").all_inner_texts():
        assert name in themes
    late = page.locator("aside .facet-status a", has_text="Te laat")
    count = int(late.locator(".count").inner_text().strip("() vragen"))
    late.click()
    expect(page).to_have_url(re.compile(r"status=te-laat"))
    expect(page.locator("h1")).to_contain_text(f"{count} vra")
    api = page.request.get(follow_server + "/api/search",
                           params={"theme": name, "status": "te-laat"}).json()
    assert api["total"] == count
    statuses = page.locator("ol.hits .status").all_inner_texts()
    assert statuses and all(s.startswith("Te laat") for s in statuses)
    shoot(page, "20-thema-en-status")
    assert page.problems == []


def test_open_minister_page_from_a_hit(page, follow_server):
    page.goto(follow_server + "/?q=kinderopvang")
    link = page.locator("ol.hits .ministers a.person").first
    name = link.inner_text().strip()
    link.click()
    expect(page).to_have_url(re.compile(r"/ministers/[a-z-]+$"))
    expect(page.locator("h1")).to_have_text(f"Minister {name}")
    slug = page.url.rsplit("/", 1)[1]
    data = page.request.get(f"{follow_server}/api/ministers/{slug}").json()
    expect(page.locator("#cijfer-vragen")).to_have_text(str(data["questions"]))
    median = data["answer_times"]["median_working_days"]
    expect(page.locator("#cijfer-mediaan")).to_have_text(f"{median:g} werkdagen")
    expect(page.locator("#cijfer-tijdig")).to_contain_text(
        f"{data['in_time_share'] * 100:.0f}%")
    expect(page.locator(".answer-chart svg rect.bar")).to_have_count(
        len(data["answer_times"]["bins"]))
    shoot(page, "21-ministerpagina")
    page.locator("#cijfer-open a").click()
    expect(page).to_have_url(re.compile(r"/open\?minister="))
    rows = page.locator("table.open-table tbody tr")
    expected = data["statuses"]["open"] + data["statuses"]["te-laat"]
    expect(rows).to_have_count(min(50, expected))
    shoot(page, "22-open-vragen-minister")
    assert page.problems == []


def test_follow_a_question(page, follow_server):
    page.goto(follow_server + f"/questions/{REFERRAL_ID}")
    follow = page.get_by_role("link", name="Volg deze vraag")
    expect(follow).to_be_visible()
    shoot(page, "23-volg-deze-vraag")
    href = follow.get_attribute("href")
    response = page.request.get(follow_server + href)
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.body())
    assert not feed.bozo and feed.version == "atom10"
    assert feed.entries[-1].link.endswith(f"/questions/{COORDINATED_ID}")
    page.locator(".callout.referral").get_by_role("link").click()
    expect(page).to_have_url(re.compile(f"/questions/{COORDINATED_ID}$"))
    assert page.problems == []


def test_open_page_longest_waiting_first(page, follow_server):
    page.goto(follow_server + "/open")
    expect(page.locator("h1")).to_contain_text("zonder antwoord")
    days = [int(t) for t in page.locator("table.open-table td.num").all_inner_texts()
            if t.strip().isdigit()]
    assert days and days == sorted(days, reverse=True)
    assert page.locator("tr.status-te-laat").count() > 0
    page.get_by_label("Thema").fill("Welzijn")
    page.get_by_role("button", name="Filteren").click()
    expect(page).to_have_url(re.compile(r"theme=Welzijn"))
    expect(page.locator("a.chip")).to_contain_text("Welzijn")
    shoot(page, "24-open-vragen")
    assert page.problems == []


AXE_PAGES = ["/", "/?theme=Cultuur&status=te-laat", "/open", "/open?minister=Demir",
             "/ministers/hilde-crevits", "/askers/els-robeyns", f"/questions/{REFERRAL_ID}"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_serious_violation(page, follow_server, axe, path):
    page.goto(follow_server + path)
    results = axe.run(page)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_new_pages_fit_a_phone(chromium, follow_server):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                   has_touch=True, locale="nl-BE", device_scale_factor=2)
    page = context.new_page()
    try:
        for path, name in (("/open", "25-open-telefoon"),
                           ("/ministers/zuhal-demir", "26-minister-telefoon")):
            page.goto(follow_server + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} scrolls sideways on a phone ({width}px)"
            shoot(page, name, full_page=False)
    finally:
        context.close()
