"""Harvest -> index -> /open, as a user runs it: unanswered questions (harvested as a
sidecar alone) are listed, the longest waiting first; when the fake answers one, the next
harvest and index take it off /open, change its status and add an answer to its feed.

The oracle is the fake's own state (which questions its search lists as answered, and
their dates asked), never our reader of the sidecars."""

from __future__ import annotations

import datetime as dt
import json
import re

import feedparser
import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.fake_opendata import FakeOpenData, synthetic_questions
from web import create_app

SESSION = "2025-2026"
TODAY = dt.date(2026, 1, 20)
ANSWERED_ON = dt.date(2026, 1, 14)


@pytest.fixture(scope="module")
def questions(tmp_path_factory) -> list:
    """Seven generated questions of 2025-2026 (the generator's last months, where most are
    not answered yet), one of them put to three ministers at once."""
    pdfs = tmp_path_factory.mktemp("open-pdfs")
    return synthetic_questions(6, 6, pdfs, SESSION) + synthetic_questions(6, 7, pdfs, SESSION)


@pytest.fixture
def fake(questions):
    import copy

    server = FakeOpenData(copy.deepcopy(questions)).start()
    yield server
    server.stop()


def run(*args: str):
    """One `vraagbaak` command, in this process (the same click commands a user runs)."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def unanswered(fake) -> dict[str, str]:
    """The fake's unanswered questions: id -> date asked."""
    return {q.id: q.tag("themadatum")[:10] for q in fake.questions if not q.answered}


def harvest_and_index(fake, tmp_path) -> None:
    out, index_dir = tmp_path / "harvest", tmp_path / "index"
    harvested = run("harvest", "--zittingsjaar", SESSION, "--api", fake.url, "--out", str(out),
                    "--rate", "1000")
    assert harvested.exit_code == 0, harvested.output
    indexed = run("index", str(out), "--index-dir", str(index_dir))
    assert indexed.exit_code == 0, indexed.output
    assert " 0 failed" in indexed.output


def open_now(tmp_path) -> tuple[list[dict], list[dict], str]:
    """/api/open's items, `vraagbaak open --json`'s items and the /open page."""
    index_dir = tmp_path / "index"
    app = create_app({"INDEX_DIR": index_dir, "TESTING": True, "CLOCK": lambda: TODAY})
    with app.test_client() as client:
        api = client.get("/api/open").get_json()
        html = client.get("/open").get_data(as_text=True)
    listed = run("open", "--json", "--today", TODAY.isoformat(), "--index-dir", str(index_dir))
    assert listed.exit_code == 0, listed.output
    return api["items"], json.loads(listed.output)["items"], html


def show(tmp_path, record_id: str) -> dict:
    shown = run("show", record_id, "--json", "--today", TODAY.isoformat(),
                "--index-dir", str(tmp_path / "index"))
    assert shown.exit_code == 0, shown.output
    return json.loads(shown.output)


def question_page(tmp_path, record_id: str) -> tuple[str, list]:
    """The question's page, and the entries of its feed (read with a real feed parser)."""
    app = create_app({"INDEX_DIR": tmp_path / "index", "TESTING": True,
                      "CLOCK": lambda: TODAY})
    with app.test_client() as client:
        html = client.get(f"/questions/{record_id}").get_data(as_text=True)
        parsed = feedparser.parse(client.get(f"/questions/{record_id}/feed.atom").data)
    assert not parsed.bozo, parsed.bozo_exception
    return html, parsed.entries


def check_open_list(fake, tmp_path) -> list[dict]:
    expected = unanswered(fake)
    api_items, cli_items, html = open_now(tmp_path)
    assert sorted(item["parliament_id"] for item in api_items) == sorted(expected)
    assert [item["asked"] for item in api_items] == sorted(expected.values())
    assert all(item["asked"] == expected[item["parliament_id"]] for item in api_items)
    assert cli_items == [{key: item[key] for key in cli_items[0]} for item in api_items]
    assert f"<h1>{len(expected)} vragen zonder antwoord</h1>" in html
    rows = re.findall(r'<td><a href="/questions/([^"]+)">', html)
    assert rows == [item["id"] for item in api_items]
    return api_items


def test_unanswered_harvested_questions_are_open_until_their_answer_is_harvested(
        fake, tmp_path):
    assert 3 <= len(unanswered(fake)) < len(fake.questions)  # the fixture is what it says
    harvest_and_index(fake, tmp_path)
    items = check_open_list(fake, tmp_path)

    target = next(item for item in items
                  if sum(i["asked"] == item["asked"] for i in items) == 1)
    before = show(tmp_path, target["id"])
    assert before["source"].endswith(f"{target['parliament_id']}.json")
    assert before["status"] in ("open", "te-laat") and before["question"] == ""
    assert before["working_days"] is not None
    page_before, entries_before = question_page(tmp_path, target["id"])
    assert "alleen de officiële gegevens bekend" in page_before

    fake.answer(target["parliament_id"], ANSWERED_ON, on_time=False)
    harvest_and_index(fake, tmp_path)
    after_items = check_open_list(fake, tmp_path)
    assert target["id"] not in {item["id"] for item in after_items}
    assert len(after_items) == len(items) - 1

    after = show(tmp_path, target["id"])
    assert after["source"].endswith(f"{target['parliament_id']}.pdf")
    assert (after["status"], after["answered"]) == ("laattijdig", ANSWERED_ON.isoformat())
    assert after["answer"] and after["answer_kind"] != "none"
    page_after, entries_after = question_page(tmp_path, target["id"])
    assert "alleen de officiële gegevens bekend" not in page_after
    assert after["question"].split("\n")[0][:40] in page_after
    assert len(entries_after) == len(entries_before) + 1
    new = [e for e in entries_after if e.id not in {old.id for old in entries_before}]
    assert [(e.title.split(":")[0], e.updated[:10]) for e in new] == \
        [("Antwoord", ANSWERED_ON.isoformat())]
