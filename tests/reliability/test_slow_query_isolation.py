"""A slow search in one thread must not hold up the others, and the time limit cuts a
search off with a clear message.

Synchronised on events, never on sleeps or the machine's speed: the slow search is held
inside its evaluation until the fast ones are done (so they surely ran while it was under
way), and the time limit is met by moving the evaluator's clock past it."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import search.matching as matching_module
import search.service as service_module
from config.settings import Settings
from search.matching import Evaluator
from search.results import SearchRequest
from search.service import SearchService

HANG_GUARD = 120  # seconds before a deadlock is called a failure, not a speed bound


def test_a_slow_search_does_not_block_a_fast_one(built_index, monkeypatch):
    entered, release = threading.Event(), threading.Event()

    class HeldEvaluator(Evaluator):
        """Holds any query with the word `traag` until the test releases it."""

        def run(self, plan):
            if "traag" in repr(plan):
                entered.set()
                assert release.wait(HANG_GUARD), "the test never released the slow search"
            return super().run(plan)

    service = SearchService(built_index)
    monkeypatch.setattr(service_module, "Evaluator", HeldEvaluator)
    slow, fast = {}, {}

    def run_slow():
        slow["result"] = service.search(SearchRequest(q="traag OR economie"))

    def run_fast():
        fast["results"] = [service.search(SearchRequest(q=q)) for q in
                           ("economie", '"sociale economie"', "minister:crevits", "")]
        fast["slow_still_held"] = not release.is_set()

    slow_thread = threading.Thread(target=run_slow)
    fast_thread = threading.Thread(target=run_fast)
    try:
        slow_thread.start()
        assert entered.wait(HANG_GUARD), "the slow search never started"
        fast_thread.start()
        fast_thread.join(HANG_GUARD)
        assert not fast_thread.is_alive(), "the fast searches waited for the slow one"
    finally:
        release.set()
        slow_thread.join(HANG_GUARD)
        fast_thread.join(HANG_GUARD)
        service.close()
    assert fast["slow_still_held"]
    assert [r.error for r in fast["results"]] == [None] * 4
    assert all(r.total > 0 for r in fast["results"])
    assert slow["result"].error is None and slow["result"].total > 0


def test_time_limit_cuts_a_search_off_with_a_clear_message(built_index, monkeypatch):
    jump = {"seconds": 0.0}
    monkeypatch.setattr(matching_module, "time", SimpleNamespace(
        monotonic=lambda: time.monotonic() + jump["seconds"]))

    class SlowEvaluator(Evaluator):
        """A query with `traag` takes (on the evaluator's clock) longer than any limit."""

        def run(self, plan):
            if "traag" in repr(plan):
                jump["seconds"] = 3600.0
            return super().run(plan)

    service = SearchService(built_index, Settings(search_time_limit=1.0))
    monkeypatch.setattr(service_module, "Evaluator", SlowEvaluator)
    try:
        assert service.search(SearchRequest(q="economie sociale")).total > 0  # within limit
        result = service.search(SearchRequest(q="traag economie sociale"))
        assert result.error == ("De zoekopdracht duurde te lang en werd gestopt; "
                                "maak ze specifieker.")
        assert (result.total, result.hits) == (0, [])
        # The thread's searcher is still good for the next search.
        jump["seconds"] = 0.0
        assert service.search(SearchRequest(q="economie")).total > 0
    finally:
        service.close()
