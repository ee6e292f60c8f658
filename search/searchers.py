"""One searcher per thread, reopened after a writer commits.

Why per thread: Whoosh readers keep file positions and caches that are not safe to share,
so one shared searcher needs a lock, and that lock makes every request wait for the
slowest search in progress (measured: a 0.09 s query took 4.8 s behind a 5 s one).

Why reopen rather than `Searcher.refresh()`: refresh reuses the open segment readers of
segments with the same id, but a segment keeps its id when a commit deletes documents
from it, so updated and pruned records stayed visible, and segments merged away by a
commit came back as duplicates (measured: 158 records seen where the index held 65).
A fresh reader costs about 10 ms per commit per thread (the index is read without mmap,
see index/indexing/store.py); column arrays and posting caches are keyed by segment and survive
it. The newest generation seen is shared, so once any thread has shown a commit, every
thread reopens before its next answer.
"""

from __future__ import annotations

import threading
import time


class ThreadSearchers:
    def __init__(self, ix, refresh_interval: float):
        self._ix = ix
        self._interval = refresh_interval
        self._local = threading.local()
        self._open: set = set()
        self._lock = threading.Lock()
        self._closed = False
        # Shared by all threads: once one sees a commit, every thread's next search
        # reopens, so no request is answered from an older index than one before it.
        self._latest = ix.latest_generation()
        self._checked = time.monotonic()

    def current(self):
        """This thread's searcher, reopened if a writer committed since it last looked."""
        now = time.monotonic()
        if now - self._checked >= self._interval:
            self._see(self._ix.latest_generation())
            self._checked = now
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None and self._local.generation >= self._latest:
            return searcher
        return self._replace(searcher)

    def _see(self, generation: int) -> None:
        with self._lock:
            self._latest = max(self._latest, generation)

    def expire(self) -> None:
        """Look for a newer index on the next search."""
        self._checked = float("-inf")

    def _replace(self, old):
        if self._closed:
            raise RuntimeError("the search service is closed")
        generation = self._ix.latest_generation()  # the searcher sees this one or newer
        fresh = self._ix.searcher()
        self._local.generation = generation
        self._see(generation)
        with self._lock:
            self._open.add(fresh)
        self._local.searcher = fresh
        if old is not None:
            self._close(old)
        return fresh

    def _close(self, searcher) -> None:
        with self._lock:
            self._open.discard(searcher)
        searcher.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            searchers, self._open = list(self._open), set()
        for searcher in searchers:
            searcher.close()
