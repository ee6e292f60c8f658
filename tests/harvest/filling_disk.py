"""A disk that fills up under a folder tree: the k-th write point fails with ENOSPC.

The harvester writes into `<out>/<zittingsjaar>/`, below the folder that
tests/reliability/simulated_disk.py models (it watches one flat folder and also
simulates power cuts); this one only counts and fails, but over the whole tree. While
installed, each of these on a path under `root` is a write point, counted in order:
creating a file or a folder, each write that reaches the operating system, and each
fsync of a file or a folder. `full_at = k` makes the k-th point and every one after it
fail with ENOSPC, as a disk that filled up and stays full; `filled` says it happened,
`points` lists (kind, path relative to root) of every point reached.
"""

from __future__ import annotations

import builtins
import errno
import io
import os

from tests.watched_raw import PatchedDisk, WatchedRaw

_REAL = {name: getattr(os, name) for name in ("open", "fsync", "mkdir")}
_REAL_OPEN = builtins.open


class _CountedRaw(WatchedRaw):
    """An unbuffered file whose every write is a write point."""

    def __init__(self, disk: FillingDisk, raw, path: str):
        super().__init__(raw)
        self._disk, self._path = disk, path

    def write(self, data) -> int:
        self._disk._point("write", self._path)
        return self._raw.write(data)


class FillingDisk(PatchedDisk):
    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.full_at: int | None = None
        self.filled = False
        self.points: list[tuple[str, str]] = []

    def os_patches(self) -> dict:
        return {"open": self._os_open, "fsync": self._fsync, "mkdir": self._mkdir}

    def _under(self, path) -> str | None:
        """`path` relative to root when it lies in the tree, else None."""
        if isinstance(path, int):
            return None
        path = os.path.realpath(os.fsdecode(path))
        if path == self.root or path.startswith(self.root + os.sep):
            return os.path.relpath(path, self.root)
        return None

    def _point(self, kind: str, relative: str) -> None:
        self.points.append((kind, relative))
        if self.full_at is not None and len(self.points) >= self.full_at:
            self.filled = True
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), relative)

    def _open(self, file, mode="r", buffering=-1, encoding=None, errors=None, newline=None,
              closefd=True, opener=None):
        relative = self._under(file)
        if relative is None or not any(c in mode for c in "wax+"):
            return _REAL_OPEN(file, mode, buffering, encoding, errors, newline, closefd,
                              opener)
        if not os.path.lexists(file):
            self._point("create", relative)
        raw = _REAL_OPEN(file, mode.replace("t", "").replace("b", "") + "b", buffering=0)
        counted = _CountedRaw(self, raw, relative)
        buffered = (io.BufferedRandom if "+" in mode else io.BufferedWriter)(counted)
        if "b" in mode:
            return buffered
        return io.TextIOWrapper(buffered, encoding=encoding, errors=errors, newline=newline)

    def _os_open(self, path, flags, mode=0o777, *, dir_fd=None):
        relative = self._under(path) if dir_fd is None else None
        if relative is not None and flags & os.O_CREAT and not os.path.lexists(path):
            self._point("create", relative)
        return _REAL["open"](path, flags, mode, dir_fd=dir_fd)

    def _fsync(self, fd: int) -> None:
        relative = self._under(os.readlink(f"/proc/self/fd/{fd}"))
        if relative is not None:
            self._point("fsync", relative)
        _REAL["fsync"](fd)

    def _mkdir(self, path, mode=0o777, *, dir_fd=None):
        relative = self._under(path) if dir_fd is None else None
        if relative is not None and not os.path.lexists(path):
            self._point("mkdir", relative)
        _REAL["mkdir"](path, mode, dir_fd=dir_fd)
