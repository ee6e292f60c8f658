"""Incremental, idempotent indexing of corpus files.

A file is identified by its absolute path and its content digest. Unchanged files are
skipped; a changed file's records are replaced; `prune` drops the records of files that
no longer exist. Worker processes read, parse and analyze the files and each writes
its own segment (index/indexing/segments.py: both cores busy, flushes in parallel); the main
process keeps the report, refuses duplicates, deletes replaced records and commits after
every `batch_size` files read (new or changed files, parsed or not): each commit is atomic
and durable (index/indexing/commit.py), so a killed run or a power cut leaves every
committed document whole and the next run finishes the job. A full disk stops the run
with DiskFullError, the last commit kept.

One run holds the run lock (index/indexing/locks.py) from start to end. Worker processes are
started before any lock is taken, so they never inherit a lock's file descriptor, and
they exit when their parent dies: a SIGKILLed run leaves no orphan holding the index.
A file whose record ids are already indexed from another existing file is a duplicate:
the index keeps the first, and the duplicate is reported as a failed file. One exception:
a metadata-only record (from a sidecar alone, `<id>.json`, of a question not answered yet)
yields to a document's record of the same id (its `<id>.pdf` has arrived); never the reverse.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from whoosh.index import LockError

from config.settings import Settings
from durable.diskfull import is_disk_full
from index.documents.metadata import is_sidecar, sidecar_bytes
from index.documents.model import ReadError
from index.documents.readers import iter_corpus_files, open_regular
from index.indexing.commit import CommitWriter
from index.indexing.diskfull import DiskFullError, disk_full_message
from index.indexing.leftovers import remove_leftovers
from index.indexing.locks import IndexBusyError, busy_message, run_lock
from index.indexing.segments import FileResult, Workers
from index.indexing.store import INDEX_NAME, open_index, write_lock_path

# Files read per commit and the wait for another run: config/settings.py says why 20,000.
DEFAULT_BATCH = Settings.commit_every
LOCK_WAIT_SECONDS = Settings.lock_wait


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    records: int = 0
    seconds: float = 0.0
    warned: int = 0  # records written with parser warnings (`vraagbaak parse` shows them)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        changed = self.added + self.updated + self.removed
        text = (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.removed} removed, {len(self.failed)} failed "
                f"({self.records} records written in {self.seconds:.1f} s")
        if self.warned:
            text += f", {self.warned} with warnings"
        text += ")"
        if not changed and not self.failed:
            text += "; index already up to date"
        return text


def source_key(path: Path) -> str:
    """Absolute path as printable text: the identity of a file across runs."""
    return os.fsencode(os.path.abspath(path)).decode("utf-8", errors="backslashreplace")


def file_digest(path: Path) -> str:
    """SHA-1 of the file's bytes, and of its metadata sidecar when it has one, so a
    changed sidecar (an answer arrived, a theme was added) re-indexes the file."""
    digest = hashlib.sha1(usedforsecurity=False)
    with open_regular(path) as handle:  # a named pipe would block a plain open()
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    sidecar = sidecar_bytes(path)
    if sidecar is not None:
        digest.update(b"\0metadata\0" + sidecar)
    return digest.hexdigest()


def indexed_files(ix) -> dict[str, str]:
    """source -> digest of what the index holds, read from columns (no stored records).

    Each segment's two columns are read whole, through one reader each: looking up
    documents one by one through the index-wide reader took seconds at 200,000."""
    files: dict[str, str] = {}
    with ix.reader() as reader:
        if reader.doc_count() == 0:
            return files
        for leaf, _offset in reader.leaf_readers():
            deleted = set(leaf.segment().deleted_docs()) if leaf.has_deletions() else ()
            pairs = zip(leaf.column_reader("source"), leaf.column_reader("digest"), strict=True)
            files.update(pair for n, pair in enumerate(pairs) if n not in deleted)
    return files


def _jobs(files: Iterable[Path], known: dict[str, str], report: IndexReport,
          seen: set[str]) -> Iterator[tuple[str, str, str]]:
    for path in files:
        key = source_key(path)
        if key in seen:
            continue
        seen.add(key)
        try:
            digest = file_digest(path)
        except FileNotFoundError:
            report.failed.append((key, "file vanished before it could be read"))
            continue
        except ReadError as error:
            report.failed.append((key, str(error)))
            continue
        except OSError as error:
            report.failed.append((key, f"cannot read file: {error.strerror or error}"))
            continue
        if known.get(key) == digest:
            report.unchanged += 1
            continue
        yield os.fsencode(path), key, digest


def index_paths(paths: Iterable[Path], index_dir: Path, prune: bool = False,
                workers: int | None = None, batch_size: int = DEFAULT_BATCH,
                progress: Callable[[int], None] | None = None,
                on_error: Callable[[str, str], None] | None = None,
                lock_wait: float = LOCK_WAIT_SECONDS) -> IndexReport:
    """Bring the index in index_dir up to date with the files under paths."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    with _worker_pool(workers) as pool, run_lock(index_dir, lock_wait):
        try:
            return _index_locked(paths, index_dir, prune, pool, batch_size, progress,
                                 on_error, lock_wait)
        except Exception as error:
            if not is_disk_full(error):
                raise
            pool.close()  # no worker writes any more when its files are removed
            remove_leftovers(index_dir, INDEX_NAME)
            raise DiskFullError(disk_full_message(index_dir, _committed(index_dir))) \
                from error


