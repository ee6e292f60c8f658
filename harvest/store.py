"""The harvest folder: `<zittingsjaar>/<id>.pdf` and `<zittingsjaar>/<id>.json`.

Files appear only whole and stay on disk through a power cut: each is written with
`durable.writes.write_atomic` (a hidden temporary name in the same folder, synced,
renamed over the final name, the folder synced), and new folders with
`durable.writes.make_dirs`. The PDF is renamed before its sidecar, and the sidecar is
what marks a question as fetched: a run killed (or stopped by a full disk) between the
two leaves a PDF without (or with an older) sidecar, and the next run fetches that
question again. Temporary files a killed run left behind are removed at the start of
the next.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
from pathlib import Path

from durable.writes import PARTIAL_SUFFIX, fsync_dir, make_dirs, write_atomic

SIDECAR_FORMAT = 1
# Temporary files: write_atomic's, and ".NAME.<pid>.part" of harvests before it was shared.
TEMP_SUFFIXES = (PARTIAL_SUFFIX, ".part")
_SESSION = re.compile(r"^\d{4}-\d{4}$")


def sidecar_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()


LOCK_NAME = ".harvest.lock"


class HarvestBusyError(RuntimeError):
    """Another harvest is writing into the same folder."""


@contextlib.contextmanager
def run_lock(root: Path):
    """One harvest at a time per folder (a second would delete the first's temporary
    files); the lock goes with the process, so a killed run never leaves it held."""
    make_dirs(root)
    with open(root / LOCK_NAME, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise HarvestBusyError(f"another vraagbaak harvest is writing into {root}; "
                                   f"try again when it is done") from None
        yield


class Store:
    """What the harvest folder holds, by question id."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.sidecars: dict[str, Path] = {}

    def scan(self) -> int:
        """Index the sidecars on disk and delete temporary files; returns how many were
        deleted (left by a killed run)."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for folder in self.root.iterdir():
            if not folder.is_dir() or not _SESSION.match(folder.name):
                continue
            for entry in os.scandir(folder):
                if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIXES):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed += 1
                elif entry.name.endswith(".json") and entry.name[:-5].isdigit():
                    self.sidecars[entry.name[:-5]] = Path(entry.path)
        return removed

    def folder(self, session: str) -> Path:
        return self.root / session

    def sidecar(self, question_id: str) -> dict | None:
        """The stored sidecar of a question, or None (absent or unreadable: fetch again)."""
        path = self.sidecars.get(question_id)
        if path is None:
            return None
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def file_path(self, question_id: str, sidecar: dict) -> Path | None:
        name = (sidecar.get("vraagbaak") or {}).get("file")
        path = self.sidecars.get(question_id)
        return path.with_name(name) if name and path else None

    def save(self, session: str, question_id: str, sidecar: dict,
             pdf: bytes | None) -> list[Path]:
        """Write the PDF (when there is one) and then the sidecar; returns the paths."""
        folder = self.folder(session)
        make_dirs(folder)
        written = []
        if pdf is not None:
            path = folder / f"{question_id}.pdf"
            write_atomic(path, pdf)
            written.append(path)
        path = folder / f"{question_id}.json"
        old = self.sidecars.get(question_id)
        write_atomic(path, sidecar_bytes(sidecar))
        if old is not None and old != path:  # moved to another zittingsjaar
            for stale in (old, old.with_suffix(".pdf")):
                with contextlib.suppress(OSError):
                    stale.unlink()
            fsync_dir(old.parent)  # or a power cut brings the old copy back
        self.sidecars[question_id] = path
        written.append(path)
        return written
