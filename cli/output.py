"""Small helpers shared by the commands' terminal output."""

from __future__ import annotations

import os
from pathlib import Path


def printable_path(path: Path | str) -> str:
    """A file name that always prints: undecodable bytes become `\\xNN` escapes."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="backslashreplace")
