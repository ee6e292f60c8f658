"""Files an interrupted run leaves in the index folder, found and removed.

A run killed, or cut off by a power failure or a full disk, can leave: segment files of
a commit it never finished, a table of contents (TOC) written under its temporary name
and never renamed, older TOCs a finished commit had not yet deleted, the writer's
temporary folder, and temporary files of `durable.writes.write_atomic`. Readers never
look at any of them (they follow the newest TOC). `vraagbaak check` names them; the
next `vraagbaak index` removes them, under the run lock, before it writes.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from durable.writes import leftover_partials


def find_leftovers(index_dir: Path, indexname: str) -> list[str]:
    """Names of leftover files and folders in index_dir (sorted)."""
    index_dir = Path(index_dir)
    try:
        names = os.listdir(index_dir)
    except OSError:
        return []
    storage = FileStorage(str(index_dir), supports_mmap=False)
    try:
        toc = TOC.read(storage, indexname)
        generation, segments = toc.generation, {s.segment_id() for s in toc.segments}
    except Exception:  # noqa: BLE001 - no readable TOC: only the obvious leftovers
        generation, segments = None, None
    toc_name = re.compile(rf"^_{re.escape(indexname)}_([0-9]+)\.toc(\..+)?$")
    segment_name = TOC._segment_pattern(indexname)
    found = set(leftover_partials(index_dir))
    for name in names:
        toc_match, segment_match = toc_name.match(name), segment_name.match(name)
        if name == f"{indexname}.tmp":
            found.add(name)
        elif toc_match:
            if toc_match.group(2) or (generation is not None
                                       and int(toc_match.group(1)) != generation):
                found.add(name)
        elif segment_match and segments is not None and segment_match.group(1) not in segments:
            found.add(name)
    return sorted(found)


def remove_leftovers(index_dir: Path, indexname: str) -> list[str]:
    """Delete what find_leftovers finds; only call it while no writer is active (under
    the run lock). Returns the names removed."""
    removed = []
    for name in find_leftovers(index_dir, indexname):
        path = Path(index_dir) / name
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(name)
    return removed
