"""Issue 11's done-when check, by hand, on a fake archive of 5,000 questions with metadata.

Two ways to run it from the checkout (not collected by pytest: the fast tests check the
same rules on small corpora):

- `.venv/bin/python tests/check_following_archive.py` (about 30 s): 5,000 crafted
  records with metadata, indexed directly (tests/metadata_support.py).
- On a harvested archive, as a new user gets it (docs/following.md has the whole recipe):
  start the fake services (`python -m tests.fake_opendata --count 5000 ...`), run
  `vraagbaak harvest` and `vraagbaak index`, then
  `.venv/bin/python tests/check_following_archive.py --harvest DIR --index-dir IX
  --api URL --today YYYY-MM-DD`. The oracle is the sidecar JSON files, read here with
  `json` (not with Vraagbaak's reader), and working days counted with a holiday calendar
  listed here by hand. The last step asks the fake to answer one open question, harvests
  and indexes again, and checks that the question left /open and its feed gained an entry.

Checked: theme counts against the records, /open against the unanswered records in
waiting order, minister figures against a direct computation, and a question's feed
growing when its answer is indexed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import feedparser  # noqa: E402
from metadata_support import TODAY, make_records, write_records  # noqa: E402
from test_following import count_working_days  # noqa: E402

from search.service import SearchService  # noqa: E402
from web import create_app  # noqa: E402


def check_crafted(count: int = 5000) -> None:
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


# -- on a harvested archive ----------------------------------------------------------------

# Easter Sunday by year, from the calendar; the movable Belgian holidays follow from it.
EASTER = {2019: (4, 21), 2020: (4, 12), 2021: (4, 4), 2022: (4, 17), 2023: (4, 9),
          2024: (3, 31), 2025: (4, 20), 2026: (4, 5), 2027: (3, 28)}


def holidays(year: int) -> set[dt.date]:
    """Belgian public holidays and 11 July (Flemish Community), listed by hand."""
    easter = dt.date(year, *EASTER[year])
    fixed = [(1, 1), (5, 1), (7, 11), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)]
    return {dt.date(year, m, d) for m, d in fixed} | \
        {easter + dt.timedelta(days=n) for n in (1, 39, 50)}


HOLIDAYS = set().union(*(holidays(year) for year in EASTER))


def working_days(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`."""
    days, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        days += day.weekday() < 5 and day not in HOLIDAYS
    return days


@dataclass
class Fact:
    """One harvested question as its sidecar says, read with json only."""

    id: str
    minister: str
    asker: str
    title: str
    themes: list[str]
    asked: dt.date
    answered: dt.date | None
    on_time: bool | None
    has_pdf: bool

    @property
    def question(self) -> tuple:
        """The question a search hit stands for: a joint question (one sidecar and PDF per
        minister) is one hit when its documents say so; without a document, each record is
        its own hit."""
        return (self.asked, self.asker, self.title) if self.has_pdf else (self.id,)


def sidecar_facts(root: Path) -> list[Fact]:
    facts = []
    for path in sorted(root.glob("*/*.json")):
        data = json.loads(path.read_bytes())
        detail = data["opendata"]
        detail = detail["result"] if "result" in detail and "id" not in detail else detail
        tags: dict[str, list[str]] = {}
        for tag in data["search"]["metatags"]:
            tags.setdefault(tag["name"], []).append(tag["value"])
        tijdig = detail.get("tijdig")
        on_time = None if tijdig is None else tijdig in (True, "J")
        facts.append(Fact(
            path.stem, _person(detail["minister"]), _person(detail["vraagsteller"]),
            " ".join(detail["titel"].split()), list(detail["thema"]), _day(tags, "themadatum"),
            _day(tags, "statusdatumSchvBeantwoord"), on_time,
            path.with_suffix(".pdf").is_file()))
    return facts


def _day(tags: dict, name: str) -> dt.date | None:
    return dt.date.fromisoformat(tags[name][0][:10]) if name in tags else None


def _person(value: dict) -> str:
    return f"{value['voornaam']} {value['naam']}"


def slug_of(name: str) -> str:
    return "-".join(name.lower().split())


def all_open(client) -> tuple[list[dict], dict]:
    items, page = [], 1
    while True:
        data = client.get("/api/open", query_string={"page": page, "limit": 50}).get_json()
        items += data["items"]
        if page >= data["pages"]:
            return items, data
        page += 1


