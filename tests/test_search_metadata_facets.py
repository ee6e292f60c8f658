"""The theme, keyword and status facets, and the theme and status filters, over a dozen
hand-written records with official metadata (a sidecar beside each file, as `vraagbaak
harvest` leaves it: themes, the dates asked and answered, the in-time flag) indexed in two
commits (two segments). Fast enough to run once per mutant (`make mutation`).

Oracles: each record's themes are the ones written in its sidecar here, its status the
one written beside its dates (worked out by hand from the 20-working-day term); its
keywords are
the made-up words written into its answer (words no Dutch word list knows, so each is
salient; every other word is shorter than four letters or a common one). The keyword
facet's order is checked against the documented rule, computed here from those written
words: a word's share in the results against its share in the collection.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter

import pytest
from crafted import Doc, checked_search, service_fixtures

from index.documents.dates import format_dutch_date

# selection tags (three letters: never a keyword) and made-up keywords per record
WRITTEN = {
    # number: (tags, keywords, themes)
    1: ("kox zed", "grofnik kwarbel plorix zilmoor", ["Dierenwelzijn", "Zee en kust"]),
    2: ("kox zed", "grofnik plorix zilmoor", ["Zee en kust", "Havens"]),
    3: ("kox zed", "plorix vexlor zilmoor", ["Zee en kust"]),
    4: ("zed", "kwarbel plorix vexlor zilmoor", ["Économie", "Havens"]),
    5: ("zed", "kwarbel plorix zilmoor", ["Havens"]),
    6: ("zed", "kwarbel plorix zilmoor dravun snetkop mulzag tribon wexal",
        ["Dierenwelzijn"]),
    7: ("", "plorix zilmoor ruspen glaver hozmik pelvat quorin jasvel", ["Zee en kust"]),
    8: ("", "plorix zilmoor brimtok fazmol kribbit lomvaart nuxtel orrimp", []),
    9: ("vuq", "kwarbel plorix", ["Economie en werk", "Onderwijs", "Cultuur", "Jeugd",
                                  "Sport", "Media", "Welzijn", "Wonen", "Energie",
                                  "Mobiliteit", "Landbouw", "Toerisme", "Erfgoed"]),
    10: ("vuq", "plorix", ["Zee en kust"]),
    11: ("vuq nul", "", ["Dierenwelzijn"]),  # 11 and 12: questions without an answer
    12: ("vuq nul", "", []),
}
UNANSWERED = {11, 12}
# official dates (asked = the question's own date) and in-time flag, with the status each
# record has on LATE (1 December 2023) and on EARLY (20 January 2023), worked out by hand
LATE, EARLY = dt.date(2023, 12, 1), dt.date(2023, 1, 20)
OFFICIAL = {
    # number: (answered, tijdig, status on LATE, status on EARLY)
    1: ("2023-01-05", None, "beantwoord", "beantwoord"),  # four days after asking
    2: ("2023-06-01", None, "laattijdig", "laattijdig"),  # five months after
    3: ("2023-01-04", "N", "laattijdig", "laattijdig"),   # the next day, but flagged late
    4: ("2023-06-01", "J", "beantwoord", "beantwoord"),   # months later, flagged in time
    11: (None, None, "te-laat", "open"),                  # asked 11 January, no answer
}
# no official dates: the text decides (an answer, or none: then open, whatever the day)
STATUS = {n: {LATE: OFFICIAL[n][2], EARLY: OFFICIAL[n][3]} if n in OFFICIAL else
          {LATE: "open", EARLY: "open"} if n in UNANSWERED else
          {LATE: "beantwoord", EARLY: "beantwoord"} for n in WRITTEN}
# Minister Baert (the even numbers) changes portfolio after record 4
PORTFOLIO = {n: "VLAAMS MINISTER VAN WELZIJN" if n % 2 == 0 and n > 4 else
             "VLAAMS MINISTER VAN ONDERWIJS" for n in WRITTEN}
DOCS = [Doc(n, minister=f"Minister {'Aerts' if n % 2 else 'Baert'}",
            date=dt.date(2023, 1, n), title="Vraag", portfolio=PORTFOLIO[n],
            question=f"Wat met {tags}?" if tags else "Wat nu?",
            answer=f"{words}." if words else "Nee.")
        for n, (tags, words, _themes) in WRITTEN.items()]
FIRST, SECOND = DOCS[:6], DOCS[6:]
THEMES = {n: themes for n, (_t, _w, themes) in WRITTEN.items()}
KEYWORDS = {n: set(words.split()) for n, (_t, words, _th) in WRITTEN.items()}
TAGGED = {tag: {n for n, (tags, _w, _th) in WRITTEN.items() if tag in tags.split()}
          for tag in ("kox", "zed", "vuq", "nul")}
ALL = set(WRITTEN)


def text_of(doc: Doc) -> str:
    if doc.number not in UNANSWERED:
        return doc.text()
    return (f"SCHRIFTELIJKE VRAAG nr. {doc.number} van {doc.asker.upper()} datum: "
            f"{format_dutch_date(doc.date)} {doc.minister.upper()} {doc.portfolio}\n\n"
            f"{doc.title}\n\n{doc.question}\n")


def sidecar(doc: Doc) -> dict:
    data: dict = {"thema": THEMES[doc.number]} if THEMES[doc.number] else {}
    if doc.number in OFFICIAL:
        answered, tijdig = OFFICIAL[doc.number][:2]
        data["datum"] = doc.date.isoformat()
        if answered:
            data["procedureverloop"] = {"procedurestap": [
                {"status": "Gesteld", "datum": doc.date.isoformat()},
                {"status": "Beantwoord", "datum": answered}]}
        if tijdig:
            data["tijdig"] = tijdig
    return data


def write_with_sidecars(folder, docs):
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (folder / f"vraag-{doc.number}.txt").write_text(text_of(doc), encoding="utf-8")
        if sidecar(doc):
            (folder / f"vraag-{doc.number}.json").write_text(json.dumps(sidecar(doc)),
                                                             encoding="utf-8")
    return folder


crafted_index, service = service_fixtures("themes-keywords", FIRST, SECOND,
                                          write=write_with_sidecars)


search = checked_search


def numbers(result) -> set[int]:
    return {hit.number for hit in result.hits}


# -- keywords ---------------------------------------------------------------------------

def keyword_scores(results: set[int]) -> dict[str, tuple[int, float]]:
    """(count, rank score) per keyword of the results, by the documented rule: how much
    more often a word occurs in the results than in the whole collection (count times the
    log of the ratio of shares, never below zero); plain counts when the results are half
    the collection or more, or when no word is more frequent in them."""
    total = len(WRITTEN)
    everywhere = Counter(w for n in WRITTEN for w in KEYWORDS[n])
    here = Counter(w for n in results for w in KEYWORDS[n])
    lift = {w: c * math.log(max((c / len(results)) / (everywhere[w] / total), 1.0))
            for w, c in here.items()}
    if 2 * len(results) >= total or not any(lift.values()):
        lift = {w: float(c) for w, c in here.items()}
    return {w: (here[w], lift[w]) for w in here}


def check_keywords(result, results: set[int]) -> list[str]:
    expected = keyword_scores(results)
    listed = [(v.value, v.count) for v in result.facets["keyword"]]
    words = [w for w, _ in listed]
    assert len(words) == min(15, len(expected)) == len(set(words))
    assert all(expected[w][0] == count for w, count in listed), (listed, expected)
    scores = [expected[w][1] for w in words]
    assert scores == sorted(scores, reverse=True), listed
    left_out = [s for w, (_c, s) in expected.items() if w not in words]
    assert all(s <= scores[-1] for s in left_out)
    return words


def test_a_keyword_typical_of_the_results_ranks_above_one_found_everywhere(service):
    # kox: records 1-3 of 12; grofnik is in 2 of them and nowhere else, plorix in all
    # three but also in 10 of the 12 records: grofnik first though plorix counts more
    result = search(service, "kox")
    assert numbers(result) == TAGGED["kox"] == {1, 2, 3}
    words = check_keywords(result, TAGGED["kox"])
    assert words[0] == "grofnik" and words.index("zilmoor") < words.index("plorix")
    # zilmoor (3 of the 3, 8 of the 12) outweighs vexlor (1 of 3, 2 of 12): the count
    # weighs as well as the share
    assert words.index("zilmoor") < words.index("vexlor")
    assert dict((v.value, v.count) for v in result.facets["keyword"])["plorix"] == 3


def test_results_half_the_collection_or_more_list_keywords_by_count(service):
    # zed: records 1-6, exactly half of the 12; plorix and zilmoor (in all six) first
    result = search(service, "zed")
    assert numbers(result) == TAGGED["zed"] and 2 * len(TAGGED["zed"]) == len(WRITTEN)
    words = check_keywords(result, TAGGED["zed"])
    assert set(words[:2]) == {"plorix", "zilmoor"}
    assert words.index("kwarbel") < words.index("grofnik")


def test_results_where_no_keyword_stands_out_list_keywords_by_count(service):
    # vuq: records 9 to 12 (11 and 12 have no keywords); plorix (in 2 of the 4, and in 10
    # of the 12 records) and kwarbel (1 of 4; 5 of 12) are no more frequent here than in
    # the collection: plain counts, plorix first
    result = search(service, "vuq")
    assert numbers(result) == TAGGED["vuq"]
    assert check_keywords(result, TAGGED["vuq"]) == ["plorix", "kwarbel"]


def test_the_keyword_facet_lists_at_most_fifteen_the_strongest_first(service):
    everywhere = {w for n in WRITTEN for w in KEYWORDS[n]}
    assert len(everywhere) > 15
    check_keywords(search(service, ""), ALL)


def test_results_without_keywords_have_an_empty_keyword_facet(service):
    result = search(service, "nul")
    assert numbers(result) == TAGGED["nul"]
    assert result.facets["keyword"] == []
    assert search(service, "qqqzz").facets["keyword"] == []


# -- themes -----------------------------------------------------------------------------

def having_theme(*themes: str) -> set[int]:
    return {n for n, written in THEMES.items() if set(themes) <= set(written)}


def theme_counts(results: set[int]) -> Counter:
    return Counter(t for n in results for t in THEMES[n])


@pytest.mark.parametrize("q", ["", "kox", "zed", "vuq", "nul"])
def test_the_theme_facet_counts_the_themes_of_the_results(service, q):
    result = search(service, q)
    counts = theme_counts(numbers(result))
    listed = [(v.value, v.count) for v in result.facets["theme"]]
    assert len(listed) == min(12, len(counts))
    assert all(counts[t] == c for t, c in listed), listed
    assert [c for _, c in listed] == sorted((c for _, c in listed), reverse=True)
    assert not any(v.selected for v in result.facets["theme"])
    beyond = [c for t, c in counts.items() if t not in dict(listed)]
    assert all(c <= listed[-1][1] for c in beyond)


def test_the_theme_facet_of_results_without_themes_is_empty(service):
    result = search(service, "", date_from=dt.date(2023, 1, 12))
    assert numbers(result) == {12} and THEMES[12] == []
    assert result.facets["theme"] == []


@pytest.mark.parametrize("chosen, theme", [
    (["zee en kust"], "Zee en kust"),
    (["HAVENS"], "Havens"),
    (["economie"], "Économie"),  # accents and case do not matter
    (["Economie en werk"], "Economie en werk"),
])
def test_a_chosen_theme_filters_the_results_and_is_ticked(service, chosen, theme):
    result = search(service, "", themes=chosen)
    assert numbers(result) == having_theme(theme)
    ticked = [(v.value, v.count) for v in result.facets["theme"] if v.selected]
    assert ticked == [(theme, len(having_theme(theme)))]
    assert result.notices == []


def test_every_chosen_theme_is_required(service):
    result = search(service, "", themes=["Zee en kust", "Havens"])
    assert numbers(result) == having_theme("Zee en kust", "Havens") == {2}
    assert {v.value for v in result.facets["theme"] if v.selected} == {"Zee en kust", "Havens"}


def test_an_unknown_theme_finds_nothing_and_says_so(service):
    result = search(service, "", themes=["Ruimtevaart"])
    assert result.hits == []
    assert result.notices == ["Geen vraag met het thema 'Ruimtevaart'."]
    assert result.facets["theme"] == []


def test_a_chosen_theme_beyond_the_top_twelve_is_listed_and_ticked(service):
    # record 9 alone: thirteen themes, one question each; twelve are listed
    day = dt.date(2023, 1, 9)
    plain = search(service, "", date_from=day, date_to=day)
    assert numbers(plain) == {9} and len(THEMES[9]) == 13
    shown = [(v.value, v.count, v.selected) for v in plain.facets["theme"]]
    assert len(shown) == 12 and all(c == 1 and not s for _t, c, s in shown)
    (left_out,) = set(THEMES[9]) - {t for t, _c, _s in shown}
    chosen = search(service, "", date_from=day, date_to=day, themes=[left_out.upper()])
    assert numbers(chosen) == {9}
    listed = [(v.value, v.count, v.selected) for v in chosen.facets["theme"]]
    assert listed == shown + [(left_out, 1, True)]


# -- statuses ---------------------------------------------------------------------------

def test_the_records_read_as_written(service):
    result = search(service, "", today=LATE)
    assert numbers(result) == ALL
    assert {h.number: h.status for h in result.hits} == {n: STATUS[n][LATE] for n in ALL}


@pytest.mark.parametrize("today", [LATE, EARLY])
@pytest.mark.parametrize("q", ["", "kox", "zed", "vuq"])
def test_the_status_facet_counts_each_status_of_the_results(service, q, today):
    result = search(service, q, today=today)
    expected = Counter(STATUS[n][today] for n in numbers(result))
    assert {v.value: v.count for v in result.facets["status"]} == expected


@pytest.mark.parametrize("chosen", [["laattijdig"], ["te-laat"], ["open", "te-laat"],
                                    ["beantwoord", "laattijdig"]])
def test_the_status_filter_keeps_the_chosen_statuses_and_counts_the_others(service, chosen):
    result = search(service, "", today=LATE, statuses=chosen)
    assert numbers(result) == {n for n in ALL if STATUS[n][LATE] in chosen}
    # the status facet is counted without its own filter: a user can add another
    facet = {v.value: (v.count, v.selected) for v in result.facets["status"]}
    assert facet == {s: (c, s in chosen) for s, c in
                     Counter(STATUS[n][LATE] for n in ALL).items()}


def test_an_unanswered_question_is_open_until_its_term_passes(service):
    assert numbers(search(service, "", today=EARLY, statuses=["open"])) == UNANSWERED
    assert numbers(search(service, "", today=LATE, statuses=["open"])) == {12}
    assert numbers(search(service, "", today=LATE, statuses=["te-laat"])) == {11}


# -- the minister's profile: portfolios by period ----------------------------------------

def test_a_ministers_portfolios_are_listed_by_period(service):
    from search.people import minister_profile
    from search.service import SearchService

    # a service of its own: its columns are read in this test (mutmut then knows that this
    # test reads the portfolio column, which the shared service read once, earlier)
    fresh = SearchService(service.index_dir)
    try:
        profile = minister_profile(fresh, "minister-baert", LATE)
    finally:
        fresh.close()
    mine = sorted((d for d in DOCS if d.minister == "Minister Baert"), key=lambda d: d.date)
    periods = {}
    for doc in mine:
        periods.setdefault(doc.portfolio, []).append(doc.date.isoformat())
    assert profile["portfolios"] == [
        {"portfolio": name, "from": dates[0], "to": dates[-1], "questions": len(dates)}
        for name, dates in periods.items()]
    assert len(periods) == 2 and profile["questions"] == len(mine)


# -- the columns follow the index: a new commit, a removed file -------------------------

def test_facets_and_filters_follow_a_new_commit_and_a_removed_file(tmp_path):
    from index.indexing.writer import index_paths
    from search.service import SearchService

    folder = write_with_sidecars(tmp_path / "docs", DOCS[:3])
    index_paths([folder], tmp_path / "index", workers=1)
    service = SearchService(tmp_path / "index")
    try:
        def check(present: set[int]):
            service.refresh()  # as after a commit (else it looks again after an interval)
            result = search(service, "", today=LATE)
            assert numbers(result) == present
            docs = [d for d in DOCS if d.number in present]
            assert {v.value: v.count for v in result.facets["minister"]} == \
                Counter(d.minister for d in docs)
            assert {v.value: v.count for v in result.facets["theme"]} == \
                theme_counts(present)
            assert {v.value: v.count for v in result.facets["keyword"]} == \
                Counter(w for n in present for w in KEYWORDS[n])
            assert {v.value: v.count for v in result.facets["status"]} == \
                Counter(STATUS[n][LATE] for n in present)
            for word in ("grofnik", "vexlor", "kwarbel"):
                assert numbers(search(service, word)) == \
                    {n for n in present if word in KEYWORDS[n]}

        check({1, 2, 3})
        write_with_sidecars(folder, DOCS[3:5])  # a second segment: 4 and 5
        index_paths([folder], tmp_path / "index", workers=1)
        check({1, 2, 3, 4, 5})
        for gone in (1, 4):  # deleted from the first segment and from the second
            (folder / f"vraag-{gone}.txt").unlink()
            (folder / f"vraag-{gone}.json").unlink()
        index_paths([folder], tmp_path / "index", prune=True, workers=1)
        check({2, 3, 5})
        write_with_sidecars(folder, DOCS[10:11])  # and a third segment after the deletion
        index_paths([folder], tmp_path / "index", workers=1)
        check({2, 3, 5, 11})
    finally:
        service.close()


# -- a joint question: one question, a record per minister ------------------------------

JOINT = "Deze vraag werd gesteld aan minister Jan Aerts (21) en minister Piet Baert (22)."


def test_a_joint_question_counts_once_and_once_for_each_of_its_ministers(tmp_path):
    from crafted import build_index

    from search.service import SearchService

    question = f"Hoeveel kox zijn er? {JOINT}"
    docs = [Doc(21, "Jan Aerts", date=dt.date(2023, 2, 1), title="Vraag - Kox",
                question=question, answer="Er zijn er drie."),
            Doc(22, "Piet Baert", date=dt.date(2023, 2, 1), title="Vraag - Kox",
                question=question, answer="Zie het antwoord van minister Aerts."),
            Doc(23, "Jan Aerts", asker="Tom Claes", date=dt.date(2024, 3, 1),
                title="Vraag - Vuq", question="Wat met vuq?", answer="Niets.")]
    service = SearchService(build_index(tmp_path / "docs", tmp_path / "index", docs))
    try:
        result = search(service, "")
        # two questions: the joint one (21 and 22, one hit) and 23
        assert result.total == 2 and len(result.hits) == 2
        joint = next(h for h in result.hits if {r.number for r in h.records} == {21, 22})
        assert sorted(joint.ministers) == ["Jan Aerts", "Piet Baert"]
        facets = {name: {v.value: v.count for v in values}
                  for name, values in result.facets.items()}
        assert facets["minister"] == {"Jan Aerts": 2, "Piet Baert": 1}
        assert facets["asker"] == {"Els Peeters": 1, "Tom Claes": 1}
        assert facets["year"] == {"2023": 1, "2024": 1}
        assert facets["month"] == {"2023-02": 1, "2024-03": 1}
        assert sum(facets["status"].values()) == 2
        only = search(service, "", ministers=["Baert"])
        assert only.total == 1 and {r.number for h in only.hits for r in h.records} >= {22}
        assert search(service, "kox").total == 1
    finally:
        service.close()


# -- an empty index ---------------------------------------------------------------------

def test_an_index_without_documents_finds_nothing_and_counts_nothing(tmp_path):
    from index.indexing.writer import index_paths
    from search.service import SearchService

    (tmp_path / "docs").mkdir()
    index_paths([tmp_path / "docs"], tmp_path / "index", workers=1)
    service = SearchService(tmp_path / "index")
    try:
        for q in ("", "walvis"):
            result = search(service, q)
            assert result.total == 0 and result.hits == []
            assert all(values == [] for values in result.facets.values()), result.facets
    finally:
        service.close()
