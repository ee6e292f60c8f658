"""A slow search in one thread must not hold up the others, and the time limit cuts a
search off with a clear message. The slow search is made deterministic by a matcher that
sleeps, the way a search that reads a lot of postings from disk would wait."""

from __future__ import annotations

import threading
import time

import search.service as service_module
from config.settings import Settings
from search.matching import Evaluator
from search.results import SearchRequest
from search.service import SearchService

SLOW_SECONDS = 3.0


class SleepyEvaluator(Evaluator):
    """Sleeps before matching any query that contains the word `traag`."""

    def run(self, plan):
        if "traag" in repr(plan):
            time.sleep(SLOW_SECONDS)
        return super().run(plan)


def test_a_slow_search_does_not_block_a_fast_one(built_index, monkeypatch):
    service = SearchService(built_index)
    monkeypatch.setattr(service_module, "Evaluator", SleepyEvaluator)
    try:
        slow = {}

        def run_slow():
            started = time.monotonic()
            slow["result"] = service.search(SearchRequest(q="traag OR economie"))
            slow["seconds"] = time.monotonic() - started

        thread = threading.Thread(target=run_slow)
        thread.start()
        time.sleep(0.3)  # the slow search is under way
        fast = []
        for q in ("economie", '"sociale economie"', "minister:crevits", ""):
            started = time.monotonic()
            result = service.search(SearchRequest(q=q))
            fast.append(time.monotonic() - started)
            assert result.error is None
        thread.join(timeout=60)
    finally:
        service.close()
    assert slow["seconds"] >= SLOW_SECONDS
    # All four fast searches finished while the slow one was still sleeping.
    assert sum(fast) < SLOW_SECONDS - 0.5, fast


def test_time_limit_cuts_a_search_off_with_a_clear_message(built_index, monkeypatch):
    service = SearchService(built_index, Settings(search_time_limit=1.0))
    monkeypatch.setattr(service_module, "Evaluator", SleepyEvaluator)
    try:
        started = time.monotonic()
        result = service.search(SearchRequest(q="traag economie sociale"))
        elapsed = time.monotonic() - started
        assert result.error and "duurde te lang" in result.error
        assert not result.hits
        assert elapsed < SLOW_SECONDS + 2
        # The thread's searcher is still good for the next search.
        assert service.search(SearchRequest(q="economie")).total > 0
    finally:
        service.close()
