"""One SearchService per app, opened on first use.

Opening lazily lets the app start (and show a clear page) before an index exists: the
store's "no index" and "old index" errors reach web/security.py, which words them for
the reader. The service itself refreshes after a writer commits, so new documents appear
without restart.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from flask import current_app

from config.settings import Settings
from search.service import SearchService


class ServiceHolder:
    def __init__(self, index_dir: Path, settings: Settings,
                 service: SearchService | None = None):
        self.index_dir = index_dir
        self.settings = settings
        self._service = service
        self._lock = threading.Lock()

    def get(self) -> SearchService:
        if self._service is None:
            with self._lock:
                if self._service is None:
                    self._service = SearchService(self.index_dir, self.settings)
        return self._service


def service() -> SearchService:
    return current_app.extensions["vraagbaak"].get()


def settings() -> Settings:
    return current_app.extensions["vraagbaak"].settings


def today() -> dt.date:
    """The day statuses are computed for: the app's CLOCK (config), read per request."""
    return current_app.config.get("CLOCK", dt.date.today)()
