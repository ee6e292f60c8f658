"""A polite HTTP client for the open-data services: one request at a time, at most
`rate` a second, a User-Agent that says who asks, a timeout on every request, and
bounded retries with exponential backoff and jitter that honour `Retry-After`.

Built on httpx (pyproject says why). Retries are done here rather than by the transport
because a transfer that breaks off mid-body must be retried as well as a refused
connection, and because the waits must be injectable so tests do not sleep.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

DEFAULT_API = "https://ws.vlpar.be"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# A question-and-answer PDF is a few hundred kB; annexes with scans reach tens of MB.
MAX_FILE_BYTES = 50_000_000
MAX_JSON_BYTES = 20_000_000


def user_agent(contact: str = "") -> str:
    """Names Vraagbaak, its version and what it is; a contact (an e-mail address or URL,
    `$VRAAGBAAK_HARVEST_CONTACT`) tells the parliament's operators who runs this copy."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("vraagbaak")
    except PackageNotFoundError:
        release = "dev"
    contact = " ".join(contact.split())
    about = "open-source search engine for the written questions of the Flemish Parliament"
    return f"Vraagbaak/{release} ({about}" + (f"; contact: {contact}" if contact else "") + \
        f") httpx/{httpx.__version__}"


class FetchError(Exception):
    """A request that failed for good (after its retries); the message is one line."""


@dataclass
class Politeness:
    """How hard the client may press: the defaults are for the real services."""

    rate: float = 2.0  # requests per second, at most
    timeout: float = 30.0  # seconds for connect, each read, and each write
    retries: int = 4  # extra attempts after the first, then the item fails
    backoff: float = 2.0  # first backoff in seconds, doubled each retry, with jitter
    backoff_max: float = 60.0
    retry_after_max: float = 300.0  # a longer Retry-After gives up on the item
    contact: str = ""  # who runs this copy, for the User-Agent


class RateLimiter:
    """At most `rate` starts a second: each start waits for the previous one's slot."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.clock, self.sleep = clock, sleep
        self.next_start: float | None = None

    def wait(self) -> None:
        now = self.clock()
        if self.next_start is not None and now < self.next_start:
            self.sleep(self.next_start - now)
            now = self.next_start
        self.next_start = now + self.interval


@dataclass
class Response:
    status: int
    content_type: str | None
    body: bytes
    url: str
    retry_after: str | None = None


@dataclass
class Client:
    """GET with politeness; counts requests per kind for the report."""

    politeness: Politeness = field(default_factory=Politeness)
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)
    transport: httpx.BaseTransport | None = None
    requests: Counter = field(default_factory=Counter)

    def __post_init__(self):
        p = self.politeness
        self.limiter = RateLimiter(p.rate, sleep=self.sleep)
        self.http = httpx.Client(
            timeout=httpx.Timeout(p.timeout), follow_redirects=True, transport=self.transport,
            headers={"User-Agent": user_agent(p.contact)},
        )

    def close(self) -> None:
        self.http.close()

    def get(self, url: str, kind: str, params: dict | None = None, accept: str = "*/*",
            max_bytes: int = MAX_FILE_BYTES) -> Response:
        """The response of the first attempt that is not retryable; FetchError otherwise."""
        p = self.politeness
        last = ""
        for attempt in range(p.retries + 1):
            if attempt:
                self.sleep(self._backoff(attempt))
            self.limiter.wait()
            self.requests[kind] += 1
            try:
                response = self._fetch(url, params, accept, max_bytes)
            except (httpx.UnsupportedProtocol, httpx.InvalidURL):
                raise FetchError(f"not a usable http(s) link: {url[:200]!r}") from None
            except httpx.TimeoutException:
                last = f"timed out after {p.timeout:g} s"
                continue
            except (httpx.TransportError, httpx.StreamError) as error:
                last = _transport_reason(error)
                continue
            except _TooLarge:
                raise FetchError(f"larger than {max_bytes // 1_000_000} MB") from None
            if response.status in RETRY_STATUSES:
                last = f"HTTP {response.status}"
                wait = _retry_after(response)
                if wait is not None:
                    if wait > p.retry_after_max:
                        raise FetchError(f"HTTP {response.status} with Retry-After {wait:g} s, "
                                         f"more than the {p.retry_after_max:g} s we wait")
                    if attempt < p.retries:
                        self.sleep(wait)
                        self.limiter.next_start = None
                continue
            if response.status >= 400:
                raise FetchError(f"HTTP {response.status}")
            return response
        raise FetchError(f"{last} (gave up after {p.retries + 1} attempts)")

    def _fetch(self, url, params, accept, max_bytes) -> Response:
        with self.http.stream("GET", url, params=params, headers={"Accept": accept}) as r:
            chunks, size = [], 0
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise _TooLarge
                chunks.append(chunk)
            return Response(r.status_code, r.headers.get("content-type"), b"".join(chunks),
                            str(r.url), r.headers.get("retry-after"))

    def _backoff(self, attempt: int) -> float:
        """Exponential, capped, with jitter: half fixed, half random, so clients spread."""
        p = self.politeness
        delay = min(p.backoff_max, p.backoff * 2 ** (attempt - 1))
        return delay / 2 + self.rng.uniform(0, delay / 2)


class _TooLarge(Exception):
    pass


def _retry_after(response: Response) -> float | None:
    """Seconds from `Retry-After` (a number of seconds or an HTTP date), or None."""
    raw = (response.retry_after or "").strip()
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _transport_reason(error: Exception) -> str:
    text = str(error).lower()
    if "reset" in text or "peer closed" in text or "disconnect" in text \
            or "without sending" in text:
        return "connection reset by the server"
    if "incomplete" in text or "less data" in text:
        return "transfer broke off before the end"
    if "connect" in text or "refused" in text:
        return "cannot connect"
    return f"network error ({type(error).__name__}: {' '.join(str(error).split())[:120]})"
