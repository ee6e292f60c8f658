"""Every environment variable and tunable of Vraagbaak, in one frozen object.

An entry point (the CLI, `create_app`, a benchmark worker) calls `Settings.from_env()`
once at start-up and passes the object on; nothing reads the environment at import
time or deep inside a library call. A bad value stops start-up with a message that
names the variable, what it must be, and what it was. The README lists every variable
with its default (a test checks that the two agree).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


class SettingsError(ValueError):
    """An environment variable holds a value Vraagbaak cannot use."""


def default_index_dir(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_DATA_HOME/vraagbaak/index` (`~/.local/share/vraagbaak/index`)."""
    environ = os.environ if environ is None else environ
    data_home = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "vraagbaak" / "index"


@dataclass(frozen=True)
class Settings:
    # Where the index lives; every command's --index-dir overrides it.
    index_dir: Path = None  # type: ignore[assignment]  # filled by __post_init__
    # Host names the site answers to (feeds and exports hold absolute links built from
    # the Host header); empty: any Host.
    trusted_hosts: tuple[str, ...] = ()
    # Files read per commit (one record each when they parse). Each commit writes segments,
    # and Whoosh's merge policy rewrites small ones together: with 2,000 a 50,000-record
    # build took 342 s against 261 s with 20,000 (25% more CPU, all merging;
    # docs/benchmark.md). Segments of 10,000-20,000 are never merged by that policy and
    # search as fast.
    commit_every: int = 20000
    # Seconds a `vraagbaak index` run waits for another run to finish.
    lock_wait: float = 10.0
    # Decoded postings kept per search process, in MB (0 turns the cache off).
    posting_cache_mb: int = 192
    # Seconds one search may take before it is stopped with a message.
    search_time_limit: float = 5.0
    # Seconds between two looks for a newer index by a long-lived searcher.
    refresh_interval: float = 0.5
    # Rows of one CSV or JSON export at most, and entries of an Atom feed by default.
    export_max: int = 1000
    feed_size: int = 20
    # `vraagbaak harvest`: seconds per request, extra attempts after the first, the first
    # backoff in seconds (doubled each retry), and a contact for the User-Agent.
    harvest_timeout: float = 30.0
    harvest_retries: int = 4
    harvest_backoff: float = 2.0
    harvest_contact: str = ""

    def __post_init__(self):
        if self.index_dir is None:
            object.__setattr__(self, "index_dir", default_index_dir())
        object.__setattr__(self, "index_dir", Path(self.index_dir))

    @property
    def posting_cache_bytes(self) -> int:
        return self.posting_cache_mb * 2**20

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> Settings:
        """Read and check every variable of ENV; SettingsError names the bad one."""
        environ = os.environ if environ is None else environ
        explicit = environ.get("VRAAGBAAK_INDEX_DIR", "").strip()
        values: dict = {"index_dir": Path(explicit) if explicit else default_index_dir(environ)}
        hosts = environ.get("VRAAGBAAK_TRUSTED_HOSTS", "")
        values["trusted_hosts"] = tuple(h.strip() for h in hosts.split(",") if h.strip())
        values["harvest_contact"] = " ".join(environ.get("VRAAGBAAK_HARVEST_CONTACT", "").split())
        defaults = {f.name: f.default for f in fields(cls)}
        for name, (variable, kind, low) in NUMBERS.items():
            raw = environ.get(variable, "").strip()
            values[name] = _number(variable, raw, kind, low) if raw else defaults[name]
        values.update(overrides)
        return cls(**values)


# field -> (environment variable, type, lowest allowed value)
NUMBERS = {
    "commit_every": ("VRAAGBAAK_COMMIT_EVERY", int, 1),
    "lock_wait": ("VRAAGBAAK_LOCK_WAIT", float, 0),
    "posting_cache_mb": ("VRAAGBAAK_POSTING_CACHE_MB", int, 0),
    "search_time_limit": ("VRAAGBAAK_SEARCH_TIME_LIMIT", float, 0.01),
    "refresh_interval": ("VRAAGBAAK_REFRESH_INTERVAL", float, 0),
    "export_max": ("VRAAGBAAK_EXPORT_MAX", int, 1),
    "feed_size": ("VRAAGBAAK_FEED_SIZE", int, 1),
    "harvest_timeout": ("VRAAGBAAK_HARVEST_TIMEOUT", float, 0.001),
    "harvest_retries": ("VRAAGBAAK_HARVEST_RETRIES", int, 0),
    "harvest_backoff": ("VRAAGBAAK_HARVEST_BACKOFF", float, 0),
}
ENVIRONMENT = ("VRAAGBAAK_INDEX_DIR", "VRAAGBAAK_TRUSTED_HOSTS", "VRAAGBAAK_HARVEST_CONTACT",
               *(variable for variable, _, _ in NUMBERS.values()))


def _number(variable: str, raw: str, kind, low):
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or value < low:
        what = "a whole number" if kind is int else "a number"
        raise SettingsError(f"{variable} must be {what} >= {low}, not {raw!r}")
    return value