def check_harvested(root: Path, index_dir: Path, api: str, today: dt.date) -> None:
    facts = sidecar_facts(root)
    pdfs = sum(f.has_pdf for f in facts)
    print(f"harvest {root}: {len(facts)} sidecars, {pdfs} with their PDF, "
          f"{len(facts) - pdfs} alone (not answered yet)")
    service = SearchService(index_dir)
    client = create_app({"INDEX_DIR": index_dir, "TESTING": True, "CLOCK": lambda: today},
                        service=service).test_client()

    # themes: each theme filter narrows, to as many questions as the sidecars say
    everything = client.get("/api/search").get_json()
    facet = {v["value"]: v["count"] for v in everything["facets"]["theme"]}
    themes_of: dict[tuple, set[str]] = {}
    for fact in facts:  # a question has a theme when one of its ministers' records has it
        themes_of.setdefault(fact.question, set()).update(fact.themes)
    per_theme = Counter(theme for themes in themes_of.values() for theme in themes)
    assert set(facet) <= set(per_theme), set(facet) - set(per_theme)  # the facet's top values
    for theme, direct in sorted(per_theme.items()):
        total = client.get("/api/search", query_string={"theme": theme}).get_json()["total"]
        assert total == direct == facet.get(theme, direct) < everything["total"], \
            (theme, total, direct, facet.get(theme))
    print(f"themes: {len(per_theme)} themes, {len(facet)} in the facet; each filter's total "
          f"= the sidecars' count (= the facet's count), all under the "
          f"{everything['total']} questions; e.g. "
          + ", ".join(f"{t!r} {n}" for t, n in per_theme.most_common(3)))

    # /open: exactly the unanswered questions, the longest waiting first
    waiting = {f.id: f for f in facts if f.answered is None}
    items, data = all_open(client)
    assert sorted(i["parliament_id"] for i in items) == sorted(waiting)
    assert [i["asked"] for i in items] == sorted(f.asked.isoformat() for f in waiting.values())
    for item in items:
        assert item["working_days"] == working_days(waiting[item["parliament_id"]].asked, today)
    overdue = sum(working_days(f.asked, today) > 20 for f in waiting.values())
    assert data["overdue"] == overdue
    print(f"/open on {today}: {len(items)} listed = {len(waiting)} sidecars without an "
          f"answer, {data['overdue']} overdue = {overdue}; asked dates ascending, "
          f"working days equal to the hand count")

    # minister pages: figures as computed here from the sidecars
    busiest = Counter(f.minister for f in facts).most_common(2)
    for name, count in busiest:
        mine = [f for f in facts if f.minister == name]
        taken = [working_days(f.asked, f.answered) for f in mine if f.answered]
        timed = [f.on_time for f in mine if f.answered]
        share = round(timed.count(True) / len(timed), 4)
        median = statistics.median(taken)
        late_open = sum(f.answered is None and working_days(f.asked, today) > 20 for f in mine)
        profile = client.get(f"/api/ministers/{slug_of(name)}").get_json()
        assert profile["questions"] == count
        assert profile["answer_times"]["median_working_days"] == median
        assert profile["in_time_share"] == share
        assert profile["statuses"]["te-laat"] == late_open, profile["statuses"]
        html = client.get(f"/ministers/{slug_of(name)}").get_data(as_text=True)
        assert f'id="cijfer-mediaan">{median:g} werkdagen' in html
        print(f"{name}: questions {profile['questions']} = {count}, median "
              f"{profile['answer_times']['median_working_days']} = {median} working days, "
              f"in time {profile['in_time_share']} = {share}, overdue "
              f"{profile['statuses']['te-laat']} = {late_open}")

    # a question's feed gains an entry when its answer is harvested
    target = next(f for f in sorted(waiting.values(), key=lambda f: f.asked)
                  if sum(g.asked == f.asked for g in waiting.values()) == 1)
    (item,) = [i for i in items if i["parliament_id"] == target.id]
    url = f"/questions/{item['id']}/feed.atom"
    before = feedparser.parse(client.get(url).data)
    service.close()
    answered_on = today - dt.timedelta(days=1)
    request = urllib.request.Request(
        f"{api}/fake/answer?id={target.id}&date={answered_on.isoformat()}&tijdig=N",
        method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
    vraagbaak = str(Path(sys.executable).with_name("vraagbaak"))
    sessions = sorted({p.name for p in root.iterdir() if p.is_dir()})
    for command in (["harvest", *[a for s in sessions for a in ("--zittingsjaar", s)],
                     "--api", api, "--out", str(root), "--rate", "1000"],
                    ["index", str(root), "--index-dir", str(index_dir)]):
        done = subprocess.run([vraagbaak, *command], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        print(f"vraagbaak {command[0]}: {done.stdout.strip().splitlines()[-1]}")
    service = SearchService(index_dir)
    client = create_app({"INDEX_DIR": index_dir, "TESTING": True, "CLOCK": lambda: today},
                        service=service).test_client()
    after = feedparser.parse(client.get(url).data)
    assert not after.bozo and len(after.entries) == len(before.entries) + 1
    items_after, _ = all_open(client)
    assert len(items_after) == len(items) - 1
    assert item["id"] not in {i["id"] for i in items_after}
    shown = client.get(f"/api/questions/{item['id']}").get_json()
    print(f"feed of {item['id']} (question {target.id}): {len(before.entries)} -> "
          f"{len(after.entries)} entries, new {after.entries[-1].title!r} "
          f"{after.entries[-1].updated}; /open {len(items)} -> {len(items_after)}; "
          f"status {item['status']} -> {shown['timing']['status']}")
    service.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--harvest", type=Path, help="A harvested folder (vraagbaak harvest).")
    parser.add_argument("--index-dir", type=Path, help="Its index (vraagbaak index).")
    parser.add_argument("--api", help="The fake services that were harvested.")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
    args = parser.parse_args()
    if args.harvest is None:
        check_crafted()
    else:
        check_harvested(args.harvest, args.index_dir, args.api.rstrip("/"),
                        args.today or dt.date.today())


if __name__ == "__main__":
    main()
