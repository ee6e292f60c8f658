"""A full disk, told apart from other write errors.

ENOSPC (no space left) and EDQUOT (the user's quota used up) both mean "free some space
and run again"; every writer that stops on them says so in one line of its own words.
"""

from __future__ import annotations

import errno

DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def is_disk_full(error: BaseException) -> bool:
    """True for ENOSPC/EDQUOT, raised here or in a worker process (its `errno`), or as
    the cause of another error."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if getattr(error, "errno", None) in DISK_FULL_ERRNOS:
            return True
        error = error.__cause__ or error.__context__
    return False
