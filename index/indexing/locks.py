"""One writer at a time, for a whole `vraagbaak index` run, with a clear message if not.

Whoosh's own write lock is held per commit only, so a second writer could slip in
between two commits of a long run. The run lock closes that gap. Both are `flock` locks:
the operating system drops them when the holding process dies, even by SIGKILL, so a
lock file left on disk is never stale by itself and must never be deleted by hand (that
would let two writers in). When the lock is held, the message names the process that
holds it, read from /proc/locks on Linux.

The lock itself lives in the kernel, so a power cut releases it like a crash does;
the only bookkeeping on disk is the two lock files. They are created once, durably
(the folder synced after), by the first run: after a power cut they are still there,
and no later run has to create (and sync) them again.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from whoosh.util.filelock import FileLock

from durable.writes import fsync_dir

# Not a name Whoosh's file cleaner or index creation ever touches.
RUN_LOCK_NAME = "vraagbaak_RUNLOCK"
WRITE_LOCK_NAME = "vraagbaak_WRITELOCK"  # Whoosh's, taken per commit
POLL_SECONDS = 0.2


class IndexBusyError(Exception):
    """Another writer holds the index lock."""


@contextlib.contextmanager
def run_lock(index_dir: Path, wait: float) -> Iterator[None]:
    """Hold the run lock of index_dir; wait up to `wait` seconds, then IndexBusyError."""
    path = Path(index_dir) / RUN_LOCK_NAME
    create_lock_files(Path(index_dir))
    lock = FileLock(str(path))
    deadline = time.monotonic() + wait
    while not lock.acquire():
        if time.monotonic() >= deadline:
            raise IndexBusyError(busy_message(path, wait))
        time.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        lock.release()


def create_lock_files(index_dir: Path) -> None:
    """Create the run and write lock files if missing, and make their names durable."""
    created = False
    for name in (RUN_LOCK_NAME, WRITE_LOCK_NAME):
        try:
            os.close(os.open(index_dir / name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            created = True
        except FileExistsError:
            pass
    if created:
        fsync_dir(index_dir)


def busy_message(path: Path, waited: float) -> str:
    holders = ", ".join(f"process {pid} ({_command(pid)})" for pid in lock_holders(path))
    who = f" by {holders}" if holders else " by another writer"
    return (f"the index in {path.parent} is locked{who}; waited {waited:.0f} s. "
            f"Let that run finish (or stop it) and try again. The lock ends with its "
            f"process, so do not delete {path.name}.")


def lock_holders(path: Path) -> list[int]:
    """Process ids holding a lock on path (Linux /proc/locks; empty elsewhere)."""
    try:
        info = os.stat(path)
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return []
    wanted = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    pids = []
    for line in lines:
        fields = line.split()
        # "1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF"; blocked waiters have "->".
        if len(fields) >= 6 and "->" not in fields and fields[5] == wanted \
                and fields[4].isdigit():
            pids.append(int(fields[4]))
    return sorted(set(pids))


def _command(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "unknown command"
    words = [os.path.basename(w) if i < 2 else w
             for i, w in enumerate(raw.decode("utf-8", "replace").split("\0")) if w]
    text = " ".join(" ".join(words).split())  # one line, whatever the arguments held
    return "".join(c if c.isprintable() else "?" for c in text)[:120] or "unknown command"
