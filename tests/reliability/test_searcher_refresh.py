"""A long-lived SearchService after many commits sees exactly what a fresh process sees:
updated and pruned records gone, merged segments not doubled, and no thread answering
from an older index than another thread already did."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from reliability_support import stored_records

from index.indexing.writer import index_paths
from search.results import SearchRequest
from search.service import SearchService


@pytest.fixture
def corpus(tmp_path) -> Path:
    from synth.generator import generate

    folder = tmp_path / "corpus"
    generate(40, 5, folder)
    (folder / "facts.jsonl").unlink()
    return folder


def browse_count(service: SearchService) -> int:
    service.refresh()
    return service.search(SearchRequest(q="", limit=1, facets=False, snippets=False)).records


def test_long_lived_service_matches_a_fresh_reader_after_updates_prunes_and_merges(
        corpus, tmp_path):
    from synth.generator import generate

    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir, workers=1)
    service = SearchService(index_dir)
    try:
        assert browse_count(service) == 40
        files = sorted(corpus.glob("*.txt"))
        files[0].write_bytes(files[0].read_bytes().replace(b" de ", b" zeppelinvaart ", 1))
        index_paths([corpus], index_dir, workers=1)  # an update: delete + add
        assert browse_count(service) == len(stored_records(index_dir)) == 40
        record = stored_records(index_dir)
        updated = next(r for r in record if "zeppelinvaart" in r["question"] + r["answer"])
        assert "zeppelinvaart" in (service.get(updated["id"]).question
                                   + service.get(updated["id"]).answer)
        files[1].unlink()
        index_paths([corpus], index_dir, workers=1, prune=True)  # a prune
        assert browse_count(service) == len(stored_records(index_dir)) == 39
        for n in range(12):  # many small commits: Whoosh merges segments on the way
            extra = tmp_path / f"extra{n}"
            generate(3, 100 + n, extra)
            (extra / "facts.jsonl").unlink()
            index_paths([extra], index_dir, workers=1)
            assert browse_count(service) == len(stored_records(index_dir)), n
    finally:
        service.close()


def test_no_thread_answers_from_an_older_index_than_another(corpus, tmp_path):
    """A thread that opens its searcher after a commit makes every other thread reopen on
    its next search, even before the periodic check (here: never, within the test)."""
    from index.indexing.store import open_index
    from search.searchers import ThreadSearchers

    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir, workers=1)
    searchers = ThreadSearchers(open_index(index_dir), refresh_interval=3600)

    def count() -> int:
        return searchers.current().reader().doc_count()

    try:
        ready, go, seen = threading.Event(), threading.Event(), {}

        def old_thread():
            seen["before"] = count()
            ready.set()
            go.wait(60)
            seen["after"] = count()

        thread = threading.Thread(target=old_thread)
        thread.start()
        ready.wait(60)
        extra = tmp_path / "extra"
        shutil.copytree(corpus, extra)
        for path in extra.glob("*.txt"):  # the same questions a year earlier: new records
            path.write_text(path.read_text(encoding="utf-8", errors="replace")
                            .replace("2019", "2018").replace("2020", "2017"), encoding="utf-8")
        added = index_paths([extra], index_dir, workers=1)
        newcomer = threading.Thread(target=lambda: seen.setdefault("new thread", count()))
        newcomer.start()
        newcomer.join(60)
        go.set()
        thread.join(60)
    finally:
        searchers.close()
    assert seen["before"] == 40 and seen["new thread"] == 40 + added.records > 40
    assert seen["after"] == seen["new thread"], seen
