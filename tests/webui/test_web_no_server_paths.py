"""No public response says where the server keeps its files (docs/api.md): not the question
page, not /api/questions/<id>, not the search API or the exports."""

from __future__ import annotations

import pytest
from webui_support import COORDINATED_ID, REFERRAL_ID


def strings(value):
    """Every string inside a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.fixture(scope="module")
def server_folder(web_index) -> str:
    """The folder that holds both the indexed corpus and the index (conftest.web_index)."""
    return str(web_index.parent)


@pytest.fixture(scope="module")
def some_ids(web_service) -> list[str]:
    from search.results import SearchRequest

    hits = web_service.search(SearchRequest(q="", sort="newest", limit=20)).hits
    return [COORDINATED_ID, REFERRAL_ID, *(hit.id for hit in hits)]


def test_question_api_and_page_carry_no_server_path(client, server_folder, some_ids):
    for doc_id in some_ids:
        response = client.get(f"/api/questions/{doc_id}")
        assert response.status_code == 200, doc_id
        data = response.get_json()
        leaks = [s for s in strings(data) if server_folder in s]
        assert leaks == [], doc_id
        assert "source" not in data and data["file"].endswith(".txt")
        html = client.get(f"/questions/{doc_id}").get_data(as_text=True)
        assert server_folder not in html, doc_id
        assert f"Bron: {data['file']}" in html


@pytest.mark.parametrize("url", ["/api/search?q=sociale+economie", "/api/search?q=",
                                 "/export.json?q=sociale", "/export.csv?q=sociale",
                                 "/feed.atom?q=sociale", "/?q=sociale+economie"])
def test_search_responses_carry_no_server_path(client, server_folder, url):
    response = client.get(url)
    assert response.status_code == 200
    assert server_folder not in response.get_data(as_text=True)
