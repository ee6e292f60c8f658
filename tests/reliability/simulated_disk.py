"""A disk that can lose power or fill up, under a real index folder (SQLite's crash
tests, done on real files).

While installed, every write, create, rename, delete and fsync that reaches the
operating system for a file directly in `root` goes through here (builtins/io `open`
for writing, and the `os` calls, are patched for that folder only; the code under test
is not touched). The disk keeps a model of what would survive a power cut:

- a file's *durable* data is its data at its last fsync (everything on disk when the
  simulation starts counts as durable);
- the folder's *durable* names are its names at its last fsync, and every create,
  rename and delete since then is kept in order, unsynced.

`crash_image(target, ...)` writes the folder as the disk would hold it after a power
cut at this moment: names from the durable folder plus the first `keep_ops` unsynced
folder changes (a journaling file system applies them in order), each file's data
its durable data where it was synced, else a 512-byte sector mix of its old data, its
new data and garbage, cut to its old or new length. Every event is a cut point: a
callback `on_event(number, kind, name)` runs after each one.

`full_at = k` makes the k-th write or fsync (counted in `attempts`) and every one after
it fail with ENOSPC (a disk that filled up and stays full; `filled` says it happened)
until it is set back to None.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import random
import stat
from pathlib import Path

from tests.watched_raw import PatchedDisk, WatchedRaw

DIR = "<dir>"
SECTOR = 512
_REAL = {name: getattr(os, name) for name in
         ("open", "fsync", "rename", "replace", "remove", "unlink", "mkdir", "rmdir")}
_REAL_OPEN = builtins.open


class _RecordingRaw(WatchedRaw):
    """An unbuffered file whose every write is an event of the disk."""

    def __init__(self, disk: SimulatedDisk, raw, name: str):
        super().__init__(raw)
        self._disk, self._name = disk, name

    def write(self, data) -> int:
        self._disk._before_write(self._name)
        written = self._raw.write(data)
        self._disk._event("write", self._name)
        return written


class SimulatedDisk(PatchedDisk):
    def __init__(self, root: Path):
        self.root = os.path.realpath(root)
        self.root_ino = os.stat(self.root).st_ino
        self.events = 0
        self.kinds: dict[str, int] = {}
        self.on_event = None
        self.full_at: int | None = None
        self.attempts = 0
        self.filled = False
        self.unmodelled = 0
        self._ident = 0
        self.live: dict[str, object] = {}
        self.ino: dict[int, int] = {}
        self.durable: dict[int, bytes] = {}
        self.last: dict[int, bytes] = {}
        for name in sorted(os.listdir(self.root)):
            path = os.path.join(self.root, name)
            if os.path.isdir(path):
                self.live[name] = DIR
            else:
                ident = self._new(path)
                self.live[name] = ident
                self.durable[ident] = Path(path).read_bytes()
        self.durable_dir = dict(self.live)
        self.ops: list[tuple] = []
        self._saved: dict = {}

    # -- installing ---------------------------------------------------------------

    def os_patches(self) -> dict:
        return {"open": self._os_open, "fsync": self._fsync, "rename": self._rename,
                "replace": self._replace, "remove": self._unlink, "unlink": self._unlink,
                "mkdir": self._mkdir, "rmdir": self._rmdir}

    # -- the model ----------------------------------------------------------------

    def _name(self, path) -> str | None:
        """The entry name when `path` is directly in root, else None."""
        if isinstance(path, int):
            return None
        path = os.fsdecode(path)
        parent, name = os.path.split(os.path.abspath(path))
        if parent != self.root and os.path.realpath(parent) != self.root:
            return None
        return name

    def _new(self, path: str) -> int:
        self._ident += 1
        self.ino[self._ident] = os.stat(path).st_ino
        return self._ident

    def _event(self, kind: str, name: str) -> None:
        self.events += 1
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if self.on_event is not None:
            self.on_event(self.events, kind, name)

    def _before_write(self, name: str) -> None:
        self.attempts += 1
        if self.full_at is not None and self.attempts >= self.full_at:
            self.filled = True
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)

    def _created(self, name: str) -> None:
        ident = self._new(os.path.join(self.root, name))
        self.live[name] = ident
        self.ops.append(("create", name, ident))
        self._event("create", name)

    def _capture(self, name: str) -> None:
        """Keep the page-cache data of a file that is about to lose its name."""
        ident = self.live.get(name)
        if isinstance(ident, int):
            with _REAL_OPEN(os.path.join(self.root, name), "rb") as handle:
                self.last[ident] = handle.read()

    # -- patched calls ------------------------------------------------------------

    def _open(self, file, mode="r", buffering=-1, encoding=None, errors=None, newline=None,
              closefd=True, opener=None):
        name = self._name(file) if not isinstance(file, int) else None
        if name is None or not any(c in mode for c in "wax+"):
            return _REAL_OPEN(file, mode, buffering, encoding, errors, newline, closefd,
                              opener)
        path = os.path.join(self.root, name)
        existed = os.path.lexists(path)
        raw = _REAL_OPEN(path, mode.replace("t", "").replace("b", "") + "b", buffering=0)
        if not existed:
            self._created(name)
        recording = _RecordingRaw(self, raw, name)
        buffered = (io.BufferedRandom if "+" in mode else io.BufferedWriter)(recording)
        if "b" in mode:
            return buffered
        return io.TextIOWrapper(buffered, encoding=encoding, errors=errors, newline=newline)

    def _os_open(self, path, flags, mode=0o777, *, dir_fd=None):
        name = self._name(path) if dir_fd is None else None
        creates = name is not None and flags & os.O_CREAT and \
            not os.path.lexists(os.path.join(self.root, name))
        fd = _REAL["open"](path, flags, mode, dir_fd=dir_fd)
        if creates:
            self._created(name)
        return fd

    def _fsync(self, fd: int) -> None:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode) and info.st_ino == self.root_ino:
            self._before_write(".")
            _REAL["fsync"](fd)
            self.durable_dir = self._apply(self.durable_dir, self.ops)
            self.ops = []
            self._event("fsync-dir", ".")
            return
        for name, ident in self.live.items():
            if isinstance(ident, int) and self.ino[ident] == info.st_ino:
                self._before_write(name)
                _REAL["fsync"](fd)
                with _REAL_OPEN(f"/proc/self/fd/{fd}", "rb") as handle:
                    self.durable[ident] = handle.read()
                self._event("fsync", name)
                return
        _REAL["fsync"](fd)

    def _rename(self, src, dst, *, src_dir_fd=None, dst_dir_fd=None, real="rename"):
        old, new = self._name(src), self._name(dst)
        if src_dir_fd is not None or dst_dir_fd is not None or old is None or new is None:
            return _REAL[real](src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)
        self._capture(new)
        _REAL[real](src, dst)
        self.live.pop(new, None)
        self.live[new] = self.live.pop(old)
        self.ops.append(("rename", old, new))
        self._event("rename", new)
        return None

    def _replace(self, src, dst, *, src_dir_fd=None, dst_dir_fd=None):
        return self._rename(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd,
                            real="replace")

    def _unlink(self, path, *, dir_fd=None):
        name = self._name(path) if dir_fd is None else None
        if name is None:
            return _REAL["unlink"](path, dir_fd=dir_fd)
        self._capture(name)
        _REAL["unlink"](path)
        self.live.pop(name, None)
        self.ops.append(("unlink", name))
        self._event("unlink", name)
        return None

    def _mkdir(self, path, mode=0o777, *, dir_fd=None):
        name = self._name(path) if dir_fd is None else None
        _REAL["mkdir"](path, mode, dir_fd=dir_fd)
        if name is not None:
            self.live[name] = DIR
            self.ops.append(("create", name, DIR))
            self._event("mkdir", name)

    def _rmdir(self, path, *, dir_fd=None):
        name = self._name(path) if dir_fd is None else None
        _REAL["rmdir"](path, dir_fd=dir_fd)
        if name is not None:
            self.live.pop(name, None)
            self.ops.append(("unlink", name))
            self._event("rmdir", name)

    # -- a power cut ----------------------------------------------------------------

    @staticmethod
    def _apply(entries: dict, ops: list[tuple]) -> dict:
        entries = dict(entries)
        for op in ops:
            if op[0] == "create":
                entries[op[1]] = op[2]
            elif op[0] == "rename":
                if op[1] in entries:
                    entries[op[2]] = entries.pop(op[1])
            else:
                entries.pop(op[1], None)
        return entries

    def _reconcile(self) -> None:
        """Names made or removed behind the patches' back count as unsynced changes
        (there should be none: `unmodelled` counts them)."""
        actual = set(os.listdir(self.root))
        for name in sorted(actual - set(self.live)):
            self.unmodelled += 1
            path = os.path.join(self.root, name)
            ident = DIR if os.path.isdir(path) else self._new(path)
            self.live[name] = ident
            self.ops.append(("create", name, ident))
        for name in sorted(set(self.live) - actual):
            self.unmodelled += 1
            self.live.pop(name)
            self.ops.append(("unlink", name))

    def crash_image(self, target: Path, keep_ops: int, rng: random.Random) -> None:
        """Write into `target` what the folder would hold after a power cut now, with
        the first keep_ops unsynced folder changes applied."""
        self._reconcile()
        target.mkdir(parents=True)
        names = {ident: name for name, ident in self.live.items() if isinstance(ident, int)}
        for name, ident in self._apply(self.durable_dir, self.ops[:keep_ops]).items():
            path = target / name
            if ident == DIR:
                path.mkdir()
                continue
            if ident in names:
                with _REAL_OPEN(os.path.join(self.root, names[ident]), "rb") as handle:
                    current = handle.read()
            else:
                current = self.last.get(ident, b"")
            with _REAL_OPEN(path, "wb") as handle:
                handle.write(garble(self.durable.get(ident, b""), current, rng))


def garble(old: bytes, new: bytes, rng: random.Random) -> bytes:
    """What the disk holds of a file whose data went from `old` (synced) to `new`
    (not synced): each sector old, new or garbage, the length old or new."""
    if old == new:
        return old
    length = rng.choice((len(old), len(new)))
    out = bytearray()
    for start in range(0, length, SECTOR):
        pick = rng.randrange(3)
        if pick == 2:
            out += rng.randbytes(SECTOR)
        else:
            source = (old, new)[pick]
            out += source[start:start + SECTOR].ljust(SECTOR, b"\0")
    return bytes(out[:length])
