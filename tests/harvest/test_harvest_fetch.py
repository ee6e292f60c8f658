"""A harvest against the fake services: what arrives, and what a second run fetches."""

from __future__ import annotations

import json

from tests.harvest.conftest import SESSION, harvest, tree


def test_full_harvest_equals_what_the_fake_serves(fake, tmp_path):
    report = harvest(fake, tmp_path)
    assert report.failed == []
    assert report.new == len(fake.questions)
    expected = set()
    for question in fake.questions:
        folder = tmp_path / question.session
        sidecar = json.loads((folder / f"{question.id}.json").read_bytes())
        assert sidecar["opendata"] == fake.expose(question.detail)
        assert sidecar["search"]["metatags"] == fake.expose(question.hit)["metatags"]["metatag"]
        assert sidecar["search"]["url"] == question.hit["url"]
        expected.add(f"{question.session}/{question.id}.json")
        answered = any(t["name"] == "document" for t in question.hit["metatags"]["metatag"])
        if answered:
            assert (folder / f"{question.id}.pdf").read_bytes() == question.file
            expected.add(f"{question.session}/{question.id}.pdf")
    assert set(tree(tmp_path)) == expected


def test_an_unanswered_question_gets_its_metadata_and_no_file(fake, tmp_path):
    question = fake.questions[3]
    detail = question.detail.get("result", question.detail)
    detail["bestand-ordered"] = []
    tags = question.hit["metatags"]["metatag"]
    tags[:] = [t for t in tags if t["name"] not in ("document", "statusdatumSchvBeantwoord")]
    next(t for t in tags if t["name"] == "status")["value"] = "Vraag gesteld aan de minister"
    report = harvest(fake, tmp_path)
    assert report.failed == [] and report.without_file == 1
    assert (tmp_path / question.session / f"{question.id}.json").is_file()
    assert not (tmp_path / question.session / f"{question.id}.pdf").exists()


def test_second_run_requests_no_detail_or_file_of_unchanged_questions(fake, tmp_path):
    harvest(fake, tmp_path)
    fake.clear_log()
    again = harvest(fake, tmp_path)
    assert (again.new, again.updated, again.unchanged) == (0, 0, len(fake.questions))
    assert fake.requests("detail") == [] and fake.requests("file") == []
    assert fake.requests("search")  # it did look


def test_changed_and_newly_answered_questions_are_fetched_again(fake, tmp_path):
    harvest(fake, tmp_path)
    edited, answered = fake.questions[0], fake.questions[1]
    for tag in edited.hit["metatags"]["metatag"]:
        if tag["name"] == "last_modified":
            tag["value"] = "2025-06-30T09:00:00+0200"
    for tag in answered.hit["metatags"]["metatag"]:
        if tag["name"] == "status":
            tag["value"] = "Beantwoord (gecorrigeerd)"
    fake.clear_log()
    report = harvest(fake, tmp_path)
    assert sorted(fake.requests("detail")) == sorted([edited.id, answered.id])
    assert report.updated == 2 and report.unchanged == len(fake.questions) - 2
    stored = json.loads((tmp_path / SESSION / f"{edited.id}.json").read_bytes())
    assert {"name": "last_modified", "value": "2025-06-30T09:00:00+0200"} in \
        stored["search"]["metatags"]


def test_a_deleted_pdf_is_fetched_again(fake, tmp_path):
    harvest(fake, tmp_path)
    victim = next(q for q in fake.questions if q.file and q.session == SESSION)
    (tmp_path / SESSION / f"{victim.id}.pdf").unlink()
    fake.clear_log()
    harvest(fake, tmp_path)
    assert fake.requests("detail") == [victim.id]
    assert (tmp_path / SESSION / f"{victim.id}.pdf").read_bytes() == victim.file


def test_dry_run_fetches_only_search_pages_and_writes_nothing(fake, tmp_path):
    report = harvest(fake, tmp_path / "out", dry_run=True)
    assert fake.requests("detail") == [] and fake.requests("file") == []
    assert not (tmp_path / "out").exists()
    details = [line for line in report.planned if "/e/opendata/schv/" in line]
    assert sorted(line.rsplit("/", 1)[1] for line in details) == \
        sorted(q.id for q in fake.questions)


def test_each_request_sends_the_user_agent_and_asks_for_json(fake, tmp_path, monkeypatch):
    seen = []
    import tests.fake_opendata as module

    original = module._Handler.do_GET

    def spy(handler):
        seen.append((handler.path, handler.headers.get("User-Agent"),
                     handler.headers.get("Accept")))
        original(handler)

    monkeypatch.setattr(module._Handler, "do_GET", spy)
    harvest(fake, tmp_path, sessions=("2020-2021",))
    assert seen and all(agent.startswith("Vraagbaak/") for _, agent, _ in seen)
    assert all("application/json" in accept for path, _, accept in seen
               if not path.startswith("/files/"))
