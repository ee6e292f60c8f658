"""A real small file system for the full-disk tests: a tmpfs with a size limit, mounted
for the test when running as root (else the test is skipped, and the ENOSPC injection
tests cover the same moments on any machine)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_filesystem(mountpoint: Path, size: str):
    """A tmpfs of `size` at mountpoint, unmounted afterwards (root only)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root; the ENOSPC test covers the rest")
    mountpoint.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                           str(mountpoint)], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield mountpoint
    finally:
        if subprocess.run(["umount", str(mountpoint)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(mountpoint)], check=False)


def free_bytes(path: Path) -> int:
    info = os.statvfs(path)
    return info.f_bavail * info.f_frsize


def fill(filler: Path, leave: int) -> None:
    """Grow `filler` until only `leave` bytes are free on its file system."""
    with open(filler, "wb") as handle:
        handle.truncate(0)
    room = free_bytes(filler.parent) - leave
    with open(filler, "wb") as handle:
        handle.write(b"\0" * max(room, 0))
