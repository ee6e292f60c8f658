"""One harvest run: discover, decide what is new or changed, fetch detail and file, write.

A question is unchanged when its stored sidecar holds the same `last_modified` and the
same answer status (`status`, `statusdatumSchvBeantwoord`) as the search result now
shows, and its file (if it had one) is still there; then neither its detail nor its file
is fetched. Every failure is one line with the question's id, and the run goes on,
except a full disk: then the run stops at once (every later write would fail too), with
the files written so far whole and the unfinished one removed (docs/harvest.md).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from durable.diskfull import is_disk_full
from harvest.client import DEFAULT_API, MAX_JSON_BYTES, Client, FetchError
from harvest.discovery import Discovery, Selection
from harvest.opendata import (
    WRITTEN_QUESTION,
    SearchHit,
    ShapeError,
    decode_json,
    pdf_link,
    unwrap_detail,
)
from harvest.store import SIDECAR_FORMAT, Store, run_lock

# Metatags whose change means the question changed (answered, republished, corrected).
CHANGE_TAGS = ("last_modified", "status", "statusdatumSchvBeantwoord")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # old Word (.doc) and other Office files


@dataclass
class HarvestReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    unsupported: list[tuple[str, str]] = field(default_factory=list)
    without_file: int = 0
    duplicates: int = 0
    notes: list[str] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)  # requests a dry run would make
    requests: dict = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    removed_temp: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    disk_full: str | None = None  # the one line saying the run stopped on a full disk

    @property
    def ok(self) -> bool:
        return not self.failed and not self.disk_full

    def summary(self) -> str:
        verb = "would fetch" if self.dry_run else "fetched"
        text = (f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
                f"{len(self.failed)} failed")
        if self.unsupported:
            text += f", {len(self.unsupported)} not supported yet"
        total = sum(self.requests.values())
        return f"{text} ({verb}; {total} requests in {self.seconds:.1f} s)"

    def to_json(self) -> dict:
        return {
            "new": self.new, "updated": self.updated, "unchanged": self.unchanged,
            "failed": [{"id": key, "reason": reason} for key, reason in self.failed],
            "unsupported": [{"id": key, "reason": reason} for key, reason in self.unsupported],
            "without_file": self.without_file, "duplicates": self.duplicates,
            "notes": self.notes, "requests": dict(self.requests),
            "dry_run": self.dry_run, "planned": self.planned if self.dry_run else [],
            "seconds": round(self.seconds, 3), "disk_full": self.disk_full,
        }


def disk_full_message(out: Path, report: HarvestReport) -> str:
    return (f"disk full: no space left on the device of {out} while harvesting; freed "
            f"nothing, files fetched so far kept ({report.new} new, {report.updated} "
            f"updated; the unfinished file removed). Free some space and run again.")


class Harvester:
    def __init__(self, client: Client, out: Path, api: str = DEFAULT_API,
                 max_results: int | None = None,
                 clock: Callable[[], dt.datetime] | None = None):
        self.client, self.api = client, api.rstrip("/")
        self.store = Store(out)
        self.max_results = max_results
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))

    def run(self, selection: Selection, dry_run: bool = False,
            progress: Callable[[int], None] | None = None,
            on_total: Callable[[int], None] | None = None) -> HarvestReport:
        """Harvest a selection; `progress(1)` after each listed question, `on_total(n)`
        when the search tells how many a selected range holds."""
        if dry_run:
            self._scan_only()
            return self._run(selection, True, progress, on_total)
        try:
            with run_lock(self.store.root):
                removed = self.store.scan()
                report = self._run(selection, False, progress, on_total)
                report.removed_temp = removed
                return report
        except OSError as error:  # no room for the folder or its lock file
            if not is_disk_full(error):
                raise
            report = HarvestReport()
            report.disk_full = disk_full_message(self.store.root, report)
            return report

    def _run(self, selection: Selection, dry_run: bool, progress, on_total) -> HarvestReport:
        started = time.monotonic()
        report = HarvestReport(dry_run=dry_run)
        kwargs = {"max_results": self.max_results} if self.max_results else {}
        discovery = Discovery(self.client, self.api, on_total=on_total, **kwargs)
        today = self.clock().date()
        for hit in discovery.hits(selection, today):
            try:
                self._one(hit, report, dry_run)
            except OSError as error:
                if not is_disk_full(error):
                    raise
                report.disk_full = disk_full_message(self.store.root, report)
                break
            if progress:
                progress(1)
        report.failed[:0] = discovery.failures
        report.notes.extend(discovery.notes)
        report.duplicates = discovery.duplicates
        if discovery.duplicates:
            report.notes.append(f"{discovery.duplicates} search results listed a question "
                                f"already seen; each question was fetched once")
        report.requests = dict(self.client.requests)
        report.seconds = time.monotonic() - started
        return report

    def _scan_only(self) -> None:
        """A dry run deletes nothing: it only learns which sidecars exist."""
        import os

        if self.store.root.is_dir():
            for folder in self.store.root.iterdir():
                if folder.is_dir():
                    for entry in os.scandir(folder):
                        if entry.name.endswith(".json") and entry.name[:-5].isdigit():
                            self.store.sidecars[entry.name[:-5]] = Path(entry.path)

    def _one(self, hit: SearchHit, report: HarvestReport, dry_run: bool) -> None:
        kind = hit.tag("soort")
        if kind and kind.upper() != WRITTEN_QUESTION:
            return
        stored = self.store.sidecar(hit.id)
        if stored is not None and self._unchanged(hit, stored):
            report.unchanged += 1
            return
        if dry_run:
            report.planned.append(f"GET {self._detail_url(hit.id)}")
            report.planned.append(f"GET {hit.tag('document') or '(the file the detail names)'}")
            self._count(report, stored)
            return
        try:
            self._fetch(hit, stored, report)
        except (FetchError, ShapeError) as error:
            report.failed.append((hit.id, str(error)))
            return
        self._count(report, stored)

    @staticmethod
    def _count(report: HarvestReport, stored: dict | None) -> None:
        if stored is None:
            report.new += 1
        else:
            report.updated += 1

    def _unchanged(self, hit: SearchHit, stored: dict) -> bool:
        before = SearchHit(hit.id, None, None, (stored.get("search") or {}).get("metatags")
                           or [])
        if any(hit.tag(name) != before.tag(name) for name in CHANGE_TAGS):
            return False
        file_path = self.store.file_path(hit.id, stored)
        return file_path is None or file_path.is_file()

    def _detail_url(self, question_id: str) -> str:
        return f"{self.api}/e/opendata/schv/{question_id}"

    def _fetch(self, hit: SearchHit, stored: dict | None, report: HarvestReport) -> None:
        what = f"detail {hit.id}"
        try:
            response = self.client.get(self._detail_url(hit.id), "detail",
                                       accept="application/json", max_bytes=MAX_JSON_BYTES)
        except FetchError as error:
            raise FetchError(f"{what}: {error}") from None
        sent = decode_json(response.body, response.content_type, what)
        detail = unwrap_detail(sent, what)
        if "id" in detail and str(detail["id"]).strip() != hit.id:
            raise ShapeError(f"{what}: the service answered with question {detail['id']}")
        session = str(detail.get("zittingsjaar") or hit.tag("zittingsjaar") or "").strip()
        if not _is_session(session):
            raise ShapeError(f"{what}: missing field 'zittingsjaar'"
                             + (f" (got {session!r})" if session else ""))
        link = pdf_link(detail, hit)
        meta = {"format": SIDECAR_FORMAT, "fetched": self.clock().strftime("%Y-%m-%dT%H:%M:%SZ"),
                "file_url": link, "file": None}
        pdf = None
        if link is None:
            if _answered(hit, detail):
                raise ShapeError(f"{what}: missing field 'bestand-ordered' and no 'document' "
                                 f"metatag: no link to the answer PDF")
            report.without_file += 1
        else:
            pdf, problem = self._file(hit.id, link)
            if problem:
                meta["unsupported"] = problem
                report.unsupported.append((hit.id, problem))
            else:
                meta["file"] = f"{hit.id}.pdf"
        sidecar = {"vraagbaak": meta,
                   "search": {"id": hit.id, "url": hit.url, "title": hit.title,
                              "metatags": hit.metatags},
                   "opendata": sent}
        paths = self.store.save(session, hit.id, sidecar, pdf)
        report.written.extend(str(p) for p in paths)

    def _file(self, question_id: str, link: str) -> tuple[bytes | None, str | None]:
        """(PDF bytes, None), or (None, why the file is not supported yet)."""
        what = f"file of {question_id}"
        try:
            response = self.client.get(link, "file", accept="application/pdf, */*")
        except FetchError as error:
            raise FetchError(f"{what}: {error}") from None
        body = response.body
        kind = (response.content_type or "").split(";")[0].strip().lower()
        lower = link.lower().split("?")[0]
        if body.startswith(_ZIP) or kind in ("application/zip", "application/x-zip-compressed") \
                or lower.endswith(".zip"):
            office = lower.endswith(".docx") or "wordprocessingml" in kind
            return None, ("a Word file (.docx)" if office else "a zip archive") + \
                " instead of one PDF: not supported yet"
        if body.startswith(_OLE) or kind == "application/msword" or lower.endswith(".doc"):
            return None, "a Word file instead of one PDF: not supported yet"
        head = body[:1024].lstrip()
        if head[:5] != b"%PDF-":
            if head.lower().startswith((b"<!doctype html", b"<html")):
                raise ShapeError(f"{what}: an HTML page came where a PDF was expected")
            raise ShapeError(f"{what}: not a PDF (starts with {body[:8]!r})")
        if b"%%EOF" not in body[-2048:]:
            raise ShapeError(f"{what}: the PDF is truncated (no %%EOF at its end, "
                             f"{len(body)} bytes)")
        return body, None


def _is_session(text: str) -> bool:
    return len(text) == 9 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() \
        and int(text[5:]) == int(text[:4]) + 1


def _answered(hit: SearchHit, detail: dict) -> bool:
    """Whether the question is known to be answered (then it must have a file)."""
    if hit.tag("statusdatumSchvBeantwoord"):
        return True
    status = (hit.tag("status") or "").lower()
    return "beantwoord" in status and "niet" not in status
