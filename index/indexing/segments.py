"""Parser processes that also write: each turns its share of the files into a segment.

Parsing in workers while one process writes left a core idle: the writer's own work
(adding postings, then flushing them at each commit) took as long as all the parsing,
and during a flush the parsers waited (measured: 1.1 of 2 cores busy over a
50,000-document build). Here every worker parses, analyzes and adds its documents to a
Whoosh segment writer of its own (unlocked: the main process holds the index's lock, as
Whoosh's multiprocessing writer does) and flushes it when the main process asks, at a
commit; the main process only decides (duplicates, replaced files) and writes the table
of contents that makes the new segments part of the index, durably (index/indexing/commit.py).

Workers are started before any lock is taken (a forked process would keep a copy of
the lock's file descriptor) and exit when their parent dies. With one worker the same
steps run in the calling process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
import time
import traceback
from pathlib import Path

from index.documents.loader import describe_error, load_records
from index.indexing.commit import WorkerSegmentWriter
from index.indexing.keywords import salient_words
from index.indexing.schema import document_fields
from index.indexing.store import open_index

WORKER_LIMIT_MB = 128
PARENT_CHECK_SECONDS = 0.5


class FileResult:
    """What became of one file: its record ids and their document numbers in the
    segment of worker `worker`, or a one-line reason; `warned` counts its records that
    carry parser warnings."""

    __slots__ = ("seq", "key", "digest", "ids", "docnums", "worker", "error", "warned")

    def __init__(self, seq, key, digest, ids=(), docnums=(), worker=0, error=None, warned=0):
        self.seq, self.key, self.digest = seq, key, digest
        self.ids, self.docnums, self.worker, self.error = ids, docnums, worker, error
        self.warned = warned

    def __reduce__(self):
        return FileResult, (self.seq, self.key, self.digest, self.ids, self.docnums,
                            self.worker, self.error, self.warned)


class SegmentBuilder:
    """One worker's state: an open segment writer between `open` and `flush`."""

    def __init__(self, number: int):
        self.number = number
        self.writer = None

    def open(self, index_dir: str) -> None:
        self.writer = WorkerSegmentWriter(open_index(Path(index_dir)), limitmb=WORKER_LIMIT_MB)

    def add_files(self, jobs: list[tuple]) -> list[FileResult]:
        out = []
        for seq, path, key, digest in jobs:
            try:
                records = load_records(Path(os.fsdecode(path)), key)
            except Exception as error:  # noqa: BLE001 - reported per file, the run goes on
                out.append(FileResult(seq, key, digest, error=describe_error(error)))
                continue
            ids, docnums = [], []
            for record in records:
                words = salient_words(f"{record.title}\n{record.question}\n{record.answer}")
                docnums.append(self.writer.docnum)
                ids.append(record.id)
                self.writer.add_document(**document_fields(record, digest, key, words))
            warned = sum(1 for record in records if record.warnings)
            out.append(FileResult(seq, key, digest, ids, docnums, self.number, warned=warned))
        return out

    def flush(self):
        """The finished segment (None when no document was added); the writer is done."""
        writer, self.writer = self.writer, None
        return None if writer is None else writer.finish()

    def cancel(self) -> None:
        if self.writer is not None:
            self.writer.abandon()
            self.writer = None


def _serve(number: int, tasks, results) -> None:
    """A worker process: run commands from its own queue, answer on the shared one."""
    _watch_parent()
    builder = SegmentBuilder(number)
    while True:
        command, arg = tasks.get()
        try:
            if command == "stop":
                return
            if command == "open":
                builder.open(arg)
            elif command == "files":
                results.put(("files", builder.add_files(arg)))
            elif command == "flush":
                results.put(("segment", (number, builder.flush())))
            elif command == "cancel":
                builder.cancel()
        except BaseException as error:  # noqa: BLE001 - the main process raises it
            results.put(("error", (traceback.format_exc(), getattr(error, "errno", None))))


