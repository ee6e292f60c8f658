"""One SearchService per app, opened on first use.

Opening lazily lets the app start (and show a clear page) before an index exists; the
service itself refreshes after a writer commits, so new documents appear without restart.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from flask import current_app

from index.schema import IndexVersionError
from search.service import SearchService


class IndexMissing(Exception):
    """No index in the configured directory yet."""


class IndexOutdated(Exception):
    """The index was built by an older Vraagbaak and must be rebuilt."""


class ServiceHolder:
    def __init__(self, index_dir: Path, service: SearchService | None = None):
        self.index_dir = index_dir
        self._service = service
        self._lock = threading.Lock()

    def get(self) -> SearchService:
        if self._service is None:
            with self._lock:
                if self._service is None:
                    try:
                        self._service = SearchService(self.index_dir)
                    except FileNotFoundError:
                        raise IndexMissing(str(self.index_dir)) from None
                    except IndexVersionError:
                        raise IndexOutdated(str(self.index_dir)) from None
        return self._service


def service() -> SearchService:
    return current_app.extensions["vraagbaak"].get()


def today() -> dt.date:
    """The day statuses are computed for: the app's CLOCK (config), read per request."""
    return current_app.config.get("CLOCK", dt.date.today)()
