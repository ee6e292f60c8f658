"""Every fault the services can show gives a one-line reason, and the rest arrives."""

from __future__ import annotations

import datetime as dt

from harvest.client import Client, Politeness
from harvest.discovery import Selection
from harvest.run import Harvester
from tests.fake_opendata import FakeOpenData, Fault, bulk_questions
from tests.harvest.conftest import Sleeps, harvest, quick


def _file_id(question) -> str:
    tags = question.hit["metatags"]["metatag"]
    return next(t["value"] for t in tags if t["name"] == "document").split("id=")[1]


def test_every_fault_gives_its_reason_and_the_rest_arrives(fake, tmp_path):
    q = fake.questions
    fake.faults.update({
        ("detail", q[0].id): Fault("503", times=1),  # recovers on retry
        ("detail", q[1].id): Fault("429", times=1, retry_after="7"),  # recovers after 7 s
        ("detail", q[2].id): Fault("500"),
        ("detail", q[3].id): Fault("slow", delay=1.0),
        ("detail", q[4].id): Fault("reset"),
        ("file", _file_id(q[5])): Fault("truncate"),
        ("detail", q[6].id): Fault("html"),
        ("detail", q[7].id): Fault("xml"),
        ("file", _file_id(q[9])): Fault("zip"),
        ("search", "1"): Fault("503", times=1),
        ("file", _file_id(q[10])): Fault("reset", times=1),
    })
    # a missing field: no link to the answer anywhere
    detail = q[8].detail.get("result", q[8].detail)
    del detail["bestand-ordered"]
    q[8].hit["metatags"]["metatag"] = [t for t in q[8].hit["metatags"]["metatag"]
                                       if t["name"] != "document"]
    # a search result without an id
    broken = q[11]
    broken.hit = dict(broken.hit, id=None)
    # the same id on two result pages
    fake.duplicates.add(q[12].id)
    fake.questions.extend(_padding(fake, 100))
    sleeps = Sleeps()
    report = harvest(fake, tmp_path, sleeps=sleeps)

    reasons = dict(report.failed)
    for reason in [*reasons.values(), *dict(report.unsupported).values()]:
        assert "\n" not in reason and "Traceback" not in reason
    assert reasons[q[2].id] == f"detail {q[2].id}: HTTP 500 (gave up after 3 attempts)"
    assert "timed out" in reasons[q[3].id]
    assert "connection reset" in reasons[q[4].id]
    assert "truncated" in reasons[q[5].id]
    assert "HTML page" in reasons[q[6].id]
    assert "XML" in reasons[q[7].id]
    assert "missing field 'bestand-ordered'" in reasons[q[8].id]
    assert "not supported yet" in dict(report.unsupported)[q[9].id]
    assert any("missing field 'id'" in reason for reason in reasons.values())
    assert len(reasons) == 8
    # bounded: a question that always fails was asked retries + 1 times
    assert fake.requests("detail").count(q[2].id) == 3
    assert 7.0 in sleeps  # Retry-After honoured
    # everything else arrived whole, the duplicate once
    failed = set(reasons) | {q[9].id, broken.id}
    for question in fake.questions:
        if question.id in failed:
            assert not (tmp_path / question.session / f"{question.id}.pdf").exists()
            continue
        assert (tmp_path / question.session / f"{question.id}.pdf").read_bytes() == \
            question.file
    assert fake.requests("detail").count(q[12].id) == 1 and report.duplicates == 1
    # a rerun without the faults fetches exactly what failed
    fake.faults.clear()
    fake.clear_log()
    again = harvest(fake, tmp_path)
    assert sorted(fake.requests("detail")) == sorted(key for key in reasons if key.isdigit())
    assert sorted(key for key, _ in again.failed) == sorted(
        [q[8].id, *(key for key in reasons if key.startswith("search"))])


def _padding(fake, count):
    """Copies of one question under new ids, so the listing spans two pages."""
    import copy

    template = fake.questions[-3]
    extra = []
    for n in range(count):
        question = copy.deepcopy(template)
        question.id = str(9_000_000 + n)
        question.hit["id"] = f"http://be.vlp.feed/{question.id}"
        detail = question.detail.get("result", question.detail)
        detail["id"] = int(question.id)
        extra.append(question)
    fake.by_id.update((question.id, question) for question in extra)
    return extra


def test_a_range_over_the_result_limit_is_split_until_each_part_fits(tmp_path):
    questions = bulk_questions(10_001, "2023-2024", dt.date(2023, 10, 2))
    fake = FakeOpenData(questions).start()
    try:
        client = Client(quick(), sleep=Sleeps())
        report = Harvester(client, tmp_path, fake.url, clock=lambda: dt.datetime(
            2024, 9, 1, tzinfo=dt.UTC)).run(Selection(("2023-2024",)), dry_run=True)
        client.close()
    finally:
        fake.stop()
    planned = [line.rsplit("/", 1)[1] for line in report.planned if "/schv/" in line]
    assert len(planned) == len(set(planned)) == 10_001
    assert report.failed == [] and report.notes == []


def test_retry_after_beyond_the_limit_fails_the_item_without_waiting(fake, tmp_path):
    question = fake.questions[0]
    fake.faults[("detail", question.id)] = Fault("429", retry_after="86400")
    sleeps = Sleeps()
    report = harvest(fake, tmp_path, sleeps=sleeps,
                     politeness=Politeness(rate=1000, timeout=0.3, retries=2, backoff=0.01,
                                           retry_after_max=60))
    assert "Retry-After 86400" in dict(report.failed)[question.id]
    assert max(sleeps, default=0) < 60


def test_a_search_page_that_keeps_failing_is_named_and_later_pages_still_arrive(fake, tmp_path):
    fake.questions.extend(_padding(fake, 190))  # three pages for 2024-2025
    fake.faults[("search", "2")] = Fault("500")
    report = harvest(fake, tmp_path, sessions=("2024-2025",))
    assert [reason for _, reason in report.failed] == [
        "search '+inmeta:zittingsjaar=2024-2025' page 2: HTTP 500 (gave up after 3 attempts)"]
    assert report.new == 24 + 190 - 100
    assert "3" in fake.requests("search")


def test_a_second_harvest_into_the_same_folder_is_refused(fake, tmp_path):
    import pytest

    from harvest.store import HarvestBusyError, run_lock

    with run_lock(tmp_path), pytest.raises(HarvestBusyError, match="another vraagbaak harvest"):
        harvest(fake, tmp_path)
    assert harvest(fake, tmp_path).failed == []
