"""Themes, status, open questions and profiles against direct counts from the records.

The index holds records made for an intended status (tests/metadata_support.py), so every
expected figure here comes from the records and their intent, not from the code under
test; answer times are recounted with a plain day-by-day loop over a holiday list written
out by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter

import pytest
from click.testing import CliRunner
from metadata_support import TODAY, make_records, write_records

from cli.main import cli
from index.documents.model import slug
from search.following import open_questions
from search.people import asker_profile, minister_profile
from search.results import SearchRequest

# Belgian public holidays and 11 July, 2022-2024, from the calendar (not from the code)
HOLIDAYS = {dt.date(*d) for d in [
    (2022, 1, 1), (2022, 4, 18), (2022, 5, 1), (2022, 5, 26), (2022, 6, 6), (2022, 7, 11),
    (2022, 7, 21), (2022, 8, 15), (2022, 11, 1), (2022, 11, 11), (2022, 12, 25),
    (2023, 1, 1), (2023, 4, 10), (2023, 5, 1), (2023, 5, 18), (2023, 5, 29), (2023, 7, 11),
    (2023, 7, 21), (2023, 8, 15), (2023, 11, 1), (2023, 11, 11), (2023, 12, 25),
    (2024, 1, 1), (2024, 4, 1), (2024, 5, 1), (2024, 5, 9), (2024, 5, 20), (2024, 7, 11),
    (2024, 7, 21), (2024, 8, 15), (2024, 11, 1), (2024, 11, 11), (2024, 12, 25)]}


def count_working_days(start: dt.date, end: dt.date) -> int:
    days, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in HOLIDAYS:
            days += 1
    return days


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    records, intent = make_records(500, seed=3)
    index_dir = tmp_path_factory.mktemp("follow-index")
    write_records(index_dir, records)
    return records, intent, index_dir


@pytest.fixture(scope="module")
def svc(corpus):
    from search.service import SearchService

    service = SearchService(corpus[2])
    yield service
    service.close()


def status_of(intent: str) -> str:
    return intent.removeprefix("geen-metadata-")


def questions_by(records, intent, keep) -> set[str]:
    """Question keys (group) of the records that `keep(record, status)` accepts."""
    return {r.group for r in records if keep(r, status_of(intent[r.id]))}


def search(svc, **options):
    return svc.search(SearchRequest(today=TODAY, limit=100, **options))


def test_theme_facet_counts_questions_with_each_theme(corpus, svc):
    records, intent, _ = corpus
    facet = {v.value: v.count for v in search(svc).facets["theme"]}
    expected = Counter(theme for group in {r.group: r for r in records}.values()
                       for theme in group.themes)
    assert facet == dict(expected.most_common(len(facet)))
    assert len(facet) == min(12, len(expected))


def test_a_joint_question_counts_under_a_theme_that_only_one_minister_has(tmp_path):
    """The parliament gives each minister's record its own themes; the facet counts the
    question once under each theme one of its records has, as the filter selects it."""
    records, _ = make_records(40, seed=11, joint_share=0.5)
    last_of = {r.group: r for r in records if r.joint}  # the second minister's record
    for record in last_of.values():
        record.themes = [*record.themes, "Alleen bij de tweede minister"]
    from search.service import SearchService

    write_records(tmp_path, records)
    service = SearchService(tmp_path)
    try:
        facet = {v.value: v.count for v in search(service).facets["theme"]}
        chosen = search(service, themes=["Alleen bij de tweede minister"])
        assert facet["Alleen bij de tweede minister"] == chosen.total == len(last_of) > 1
        expected = Counter(t for g in {r.group for r in records}
                           for t in {t for r in records if r.group == g for t in r.themes})
        assert facet == dict(expected.most_common(len(facet)))
    finally:
        service.close()


def test_theme_filter_narrows_to_questions_with_every_theme(corpus, svc):
    records, intent, _ = corpus
    one = search(svc, themes=["Welzijn"])
    assert one.total == len(questions_by(records, intent, lambda r, s: "Welzijn" in r.themes))
    both = search(svc, themes=["welzijn", "ECONOMIE"])  # case-insensitive
    assert both.total == len(questions_by(
        records, intent, lambda r, s: {"Welzijn", "Economie"} <= set(r.themes)))
    assert 0 < both.total < one.total
    for hit in search(svc, themes=["Welzijn"], q="kinderopvang").hits:
        assert "Welzijn" in hit.themes
    unknown = search(svc, themes=["Geen Thema"])
    assert unknown.total == 0 and any("Geen Thema" in n for n in unknown.notices)


def test_status_facet_and_filter_equal_the_intended_statuses(corpus, svc):
    records, intent, _ = corpus
    result = search(svc)
    facet = {v.value: v.count for v in result.facets["status"]}
    for status in ("beantwoord", "laattijdig", "open", "te-laat"):
        expected = questions_by(records, intent, lambda r, s, st=status: s == st)
        assert facet[status] == len(expected), status
        chosen = search(svc, statuses=[status])
        assert chosen.total == len(expected)
        for hit in chosen.hits:
            assert hit.status == status
            assert status_of(intent[hit.id]) == status
    overdue_or_late = search(svc, statuses=["te-laat", "laattijdig"])
    assert overdue_or_late.total == len(questions_by(
        records, intent, lambda r, s: s in ("te-laat", "laattijdig")))
    # the status facet is multi-select: counted without the status filter
    assert {v.value: v.count for v in overdue_or_late.facets["status"]} == facet


def test_json_contract_only_gains_keys(svc):
    data = search(svc, themes=["Cultuur"], statuses=["open"]).to_json()
    assert data["filters"]["theme"] == ["Cultuur"] and data["filters"]["status"] == ["open"]
    assert {"theme", "status", "minister", "keyword"} <= set(data["facets"])
    for hit in data["hits"]:
        assert "Cultuur" in hit["themes"] and hit["status"] == "open"
        assert isinstance(hit["working_days"], int)


def test_hits_without_metadata_have_no_days(corpus, svc):
    records, intent, _ = corpus
    bare = [r for r in records if intent[r.id].startswith("geen-metadata")]
    assert bare
    checked = 0
    for record in bare[:5]:
        hits = search(svc, q=f'"{record.question}"', asker=record.asker,
                      date_from=dt.date.fromisoformat(record.date),
                      date_to=dt.date.fromisoformat(record.date)).hits
        mine = [h for h in hits if h.group == record.group]
        assert mine, record.id
        assert mine[0].working_days is None
        assert mine[0].status == status_of(intent[mine[0].id])
        assert mine[0].themes == []
        checked += 1
    assert checked


def test_open_list_is_every_unanswered_record_longest_waiting_first(corpus, svc):
    records, intent, _ = corpus
    result = open_questions(svc, TODAY, limit=1000)
    expected = {r.id for r in records if status_of(intent[r.id]) in ("open", "te-laat")}
    assert {item.id for item in result.items} == expected
    assert result.total == len(expected)
    assert result.overdue == sum(intent[i] == "te-laat" for i in expected)
    waited_since = [item.asked or item.date for item in result.items]
    assert waited_since == sorted(waited_since)
    for item in result.items:
        if item.asked:
            assert item.working_days == count_working_days(
                dt.date.fromisoformat(item.asked), TODAY)
            assert (item.status == "te-laat") == (item.working_days > 20)
        else:
            assert item.working_days is None and item.status == "open"
    page2 = open_questions(svc, TODAY, limit=10, page=2)
    assert [i.id for i in page2.items] == [i.id for i in result.items[10:20]]


def test_open_list_filters_by_minister_and_theme(corpus, svc):
    records, intent, _ = corpus
    result = open_questions(svc, TODAY, ministers=["Somers", "Ben Weyts"],
                            themes=["Cultuur"], limit=1000)
    expected = {r.id for r in records if status_of(intent[r.id]) in ("open", "te-laat")
                and r.minister in ("Bart Somers", "Ben Weyts") and "Cultuur" in r.themes}
    assert expected and {i.id for i in result.items} == expected


def test_today_is_a_parameter(corpus, svc):
    records, intent, _ = corpus
    later = TODAY + dt.timedelta(days=60)
    now = open_questions(svc, TODAY, limit=1000)
    then = open_questions(svc, later, limit=1000)
    assert then.total == now.total  # nothing got answered
    metadata_open = sum(intent[i.id] == "open" for i in now.items)
    assert metadata_open and then.overdue == now.overdue + metadata_open


def test_minister_figures_equal_a_direct_computation(corpus, svc):
    records, intent, _ = corpus
    mine = [r for r in records if r.minister == "Hilde Crevits"]
    profile = minister_profile(svc, "hilde-crevits", TODAY)
    assert profile["name"] == "Hilde Crevits" and profile["questions"] == len(mine)
    taken = [count_working_days(dt.date.fromisoformat(r.asked),
                                dt.date.fromisoformat(r.answered))
             for r in mine if r.asked and r.answered]
    assert profile["answer_times"]["median_working_days"] == statistics.median(taken)
    assert sum(b["count"] for b in profile["answer_times"]["bins"]) == len(taken)
    timed = [intent[r.id] for r in mine if intent[r.id] in ("beantwoord", "laattijdig")]
    assert profile["in_time"] == timed.count("beantwoord")
    assert profile["in_time_share"] == round(timed.count("beantwoord") / len(timed), 4)
    assert profile["statuses"]["te-laat"] == sum(intent[r.id] == "te-laat" for r in mine)
    themes = Counter(t for r in mine for t in r.themes)
    shown = [(t["value"], t["count"]) for t in profile["themes"]]
    assert all(themes[name] == count for name, count in shown)
    assert [c for _, c in shown] == sorted(themes.values(), reverse=True)[:len(shown)]
    # one person, two portfolios, split where the portfolio changed (1 January 2023)
    periods = profile["portfolios"]
    assert len(periods) == 2
    assert periods[0]["to"] < "2023-01-01" <= periods[1]["from"]
    assert "ECONOMIE" in periods[0]["portfolio"] and "WELZIJN" in periods[1]["portfolio"]
    assert sum(p["questions"] for p in periods) == len(mine)


def test_asker_profile_counts_questions_ministers_and_themes(corpus, svc):
    records, intent, _ = corpus
    mine = [r for r in records if r.asker == "Stijn Bex"]
    profile = asker_profile(svc, slug("Stijn Bex"), TODAY)
    assert profile["questions"] == len({r.group for r in mine})
    assert {m["name"]: m["count"] for m in profile["ministers"]} == \
        dict(Counter(r.minister for r in mine))
    questions = {r.group: r for r in mine}.values()
    expected = Counter(t for r in questions for t in r.themes)
    assert {t["value"]: t["count"] for t in profile["themes"]} == \
        dict(expected.most_common(len(profile["themes"])))
    assert minister_profile(svc, "niemand", TODAY) is None


def run_cli(index_dir, *args):
    result = CliRunner().invoke(cli, [*args, "--index-dir", str(index_dir),
                                      "--today", TODAY.isoformat()])
    return result


def test_cli_open_and_search_filters(corpus):
    records, intent, index_dir = corpus
    result = run_cli(index_dir, "open", "--minister", "Demir", "--json", "--limit", "1000")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    expected = {r.id for r in records if r.minister == "Zuhal Demir"
                and status_of(intent[r.id]) in ("open", "te-laat")}
    assert {i["id"] for i in data["items"]} == expected and data["total"] == len(expected)
    text = run_cli(index_dir, "open", "--theme", "Energie", "--limit", "3")
    assert text.exit_code == 0 and "TE LAAT" in text.output
    found = run_cli(index_dir, "search", "--theme", "Energie", "--status", "te-laat", "--json")
    data = json.loads(found.output)
    assert data["total"] == len(questions_by(
        records, intent, lambda r, s: s == "te-laat" and "Energie" in r.themes))
    assert data["filters"]["theme"] == ["Energie"]
    bad = run_cli(index_dir, "search", "--status", "laat")
    assert bad.exit_code == 2 and "te-laat" in bad.output


def test_index_status_turns_on_the_last_day_of_the_term(tmp_path):
    """The status the index filters on (computed over whole columns) changes exactly where
    the hand count says: the term of a question asked 20 December 2023 ends 19 January."""
    from index.documents.model import Record
    from search.service import SearchService

    def record(number, answered=None):
        return Record(id=f"2023-12-20-a-b-{number}", number=number, date="2023-12-20",
                      asker="X Y", minister="A B", portfolio="", title=f"vraag {number}",
                      question="tekst", answer="antwoord" if answered else "",
                      answer_kind="answer" if answered else "none", asked="2023-12-20",
                      answered=answered)

    write_records(tmp_path, [record(1), record(2, "2024-01-19"), record(3, "2024-01-22")])
    service = SearchService(tmp_path)
    try:
        def statuses(today):
            hits = service.search(SearchRequest(today=today, sort="oldest")).hits
            return {hit.number: hit.status for hit in hits}, {
                v.value: v.count for v in service.search(
                    SearchRequest(today=today)).facets["status"]}

        assert statuses(dt.date(2024, 1, 19)) == (
            {1: "open", 2: "beantwoord", 3: "laattijdig"},
            {"beantwoord": 1, "laattijdig": 1, "open": 1})
        assert statuses(dt.date(2024, 1, 22))[1] == \
            {"beantwoord": 1, "laattijdig": 1, "te-laat": 1}
        assert open_questions(service, dt.date(2024, 1, 22)).overdue == 1
        assert open_questions(service, dt.date(2024, 1, 19)).overdue == 0
    finally:
        service.close()
