"""An unbuffered file that passes every call to the real one: the base of the test disks
(tests/reliability/simulated_disk.py, tests/harvest/filling_disk.py), which watch writes."""

from __future__ import annotations

import io


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
