"""The base of the test disks (tests/reliability/simulated_disk.py,
tests/harvest/filling_disk.py), which watch writes: an unbuffered file that passes every
call to the real one, and the swap of `os` functions and `open` while a disk is entered."""

from __future__ import annotations

import builtins
import io
import os


class WatchedRaw(io.RawIOBase):
    """Subclasses override `write` to see each write that reaches the operating system."""

    def __init__(self, raw):
        self._raw = raw

    def write(self, data) -> int:
        return self._raw.write(data)

    def readinto(self, buffer) -> int:
        return self._raw.readinto(buffer)

    def readable(self) -> bool:
        return self._raw.readable()

    def writable(self) -> bool:
        return self._raw.writable()

    def seekable(self) -> bool:
        return self._raw.seekable()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def truncate(self, size=None) -> int:
        return self._raw.truncate(size)

    def fileno(self) -> int:
        return self._raw.fileno()

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


class PatchedDisk:
    """While entered, the functions of `os` named by `os_patches()` and the built-in
    `open` are the test disk's own; leaving puts the real ones back."""

    def os_patches(self) -> dict:
        raise NotImplementedError

    def _open(self, *args, **kwargs):
        raise NotImplementedError

    def __enter__(self):
        patches = self.os_patches()
        self._saved = {name: getattr(os, name) for name in patches}
        self._saved_open = builtins.open
        for name, function in patches.items():
            setattr(os, name, function)
        builtins.open = io.open = self._open
        return self

    def __exit__(self, *exc) -> None:
        for name, function in self._saved.items():
            setattr(os, name, function)
        builtins.open = io.open = self._saved_open