def _watch_parent() -> None:
    """Exit as soon as the process that started this one is gone (SIGKILL)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class WorkerError(RuntimeError):
    """A worker process failed; the message holds its traceback, `errno` the error
    number when it was an OSError (a full disk is ENOSPC in a worker too)."""

    def __init__(self, message: str, errno: int | None = None):
        super().__init__(message)
        self.errno = errno


class Workers:
    """`count` segment-writing processes (or the calling process alone when count is 1)."""

    def __init__(self, count: int):
        self.count = count
        self.outstanding = [0] * count
        self._local = SegmentBuilder(0) if count <= 1 else None
        self._ready: list = []
        if self._local is None:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            ctx = multiprocessing.get_context(method)
            self._results = ctx.Queue()
            self._tasks = [ctx.Queue() for _ in range(count)]
            self._procs = [ctx.Process(target=_serve, args=(n, self._tasks[n], self._results),
                                       daemon=True, name=f"vraagbaak-indexer-{n}")
                           for n in range(count)]
            for proc in self._procs:
                proc.start()

    def _send(self, number: int, command: str, arg=None) -> None:
        self._tasks[number].put((command, arg))

    def open(self, index_dir: Path) -> None:
        if self._local is not None:
            self._local.open(str(index_dir))
            return
        for n in range(self.count):
            self._send(n, "open", str(index_dir))

    def add(self, jobs: list[tuple]) -> None:
        """Give jobs (seq, path, key, digest) to the least busy worker."""
        if self._local is not None:
            self._ready.extend(self._local.add_files(jobs))
            return
        number = min(range(self.count), key=self.outstanding.__getitem__)
        self.outstanding[number] += len(jobs)
        self._send(number, "files", jobs)

    def busy(self) -> int:
        return sum(self.outstanding)

    def results(self, wait: bool) -> list[FileResult]:
        """File results that have come in (waiting for at least one if `wait`)."""
        ready, self._ready = self._ready, []
        if self._local is not None:
            return ready
        while True:
            try:
                kind, payload = self._results.get(timeout=1.0) if wait and not ready \
                    else self._results.get_nowait()
            except queue.Empty:
                if wait and not ready:
                    self._check_alive()
                    continue
                return ready
            self._check(kind, payload)
            for result in payload:
                self.outstanding[result.worker] -= 1
            ready.extend(payload)

    def flush(self) -> tuple[list[FileResult], list]:
        """Every outstanding file result, then each worker's finished segment."""
        if self._local is not None:
            return self.results(False), [self._local.flush()]
        for n in range(self.count):
            self._send(n, "flush")
        files, segments = self._ready, [None] * self.count
        self._ready = []
        waiting = self.count
        while waiting:
            try:
                kind, payload = self._results.get(timeout=1.0)
            except queue.Empty:
                self._check_alive()
                continue
            self._check(kind, payload)
            if kind == "segment":
                segments[payload[0]] = payload[1]
                waiting -= 1
            else:
                for result in payload:
                    self.outstanding[result.worker] -= 1
                files.extend(payload)
        return files, segments

    def cancel(self) -> None:
        if self._local is not None:
            self._local.cancel()
        else:
            for n in range(self.count):
                self._send(n, "cancel")

    def _check(self, kind: str, payload) -> None:
        if kind == "error":
            trace, errno = payload
            raise WorkerError(f"an indexing worker failed:\n{trace}", errno)

    def _check_alive(self) -> None:
        dead = [p.name for p in self._procs if not p.is_alive()]
        if dead:
            raise WorkerError(f"indexing worker {', '.join(dead)} stopped unexpectedly")

    def close(self) -> None:
        if self._local is not None:
            self._local.cancel()
            return
        for n in range(self.count):
            with contextlib.suppress(Exception):
                self._send(n, "stop")
        for proc in self._procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
                proc.join(timeout=5)
