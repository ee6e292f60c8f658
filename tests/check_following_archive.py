"""Issue 11's done-when check, by hand: a fake archive of 5,000 questions with metadata.

Run from the checkout: `.venv/bin/python tests/check_following_archive.py` (about 30 s;
not collected by pytest: the fast tests check the same rules on smaller corpora).
Theme counts against the records, /open against the unanswered records in waiting order
(days recounted with a hand-listed holiday calendar), minister figures against a direct
computation, and a question's feed growing when its answer is indexed.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import feedparser  # noqa: E402
from metadata_support import TODAY, make_records, write_records  # noqa: E402
from test_following import count_working_days  # noqa: E402

from search.service import SearchService  # noqa: E402
from web import create_app  # noqa: E402


def main(count: int = 5000) -> None:
    records, intent = make_records(count, seed=7)
    index_dir = tempfile.mkdtemp()
    started = time.time()
    write_records(index_dir, records)
    print(f"indexed {len(records)} records of {count} questions "
          f"in {time.time() - started:.1f} s")
    service = SearchService(index_dir)
    client = create_app({"INDEX_DIR": index_dir, "TESTING": True, "CLOCK": lambda: TODAY},
                      service=service).test_client()

    def status(record_id: str) -> str:
        return intent[record_id].removeprefix("geen-metadata-")

    groups = {r.group: r for r in records}
    facet = {v["value"]: v["count"]
             for v in client.get("/api/search").get_json()["facets"]["theme"]}
    for theme in sorted({t for r in records for t in r.themes}):
        total = client.get("/api/search", query_string={"theme": theme}).get_json()["total"]
        direct = sum(theme in r.themes for r in groups.values())
        assert total == direct == facet[theme], (theme, total, direct)
        print(f"theme {theme!r}: api {total} = records {direct} = facet {facet[theme]}")

    items, page = [], 1
    while True:
        data = client.get("/api/open", query_string={"page": page, "limit": 50}).get_json()
        items += data["items"]
        if page >= data["pages"]:
            break
        page += 1
    expected = [r for r in records if status(r.id) in ("open", "te-laat")]
    assert {i["id"] for i in items} == {r.id for r in expected}
    assert len(items) == len(expected)
    since = [i["asked"] or i["date"] for i in items]
    assert since == sorted(since)
    for item in items:
        if item["asked"]:
            assert item["working_days"] == count_working_days(
                dt.date.fromisoformat(item["asked"]), TODAY)
    overdue = sum(intent[r.id] == "te-laat" for r in expected)
    assert data["overdue"] == overdue
    print(f"/open: {len(items)} listed = {len(expected)} unanswered records, "
          f"{data['overdue']} overdue = {overdue}, longest waiting first")

    for name in ("Hilde Crevits", "Zuhal Demir"):
        slug = name.lower().replace(" ", "-")
        profile = client.get(f"/api/ministers/{slug}").get_json()
        mine = [r for r in records if r.minister == name]
        taken = [count_working_days(dt.date.fromisoformat(r.asked),
                                    dt.date.fromisoformat(r.answered))
                 for r in mine if r.asked and r.answered]
        timed = [intent[r.id] for r in mine if intent[r.id] in ("beantwoord", "laattijdig")]
        share = round(timed.count("beantwoord") / len(timed), 4)
        median = statistics.median(taken)
        assert profile["questions"] == len(mine)
        assert profile["answer_times"]["median_working_days"] == median
        assert profile["in_time_share"] == share
        html = client.get(f"/ministers/{slug}").get_data(as_text=True)
        assert f'id="cijfer-mediaan">{median:g} werkdagen' in html
        print(f"{name}: questions {profile['questions']} = {len(mine)}, median "
              f"{profile['answer_times']['median_working_days']} = {median}, in time "
              f"{profile['in_time_share']} = {share}, portfolios {len(profile['portfolios'])}")

    target = next(r for r in expected if intent[r.id] == "te-laat" and not r.joint)
    url = f"/questions/{target.id}/feed.atom"
    before = feedparser.parse(client.get(url).data)
    target.answer, target.answer_kind = "Het antwoord.", "answer"
    target.answered, target.on_time = "2024-06-13", False
    write_records(index_dir, [target])
    service.refresh()
    after = feedparser.parse(client.get(url).data)
    assert len(after.entries) == len(before.entries) + 1 and not after.bozo
    print(f"feed of {target.id}: {len(before.entries)} -> {len(after.entries)} entries, "
          f"last {after.entries[-1].title!r} {after.entries[-1].updated}")
    service.close()


if __name__ == "__main__":
    main()
