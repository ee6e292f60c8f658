"""Writes that survive a power cut: fsync of files and folders, and atomic file writes.

The operating system keeps written data in memory and puts it on disk when it likes; a
rename is only a change to a folder, and also stays in memory until that folder is
synced. So a file is durable only once its data is synced (fsync on the file) and its
name is durable only once its folder is synced (fsync on the folder). `write_atomic`
does the whole dance for one file: write a temporary file next to the target, sync
it, rename it over the target, sync the folder. A reader then sees the old file or the
new one, whole, whatever moment the power goes (the harvester's files and the index's
table of contents are written this way; `make_dirs` creates their folders).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

# Temporary files of write_atomic: ".NAME.<random>.partial" beside the target. A power
# cut can leave one behind; `leftover_partials` finds them and the next run removes them.
PARTIAL_SUFFIX = ".partial"


def fsync_file(path: str | os.PathLike) -> None:
    """Put the data of the file at `path` on disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_files(folder: str | os.PathLike, names: Iterable[str]) -> None:
    for name in names:
        fsync_file(os.path.join(folder, name))


def fsync_dir(folder: str | os.PathLike) -> None:
    """Make the names in `folder` durable: files created, renamed or deleted in it."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_dirs(folder: str | os.PathLike) -> None:
    """Create `folder` and its missing parents, each new name made durable (its parent
    synced), so a power cut cannot lose a folder and the files synced inside it."""
    folder = Path(folder)
    if folder.is_dir():
        return
    make_dirs(folder.parent)
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder)
    fsync_dir(folder.parent)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write `path` through: on a clean exit it replaces `path`
    durably (data synced, renamed, folder synced); on an exception it is removed and
    `path` is left as it was."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.{os.urandom(4).hex()}{PARTIAL_SUFFIX}")
    try:
        with open(temp, "xb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(path.parent)


def write_atomic(path: str | os.PathLike, data: bytes | str, encoding: str = "utf-8") -> None:
    """Replace the file at `path` with `data`, durably and atomically (see module doc)."""
    with atomic_writer(path) as handle:
        handle.write(data.encode(encoding) if isinstance(data, str) else data)


def leftover_partials(folder: str | os.PathLike) -> list[str]:
    """Names of write_atomic temporary files in `folder` (left by a crash)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(n for n in names if n.startswith(".") and n.endswith(PARTIAL_SUFFIX))
