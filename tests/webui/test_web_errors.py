"""Error responses (web/security.py, docs/api.md): JSON `{"error", "status"}` on /api/ and
.json routes, an HTML page with its title and code elsewhere, plain text for a request
refused before routing; never a stack trace."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/api/search?page=abc", "/export.json?limit=100000",
                                  "/api/search?from=2020-13-45"])
def test_a_bad_parameter_on_a_json_route_is_a_json_400(client, path):
    response = client.get(path)
    assert response.status_code == 400 and response.mimetype == "application/json"
    data = response.get_json()
    assert set(data) == {"error", "status"} and data["status"] == 400
    assert isinstance(data["error"], str) and data["error"]


def test_an_unknown_question_on_the_api_is_a_json_404(client):
    response = client.get("/api/questions/bestaat-niet")
    assert (response.status_code, response.get_json()["status"]) == (404, 404)


def test_a_path_ending_in_json_that_is_no_route_is_a_json_404(client):
    response = client.get("/nergens.json")
    assert response.status_code == 404 and response.get_json() == {
        "error": "Deze pagina bestaat niet.", "status": 404}


def test_an_html_error_page_has_its_title_message_and_code(client):
    response = client.get("/nergens")
    html = response.get_data(as_text=True)
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "<h1>Niet gevonden</h1>" in html and "Deze pagina bestaat niet." in html
    assert "Foutcode 404" in html


def test_a_wrong_method_gets_its_own_page(client):
    response = client.post("/")  # the search page takes GET only
    html = response.get_data(as_text=True)
    assert response.status_code == 405 and "<h1>Niet toegestaan</h1>" in html
    assert "Foutcode 405" in html


def test_a_request_refused_before_routing_gets_plain_text(web_index, web_service, monkeypatch):
    from web import create_app

    monkeypatch.setenv("VRAAGBAAK_TRUSTED_HOSTS", "vraagbaak.example")
    app = create_app({"INDEX_DIR": web_index, "SERVICE": web_service})
    response = app.test_client().get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400 and response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == "Ongeldige aanvraag: Ongeldige aanvraag.\n"
    assert "Traceback" not in response.get_data(as_text=True)
