"""Search results checked against oracles computed directly from the indexed records."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import subprocess
import sys
import unicodedata
from collections import Counter

from search.results import SearchRequest


def norm(text: str) -> str:
    """Independent normalisation: strip accents, lowercase, keep letters, digits, apostrophes."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("’", "'")
    return " " + " ".join(re.sub(r"[^\w']|_", " ", text).split()) + " "


def oracle_phrase(records, phrase: str) -> list:
    """Records whose title, question or answer contains the phrase as whole words."""
    needle = norm(phrase)
    return [r for r in records
            if any(needle in norm(getattr(r, f)) for f in ("title", "question", "answer"))]


def all_hits(service, **kwargs):
    hits, page = [], 1
    while True:
        result = service.search(SearchRequest(limit=100, page=page, **kwargs))
        assert result.error is None, result.error
        hits.extend(result.hits)
        if page >= result.pages:
            return result, hits
        page += 1


def sample_phrases(records, count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    phrases = []
    while len(phrases) < count:
        record = rng.choice(records)
        words = re.findall(r"[^\W\d_]+", getattr(record, rng.choice(["question", "answer"])))
        if len(words) < 6:
            continue
        n = rng.choice([2, 3, 4])
        start = rng.randrange(len(words) - n)
        phrases.append(" ".join(words[start:start + n]))
    return phrases


def test_exact_phrases_find_exactly_the_records_that_contain_them(service, indexed_records):
    phrases = sample_phrases(indexed_records, 40)
    phrases += ["op de hoogte", "lokale sociale economie", "sociale economie",
                "werkings- en projectsubsidies", "Vlaamse Regering"]
    for phrase in phrases:
        expected = oracle_phrase(indexed_records, phrase)
        result, hits = all_hits(service, q=f'"{phrase}"')
        assert result.records == len(expected), phrase
        assert {h.group for h in hits} == {r.group for r in expected}, phrase
        assert result.total == len({r.group for r in expected}), phrase


def test_phrase_is_accent_and_case_insensitive_but_not_stemmed(service, indexed_records):
    plain = service.search(SearchRequest(q='"gecoordineerd antwoord"'))
    accented = service.search(SearchRequest(q='"GECOÖRDINEERD Antwoord"'))
    assert plain.total == accented.total > 0
    singular = service.search(SearchRequest(q='"lokaal bestuur"')).records
    plural = service.search(SearchRequest(q='"lokale besturen"')).records
    assert singular == len(oracle_phrase(indexed_records, "lokaal bestuur"))
    assert plural == len(oracle_phrase(indexed_records, "lokale besturen"))
    assert singular != plural


def test_plain_words_match_all_inflections(service, indexed_records):
    singular = service.search(SearchRequest(q="lokaal bestuur"))
    plural = service.search(SearchRequest(q="lokale besturen"))
    assert singular.records == plural.records > 0
    either = {r.id for r in indexed_records
              if re.search(r"\blokaa?le?\b", norm(r.title + r.question + r.answer))
              and re.search(r"\bbesture?n?\b", norm(r.title + r.question + r.answer))}
    assert singular.records >= len(either)


def test_all_words_required_or_and_not(service, indexed_records):
    """AND, OR, NOT and grouping over quoted words, against sets computed from the records
    with the independent phrase oracle."""
    def groups(records):
        return {r.group for r in records}

    a = groups(oracle_phrase(indexed_records, "kinderopvang"))
    b = groups(oracle_phrase(indexed_records, "leerlingen"))
    c = groups(oracle_phrase(indexed_records, "subsidie"))
    assert a and b and a & b and a - b and c & (a | b)  # every case below has something

    def found(q):
        return {h.group for h in all_hits(service, q=q)[1]}

    # a record holds the word or not; a question is in a set when one of its records is
    def by_record(keep):
        return {r.group for r in indexed_records if keep(norm_fields(r))}

    both = by_record(lambda t: " kinderopvang " in t and " leerlingen " in t)
    assert found('"kinderopvang" "leerlingen"') == both
    assert found('"kinderopvang" AND "leerlingen"') == both
    assert found('"kinderopvang" OR "leerlingen"') == a | b
    without = by_record(lambda t: " kinderopvang " in t and " leerlingen " not in t)
    assert found('"kinderopvang" -"leerlingen"') == without
    assert found('"kinderopvang" NOT "leerlingen"') == without
    grouped = by_record(lambda t: (" kinderopvang " in t or " leerlingen " in t)
                        and " subsidie " not in t)
    assert found('("kinderopvang" OR "leerlingen") -"subsidie"') == grouped


def norm_fields(record) -> str:
    return norm(record.title) + norm(record.question) + norm(record.answer)


def test_minister_filter_matches_last_name_case_and_accents(service, indexed_records):
    minister = Counter(r.minister for r in indexed_records).most_common(1)[0][0]
    last = minister.split()[-1]
    counts = {service.search(SearchRequest(ministers=[name])).records
              for name in (minister, last, last.upper(), last.lower())}
    assert counts == {sum(r.minister == minister for r in indexed_records)}


def test_seed_question_to_somers_about_sociale_economie(service):
    result = service.search(SearchRequest(q="sociale economie", ministers=["Somers"]))
    ids = {hit.id for hit in result.hits}
    assert "2020-09-25-bart-somers-378" in ids
    hit = next(h for h in result.hits if h.id == "2020-09-25-bart-somers-378")
    assert hit.ministers == ["Hilde Crevits", "Bart Somers"]
    assert "<mark>" in hit.snippet


def test_facets_equal_counts_computed_from_the_records(service, indexed_records):
    word = "kinderopvang"
    result = service.search(SearchRequest(q=f'"{word}"'))
    matched = oracle_phrase(indexed_records, word)
    assert result.records == len(matched)
    per_minister = Counter(r.minister for r in matched)
    shown = {v.value: v.count for v in result.facets["minister"]}
    assert all(per_minister[name] == count for name, count in shown.items())
    hidden = [count for name, count in per_minister.items() if name not in shown]
    assert not hidden or max(hidden) <= min(shown.values())
    questions = {r.group: r for r in matched}.values()
    assert {v.value: v.count for v in result.facets["year"]} == \
        dict(Counter(r.date[:4] for r in questions))
    assert {v.value: v.count for v in result.facets["month"]} == \
        dict(Counter(r.date[:7] for r in questions))
    top_askers = Counter(r.asker for r in questions)
    for value in result.facets["asker"]:
        assert top_askers[value.value] == value.count
    assert sum(v.count for v in result.facets["session"]) == result.total


def test_date_filters(service, indexed_records):
    start, end = dt.date(2021, 1, 1), dt.date(2021, 12, 31)
    result, hits = all_hits(service, date_from=start, date_to=end, sort="newest")
    expected = {r.group for r in indexed_records if "2021-01-01" <= r.date <= "2021-12-31"}
    assert result.total == len(expected) > 0
    assert {h.group for h in hits} == expected
    assert [h.date for h in hits] == sorted((h.date for h in hits), reverse=True)


def test_joint_questions_collapse_to_one_hit_listing_all_ministers(service, indexed_records):
    groups: dict[str, list] = {}
    for record in indexed_records:
        if record.joint:
            groups.setdefault(record.group, []).append(record)
    sizes = {len(rs[0].joint) for rs in groups.values()}
    assert len(sizes) >= 3, sizes  # the corpus has joint questions of several sizes
    for records in list(groups.values())[:40]:
        first = records[0]
        day = dt.date.fromisoformat(first.date)
        result = service.search(SearchRequest(asker=first.asker, date_from=day, date_to=day))
        hits = [h for h in result.hits if h.group == first.group]
        assert len(hits) == 1
        assert hits[0].ministers == [j.minister for j in first.joint]
        assert result.records >= len(records)


def test_pagination_is_stable_and_sorting_works(service):
    top = service.search(SearchRequest(q="vlaamse", limit=20))
    one = service.search(SearchRequest(q="vlaamse", limit=10, page=1))
    two = service.search(SearchRequest(q="vlaamse", limit=10, page=2))
    assert [h.id for h in one.hits + two.hits] == [h.id for h in top.hits]
    oldest = service.search(SearchRequest(q="vlaamse", sort="oldest", limit=50)).hits
    assert [h.date for h in oldest] == sorted(h.date for h in oldest)
    scores = [h.score for h in top.hits]
    assert scores == sorted(scores, reverse=True)


def test_prefix_search_and_field_prefixes(service, indexed_records):
    result = service.search(SearchRequest(q="kinderop*"))
    expected = [r for r in indexed_records
                if re.search(r" kinderop", norm(r.title + " " + r.question + " " + r.answer))]
    assert result.records == len(expected)
    in_title = service.search(SearchRequest(q='titel:"sociale economie"'))
    assert in_title.records == sum("sociale economie" in norm(r.title) for r in indexed_records)


def test_did_you_mean_for_a_misspelled_word(service):
    result = service.search(SearchRequest(q="kinderopfang"))
    assert result.total == 0
    assert result.suggestion == "kinderopvang"
    assert service.search(SearchRequest(q="kinderopvang")).suggestion is None


def test_similar_questions_exclude_the_question_itself(service):
    record = service.get("2020-09-25-hilde-crevits-851")
    similar = service.similar(record)
    assert similar
    assert all(hit.group != record.group for hit in similar)


# Malformed queries, each with its expected notice and repair: test_malformed_queries.py


def test_refused_queries_say_why(service):
    assert "te lang" in service.search(SearchRequest(q="x" * 10_000)).error
    assert "voorvoegsel" in service.search(SearchRequest(q="ab*")).error
    assert "Jokertekens" in service.search(SearchRequest(q="*economie")).error
    assert "te veel termen" in service.search(SearchRequest(q=" OR ".join(["w"] * 100))).error


def test_an_index_built_by_one_process_is_searched_by_another(built_index, service):
    out = subprocess.run(
        [sys.executable, "-m", "cli.main", "search", "sociale economie", "--json",
         "--index-dir", str(built_index)],
        capture_output=True, text=True, check=True,
    )
    data = json.loads(out.stdout)
    assert data["total"] == service.search(SearchRequest(q="sociale economie")).total > 0
    assert set(data) >= {"query", "total", "page", "hits", "facets", "suggestion"}
    assert set(data["facets"]) >= {"minister", "year", "month", "asker", "keyword"}
    hit = data["hits"][0]
    assert set(hit) >= {"id", "title", "ministers", "asker", "date", "number", "answer_kind",
                        "score", "snippet"}


def test_minister_facet_ignores_the_minister_filter_so_more_can_be_added(service):
    unfiltered = service.search(SearchRequest(q="vlaamse"))
    top = unfiltered.facets["minister"][0].value
    narrowed = service.search(SearchRequest(q="vlaamse", ministers=[top]))
    assert narrowed.total < unfiltered.total
    assert {(v.value, v.count) for v in narrowed.facets["minister"]} == \
        {(v.value, v.count) for v in unfiltered.facets["minister"]}
    assert [v.value for v in narrowed.facets["minister"] if v.selected] == [top]
    both = service.search(SearchRequest(q="vlaamse", ministers=[top, "Somers"]))
    assert both.records >= narrowed.records
