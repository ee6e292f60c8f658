"""axe-core, the standard accessibility checker, on every kind of page, in Chromium.

axe-core comes bundled in the `axe-playwright-python` package (a development extra in
pyproject.toml), so `make test` installs it with everything else and nothing is fetched
at run time. Every rule runs, the experimental ones included (`label-content-name-mismatch`,
the visible text of a control being part of its accessible name, is one), and a page fails
on any violation axe rates serious or critical.
"""

from __future__ import annotations

import pytest
from webui_support import COORDINATED_ID, REFERRAL_ID

pytestmark = pytest.mark.browser
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _id_of_kind(service, kind: str) -> str:
    from search.results import SearchRequest

    for page in range(1, 40):
        result = service.search(SearchRequest(sort="newest", page=page, limit=100,
                                               facets=False, snippets=False))
        for hit in result.hits:
            for ref in hit.records:
                if ref.answer_kind == kind:
                    return ref.id
        if len(result.hits) < 100:
            break
    raise AssertionError(f"the web test index has no record with answer kind {kind!r}")


def _pages(service) -> dict[str, str]:
    from search.results import SearchRequest

    minister = service.search(SearchRequest(q="economie")).facets["minister"][0].value
    return {
        "home": "/",
        "results with facets and chips": f"/?q=economie&minister={minister}&from=2015-01-01",
        "results by month": "/?from=2020-01-01&to=2021-06-30",
        "results, nothing found": "/?q=zzzzqqqxx",
        "question: answer": f"/questions/{_id_of_kind(service, 'answer')}",
        "question: coordinated answer": f"/questions/{COORDINATED_ID}",
        "question: referral": f"/questions/{REFERRAL_ID}",
        "question: no answer yet": f"/questions/{_id_of_kind(service, 'none')}",
        "about": "/over",
        "error 404": "/questions/bestaat-niet",
        "error 400": "/?from=gisteren",
    }


def _all_rules(page, axe) -> dict:
    """axe's options with every rule on, the experimental ones too."""
    page.evaluate(axe.axe_script)
    experimental = page.evaluate("axe.getRules(['experimental']).map(r => r.ruleId)")
    assert "label-content-name-mismatch" in experimental
    return {"resultTypes": ["violations"],
            "rules": {rule: {"enabled": True} for rule in experimental}}


def test_no_serious_or_critical_violation_on_any_page_type(page, live_server, web_service,
                                                           axe):
    found = {}
    options = None
    for name, path in _pages(web_service).items():
        page.goto(live_server + path)
        page.wait_for_load_state()
        options = options or _all_rules(page, axe)
        results = axe.run(page, options=options)
        blocking = [f"{v['id']} ({v['impact']}): {v['help']} at "
                    f"{[n['target'] for n in v['nodes']][:3]}"
                    for v in results.response["violations"] if v["impact"] in BLOCKING]
        if blocking:
            found[f"{name} {path}"] = blocking
    assert found == {}, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in found.items())
