"""A full disk during a run: recognised, cleaned up after, and said in one line.

When the disk fills up mid-run, the commit being written fails and is abandoned: the
table of contents of the last commit was never touched, so the index stays exactly as
it was. The run's unfinished files are removed (they are useless and take space), and
nothing else is deleted to make room: the user decides what to free.
"""

from __future__ import annotations

from pathlib import Path


class DiskFullError(Exception):
    """The disk (or the user's quota) ran out of space; the message is one line."""


def disk_full_message(index_dir: Path, records: int) -> str:
    return (f"disk full: no space left on the device of {index_dir} while writing the "
            f"index; freed nothing, last commit kept ({records} records; this run's "
            f"unfinished files removed). Free some space and run again.")