def _committed(index_dir: Path) -> int:
    """Records in the index's last commit (0 when there is none)."""
    try:
        with open_index(index_dir, create=False).reader() as reader:
            return reader.doc_count()
    except Exception:  # noqa: BLE001 - no index yet
        return 0


def _index_locked(paths, index_dir: Path, prune: bool, workers: Workers, batch_size: int,
                  progress, on_error, lock_wait: float) -> IndexReport:
    started = time.monotonic()
    report = IndexReport()
    ix = open_index(index_dir, create=True)
    remove_leftovers(index_dir, INDEX_NAME)
    known = indexed_files(ix)
    seen: set[str] = set()
    owners = _IdOwners(ix)
    files = iter_corpus_files(
        paths, lambda path, reason: report.failed.append((source_key(path), reason)))
    batch = _Batch(enumerate(_jobs(files, known, report, seen)), workers, owners, known,
                   report, progress, on_error)
    try:
        more = True
        while more:
            writer = _acquire_writer(ix, lock_wait)
            try:
                more, segments = batch.run(writer, index_dir, batch_size)
                if prune and not more:
                    for key in known:
                        if key not in seen and not os.path.exists(os.fsencode(key)):
                            writer.delete_by_term("source", key)
                            report.removed += 1
                writer.commit(segments=segments)
            except BaseException:
                workers.cancel()
                writer.abandon()
                raise
    finally:
        owners.close()
    report.seconds = time.monotonic() - started
    return report


