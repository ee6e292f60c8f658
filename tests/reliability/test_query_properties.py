"""Abusive queries against SearchService: whatever is typed, an answer (or a clear refusal)
within a bounded time, never an exception; costly queries are refused or cut off.

Runs on the session index of tests/conftest.py (500 synthetic documents and the seeds).
"""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.query import MAX_QUERY_LENGTH, MAX_TERMS
from search.results import MAX_DEPTH, MAX_LIMIT, SORTS, SearchRequest

# Per search: the service's own time limit plus room for a slow shared machine.
BOUND_SECONDS = 10.0
PROPERTY = settings(max_examples=80, deadline=dt.timedelta(seconds=BOUND_SECONDS * 2),
                    derandomize=True, suppress_health_check=[HealthCheck.too_slow])
SYNTAX = ['"', "(", ")", "-", "*", "?", ":", "~", "~3", " OR ", " AND ", " NOT ", " OF ",
          " EN ", " NIET ", "titel:", "vraag:", "antwoord:", "minister:", "vraagsteller:",
          "onbekend:", " ", "  ", "\t", "\n", "\\", "'", "&", "<script>", "%", "é", "ë", "ĳ",
          "\u200b", "\u0000", "\ufeff", "𝔘", "🙂", "ß"]


@pytest.fixture(scope="module")
def vocabulary(service) -> list[str]:
    reader = service._current().reader()
    words = []
    for term in reader.lexicon("answer_exact"):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        if text.isalpha():
            words.append(text)
        if len(words) >= 3000:
            break
    return words[::7]


def query_text(words: list[str]):
    """Strings built from index words and query syntax, plus arbitrary text."""
    token = st.one_of(st.sampled_from(words), st.sampled_from(SYNTAX),
                      st.sampled_from(words).map(lambda w: w[:3] + "*"),
                      st.text(max_size=12))
    built = st.lists(token, max_size=40).map("".join)
    return st.one_of(built, st.text(max_size=200),
                     st.text(alphabet='"()-*:~ ab', max_size=300))


def requests(words: list[str]):
    date = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
    return st.builds(
        SearchRequest,
        q=query_text(words),
        ministers=st.lists(st.one_of(st.text(max_size=30), st.sampled_from(
            ["Somers", "Hilde Crevits", "crevits", "CREVITS", "Bart"])), max_size=3),
        asker=st.one_of(st.none(), st.text(max_size=30)),
        date_from=st.one_of(st.none(), date), date_to=st.one_of(st.none(), date),
        sort=st.sampled_from(SORTS),
        page=st.one_of(st.integers(1, 5), st.integers(1, 10**9)),
        limit=st.integers(1, MAX_LIMIT),
    )


def answered(service, request: SearchRequest):
    started = time.monotonic()
    try:
        request.validate()
    except ValueError:
        return None  # the web layer refuses these before searching (tested there)
    result = service.search(request)
    elapsed = time.monotonic() - started
    assert elapsed < BOUND_SECONDS, (request.q, elapsed)
    json.dumps(result.to_json())  # the API can always serialise it
    if result.error:
        assert "\n" not in result.error and "Traceback" not in result.error
        assert not result.hits
    assert len(result.hits) <= request.limit
    assert result.total >= len(result.hits)
    assert len({hit.id for hit in result.hits}) == len(result.hits)
    return result


def test_any_text_gets_an_answer_in_bounded_time(service, vocabulary):
    @PROPERTY
    @given(query_text(vocabulary))
    def check(q):
        answered(service, SearchRequest(q=q))

    check()


def test_any_request_gets_an_answer_in_bounded_time(service, vocabulary):
    @PROPERTY
    @given(requests(vocabulary))
    def check(request):
        answered(service, request)

    check()


# -- costly queries: refused or cut off, with a clear message
@pytest.mark.parametrize("q, words", [
    ("*conomie", "Jokertekens vooraan"),
    ("?conomie", "Jokertekens"),
    ("eco*nomie*", "Jokertekens"),
    ("ec*", "minstens 3 letters"),
    ("x" * (MAX_QUERY_LENGTH + 1), "te lang"),
    (" OR ".join(f"woord{i}" for i in range(MAX_TERMS + 1)), "te veel termen"),
    (" ".join(["zo"] * 200), "te veel termen"),
])
def test_costly_query_is_refused_with_a_clear_message(service, q, words):
    result = answered(service, SearchRequest(q=q))
    assert result.error and words in result.error


def test_huge_page_number_is_cut_off(service):
    result = answered(service, SearchRequest(q="economie", page=10**9))
    assert not result.hits and any(str(MAX_DEPTH) in n for n in result.notices)
    assert result.total > 0  # the total and facets still say what there is


def test_broadest_allowed_queries_stay_within_the_bound(service, vocabulary):
    """The most a query may ask for: MAX_TERMS prefixes, OR-ed, and long phrases."""
    prefixes = sorted({w[:3] for w in vocabulary if len(w) >= 3})[:MAX_TERMS]
    stop_phrase = '"' + " ".join(["de"] * (MAX_TERMS - 1)) + '"~50'
    for q in [" OR ".join(p + "*" for p in prefixes), " ".join(p + "*" for p in prefixes),
              stop_phrase, " OR ".join(vocabulary[:MAX_TERMS])]:
        result = answered(service, SearchRequest(q=q[:MAX_QUERY_LENGTH]))
        assert result.error is None or "te lang" in result.error or "duurde te lang" in \
            result.error or "voorvoegsel" in result.error.lower(), result.error
