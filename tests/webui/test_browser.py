"""The site in real headless Chromium (Debian's /usr/bin/chromium via Playwright), served by
waitress on 127.0.0.1 as `vraagbaak serve` runs it. Screenshots go to tests/screenshots/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from webui_support import COORDINATED_ID, HOSTILE_TITLE, REFERRAL_ID, shoot, watch

pytestmark = pytest.mark.browser
QUERY_LABEL = "Zoek in de schriftelijke vragen en antwoorden"


def hit_links(page) -> list[str]:
    return page.locator("ol.hits .hit-title a").evaluate_all("els => els.map(e => e.href)")


def search(page, text: str):
    box = page.get_by_label(QUERY_LABEL)
    box.fill(text)
    box.press("Enter")
    page.wait_for_load_state()


def test_query_minister_facet_and_chip(page, live_server):
    page.goto(live_server + "/")
    search(page, "sociale economie")
    expect(page).to_have_url(re.compile(r"/\?q=sociale\+economie$"))  # JS keeps URLs short
    expect(page.locator("h1")).to_contain_text("voor")
    assert page.locator("ol.hits mark").count() > 0
    shoot(page, "01-zoekresultaten")

    facet = page.locator("aside .facet-minister a").first
    name = facet.locator(".label").inner_text().strip()
    count = int(facet.locator(".count").inner_text().strip("() vragen"))
    facet.click()
    expect(page).to_have_url(re.compile(r"minister="))
    chip = page.locator("a.chip").first
    expect(chip).to_contain_text(name)
    expect(page.locator("h1")).to_contain_text(f"{count} vra")
    for ministers in page.locator("ol.hits .ministers").all_inner_texts():
        assert name in ministers
    expect(page.locator("aside .facet-minister a.active")).to_contain_text(name)
    shoot(page, "02-minister-gekozen")

    chip.click()
    expect(page).not_to_have_url(re.compile(r"minister="))
    expect(page.locator("a.chip")).to_have_count(0)
    expect(page.get_by_label(QUERY_LABEL)).to_have_value("sociale economie")
    assert page.problems == []


def test_page_through_results_and_back(page, live_server):
    page.goto(live_server + "/?sort=newest")
    first = hit_links(page)
    assert len(first) == 10
    page.get_by_role("link", name="Volgende ›").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    second = hit_links(page)
    assert len(second) == 10 and not set(first) & set(second)
    page.get_by_role("link", name="Pagina 3", exact=True).click()
    expect(page).to_have_url(re.compile(r"page=3"))
    third = hit_links(page)
    assert not set(third) & set(second)
    expect(page.locator('nav.pages a[aria-current="page"]')).to_have_text("Pagina 3")
    shoot(page, "03-pagina-3")
    page.go_back()
    expect(page).to_have_url(re.compile(r"page=2"))
    assert hit_links(page) == second
    page.get_by_role("link", name="‹ Vorige").click()
    assert hit_links(page) == first
    assert page.problems == []


def test_open_question_and_follow_referral(page, live_server):
    page.goto(live_server + "/?q=betrokkenheid+lokale+besturen")
    hit = page.locator("article.hit", has_text="Betrokkenheid en rol lokale besturen").first
    hit.locator(".hit-title a").click()
    expect(page.locator("h1")).to_have_text(
        "Sociale economie - Betrokkenheid en rol lokale besturen")
    expect(page.locator("#vraag-titel")).to_be_visible()
    page.go_back()

    hit = page.locator("article.hit", has_text="Betrokkenheid en rol lokale besturen").first
    hit.get_by_role("link", name=re.compile("vraag aan Bart Somers")).click()
    expect(page).to_have_url(re.compile(f"/questions/{REFERRAL_ID}$"))
    callout = page.locator(".callout.referral")
    expect(callout).to_be_visible()
    expect(callout).to_contain_text("Hilde Crevits")
    shoot(page, "04-verwijzing")

    callout.get_by_role("link").click()
    expect(page).to_have_url(re.compile(f"/questions/{COORDINATED_ID}$"))
    expect(page.locator("#antwoord-titel")).to_have_text(
        "Gecoördineerd antwoord van minister Hilde Crevits")
    expect(page.locator("p.sub").first).to_contain_text("Welke besturen")
    page.locator("a.noteref").first.click()
    expect(page).to_have_url(re.compile("#voetnoot-1$"))
    expect(page.locator("#voetnoot-1")).to_be_in_viewport()
    shoot(page, "05-gecoordineerd-antwoord")
    assert page.problems == []


def test_exact_phrase_search(page, live_server):
    page.goto(live_server + "/")
    phrase = '"lokale sociale economie"'
    search(page, phrase)
    expected = page.request.get(f"{live_server}/api/search",
                                params={"q": phrase}).json()["total"]
    assert expected > 0
    expect(page.locator("h1")).to_contain_text(f"{expected} vra")
    expect(page.locator("article.hit", has_text="Betrokkenheid en rol lokale besturen")) \
        .to_have_count(1)
    for snippet in page.locator("ol.hits .snippet").all_inner_texts():
        assert "lokale sociale economie" in snippet.lower()
    shoot(page, "06-exacte-woordgroep")
    search(page, '"economie sociale lokale"')
    expect(page.locator("h1")).to_contain_text("0 vragen")
    expect(page.locator("#geen-resultaten")).to_be_visible()
    assert page.problems == []


def test_sort_submits_itself_with_javascript(page, live_server):
    page.goto(live_server + "/?q=economie")
    page.get_by_label("Sorteren op").select_option("newest")
    expect(page).to_have_url(re.compile(r"sort=newest"))
    dates = page.locator("ol.hits time").evaluate_all("els => els.map(e => e.dateTime)")
    assert dates == sorted(dates, reverse=True)


def test_document_markup_stays_text(page, live_server):
    page.goto(live_server + "/?q=verkeersborden")
    title = page.locator("ol.hits .hit-title a", has_text="verkeersborden")
    expect(title).to_have_text(HOSTILE_TITLE)
    title.click()
    expect(page.locator("h1")).to_have_text(HOSTILE_TITLE)
    expect(page.locator(".text").first).to_contain_text("Werk <script>alert(1)</script> is")
    assert page.problems == []


def test_without_javascript(chromium, live_server):
    context = chromium.new_context(java_script_enabled=False, locale="nl-BE",
                                   viewport={"width": 1280, "height": 900})
    page = watch(context.new_page())
    try:
        page.goto(live_server + "/")
        search(page, "economie")
        expect(page).to_have_url(re.compile(r"q=economie"))
        expect(page.locator("ol.hits > li")).to_have_count(10)

        page.locator("details.syntax summary").click()
        expect(page.locator("details.syntax table")).to_be_visible()
        shoot(page, "07-zonder-javascript")

        page.locator("aside .facet-minister a").first.click()
        expect(page.locator("a.chip")).to_have_count(1)
        page.get_by_label("Sorteren op").select_option("oldest")
        page.get_by_role("button", name="Toepassen").click()
        expect(page).to_have_url(re.compile(r"sort=oldest"))
        expect(page.locator("a.chip")).to_have_count(1)  # the filter survived the form
        dates = [t.get_attribute("datetime") for t in page.locator("ol.hits time").all()]
        assert dates == sorted(dates)

        page.locator(".timeline svg a").first.click()
        expect(page).to_have_url(re.compile(r"from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}"))
        page.locator("ol.hits .hit-title a").first.click()
        expect(page.locator("#vraag-titel")).to_be_visible()
        assert page.problems == []
    finally:
        context.close()


def test_keyboard_and_phone(chromium, live_server):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                   has_touch=True, locale="nl-BE", device_scale_factor=2)
    page = watch(context.new_page())
    try:
        page.goto(live_server + "/?q=economie")
        page.keyboard.press("Tab")
        skip = page.locator("a.skip")
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()
        shoot(page, "08-telefoon-skiplink", full_page=False)
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile("#inhoud$"))

        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
        hits_bottom = page.locator("ol.hits").bounding_box()
        facets_top = page.locator("aside.facets").bounding_box()
        assert facets_top["y"] > hits_bottom["y"] + hits_bottom["height"] - 1  # facets below
        shoot(page, "09-telefoon")

        for _ in range(60):  # keyboard only: tab to the first result and open it
            page.keyboard.press("Tab")
            if page.evaluate("!!document.activeElement.closest('ol.hits .hit-title')"):
                break
        else:
            pytest.fail("the first result is not reachable with Tab")
        color = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
        assert color == "rgb(255, 210, 63)", "focus must be visible"
        shoot(page, "10-focus-zichtbaar", full_page=False)
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile("/questions/"))
        assert page.problems == []
    finally:
        context.close()