class _Batch:
    """One commit's worth of files through the workers, the results taken in file order
    (so which of two duplicate files is kept does not depend on timing)."""

    CHUNK = 8

    def __init__(self, jobs, workers: Workers, owners, known, report, progress, on_error):
        self.jobs, self.workers, self.owners, self.known = jobs, workers, owners, known
        self.report, self.progress, self.on_error = report, progress, on_error
        self.next_seq = 0
        self.waiting: dict[int, FileResult] = {}

    def run(self, writer, index_dir: Path, batch_size: int) -> tuple[bool, list]:
        """(whether files are left, the workers' segments) after up to batch_size files."""
        workers = self.workers
        self.writer, self.dropped, self.metadata_only = writer, {}, {}
        workers.open(index_dir)
        sent, more = 0, True
        while sent < batch_size:
            chunk = list(islice(self.jobs, min(self.CHUNK, batch_size - sent)))
            if not chunk:
                more = False
                break
            workers.add([(seq, *job) for seq, job in chunk])
            sent += len(chunk)
            while workers.busy() >= workers.count * 8 * self.CHUNK:
                self._take(workers.results(wait=True))
            self._take(workers.results(wait=False))
        results, segments = workers.flush()
        self._take(results)
        for number, docnums in self.dropped.items():
            for docnum in docnums:
                segments[number].delete_document(docnum)
        return more, segments

    def _take(self, results: list[FileResult]) -> None:
        for result in results:
            self.waiting[result.seq] = result
        while self.next_seq in self.waiting:
            self._decide(self.waiting.pop(self.next_seq))
            self.next_seq += 1

    def _decide(self, result: FileResult) -> None:
        """Keep a parsed file's records, or drop them from the worker's new segment."""
        report, key = self.report, result.key
        if self.progress:
            self.progress(1)
        error = result.error if result.error is not None else \
            self.owners.duplicate(key, result.ids)
        if error is not None:
            report.failed.append((key, error))
            if self.on_error:
                self.on_error(key, error)
            self.dropped.setdefault(result.worker, []).extend(result.docnums)
            return
        for owner in self.owners.replaced:  # metadata-only records this document replaces
            self.writer.delete_by_term("source", owner)
            if owner in self.metadata_only:
                worker, docnums = self.metadata_only.pop(owner)
                self.dropped.setdefault(worker, []).extend(docnums)
        if is_sidecar(key):  # in this batch's segments: a later document may replace it
            self.metadata_only[key] = (result.worker, result.docnums)
        if key in self.known:
            self.writer.delete_by_term("source", key)
            report.updated += 1
        else:
            report.added += 1
        if self.known:  # a record whose old file is gone: this file's copy replaces it
            for record_id in result.ids:
                self.writer.delete_by_term("id", record_id)
        report.records += len(result.ids)
        report.warned += result.warned


def _acquire_writer(ix, wait: float = LOCK_WAIT_SECONDS):
    deadline = time.monotonic() + wait
    while True:
        try:
            return CommitWriter(ix, limitmb=256)
        except LockError:
            if time.monotonic() >= deadline:
                lock = write_lock_path(ix.storage.folder)
                raise IndexBusyError(busy_message(lock, wait)) from None
            time.sleep(0.2)


class _IdOwners:
    """Which file holds each record id, to refuse a second file with the same records."""

    def __init__(self, ix):
        self._searcher = ix.searcher()
        self._sources = None
        self._run: dict[str, str] = {}
        self.replaced: set[str] = set()

    def duplicate(self, key: str, ids: list[str]) -> str | None:
        """Why the file at `key` is refused, or None; then `replaced` holds the sources of
        the metadata-only records it replaces."""
        replaced = set()
        for record_id in ids:
            owner = self._run.get(record_id) or self._indexed_owner(record_id)
            if owner is None or owner == key or not os.path.exists(os.fsencode(owner)):
                continue
            if is_sidecar(owner) and not is_sidecar(key):
                replaced.add(owner)
                continue
            return (f"duplicate: record {record_id} is already indexed from {owner}; "
                    f"the index keeps one copy")
        self.replaced = replaced
        self._run.update((record_id, key) for record_id in ids)
        return None

    def _indexed_owner(self, doc_id: str) -> str | None:
        docnum = self._searcher.document_number(id=doc_id)
        if docnum is None:
            return None
        if self._sources is None:
            self._sources = self._searcher.reader().column_reader("source")
        return self._sources[docnum]

    def close(self) -> None:
        self._searcher.close()


@contextlib.contextmanager
def _worker_pool(workers: int | None):
    """Indexing processes (index/indexing/segments.py), all started now: before any lock exists
    for them to inherit."""
    pool = Workers(workers if workers is not None else min(2, os.cpu_count() or 1))
    try:
        yield pool
    finally:
        pool.close()
