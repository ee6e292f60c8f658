"""Incremental, idempotent indexing of corpus files.

A file is identified by its absolute path and its content digest. Unchanged files are
skipped; a changed file's records are replaced; `prune` drops the records of files that
no longer exist. Files are read and parsed in worker processes (both cores), the main
process writes. The writer commits every `batch_size` documents: each commit is atomic,
so a killed run leaves every committed document whole and the next run finishes the job.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import LockError

from index.keywords import salient_words
from index.loader import describe_error, load_records
from index.readers import iter_corpus_files
from index.schema import build_schema, document_fields

INDEX_NAME = "vraagbaak"
DEFAULT_BATCH = 2000
LOCK_WAIT_SECONDS = 10.0


class IndexBusyError(Exception):
    """Another writer holds the index lock."""


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    records: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        changed = self.added + self.updated + self.removed
        text = (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.removed} removed, {len(self.failed)} failed "
                f"({self.records} records written in {self.seconds:.1f} s)")
        if not changed and not self.failed:
            text += "; index already up to date"
        return text


def source_key(path: Path) -> str:
    """Absolute path as printable text: the identity of a file across runs."""
    return os.fsencode(os.path.abspath(path)).decode("utf-8", errors="backslashreplace")


def file_digest(path: Path) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_index(index_dir: Path, create: bool = True):
    """Open the index in index_dir, creating it when it does not exist yet."""
    index_dir = Path(index_dir)
    if whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME):
        return whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    if not create:
        raise FileNotFoundError(f"no index in {index_dir}; run `vraagbaak index` first")
    index_dir.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(index_dir), build_schema(), indexname=INDEX_NAME)


def indexed_files(ix) -> dict[str, str]:
    """source -> digest of what the index holds, read from columns (no stored records)."""
    with ix.reader() as reader:
        if reader.doc_count() == 0:
            return {}
        sources = reader.column_reader("source")
        digests = reader.column_reader("digest")
        return {sources[n]: digests[n] for n in reader.all_doc_ids()}


def _prepare(job: tuple[str, str, str]) -> tuple[str, str, list[dict] | None, str | None]:
    """Worker: read and parse one file into index documents, or a one-line reason."""
    path, key, digest = job
    try:
        records = load_records(Path(os.fsdecode(path)), key)
    except Exception as error:  # noqa: BLE001 - reported per file, the run goes on
        return key, digest, None, describe_error(error)
    docs = []
    for record in records:
        words = salient_words(f"{record.title}\n{record.question}\n{record.answer}")
        docs.append(document_fields(record, digest, key, words))
    return key, digest, docs, None


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
                on_error: Callable[[str, str], None] | None = None) -> IndexReport:
    """Bring the index in index_dir up to date with the files under paths."""
    started = time.monotonic()
    report = IndexReport()
    ix = open_index(index_dir)
    known = indexed_files(ix)
    seen: set[str] = set()
    writer = _acquire_writer(ix)
    pending = 0
    try:
        jobs = _jobs(iter_corpus_files(paths), known, report, seen)
        for key, _digest, docs, error in _run(jobs, workers):
            if progress:
                progress(1)
            if error is not None:
                report.failed.append((key, error))
                if on_error:
                    on_error(key, error)
                continue
            if key in known:
                writer.delete_by_term("source", key)
                report.updated += 1
            else:
                report.added += 1
            for doc in docs:
                writer.update_document(**doc)
            report.records += len(docs)
            pending += len(docs)
            if pending >= batch_size:
                writer.commit()
                writer = _acquire_writer(ix)
                pending = 0
        if prune:
            for key in known:
                if key not in seen and not os.path.exists(os.fsencode(key)):
                    writer.delete_by_term("source", key)
                    report.removed += 1
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    report.seconds = time.monotonic() - started
    return report


def _acquire_writer(ix):
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            return ix.writer(limitmb=256)
        except LockError:
            if time.monotonic() >= deadline:
                raise IndexBusyError(
                    "the index is locked by another writer (is another `vraagbaak index` "
                    "running?); wait for it to finish and try again"
                ) from None
            time.sleep(0.2)


def _run(jobs: Iterator[tuple[str, str, str]], workers: int | None):
    """Results of _prepare for each job, in order; in worker processes when that helps.

    At most a few chunks are in flight, so memory stays bounded however many files
    there are (Executor.map would submit them all at once).
    """
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if workers <= 1:
        yield from map(_prepare, jobs)
        return
    chunk = 32
    with ProcessPoolExecutor(max_workers=workers) as pool:
        in_flight: deque = deque()
        while True:
            batch = list(islice(jobs, chunk))
            if batch:
                in_flight.append(pool.submit(_prepare_many, batch))
            if not in_flight:
                return
            if batch and len(in_flight) < workers * 3:
                continue
            yield from in_flight.popleft().result()


def _prepare_many(batch: list[tuple[str, str, str]]) -> list:
    return [_prepare(job) for job in batch]
