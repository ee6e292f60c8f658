"""The commit path: Whoosh segment writers made durable, the way Lucene commits.

Whoosh writes a commit's segment files, then a new table of contents (TOC) under a
temporary name, renames it into place and deletes what the new TOC no longer needs; it
never calls fsync. After a power cut the renamed TOC could then point at segment files
the disk never received, and the index would not open. `CommitWriter` commits in this
order instead, and only then returns: fsync every new segment file, fsync the folder
(their names), write the TOC to its temporary name and fsync it, rename it, fsync the
folder again. Old files are deleted only after that. Whichever moment the power goes,
the disk holds the previous commit or this one, whole (docs/reliability.md).

Both writers here subclass Whoosh's `SegmentWriter`, as Whoosh's own `MpWriter` does, so
the steps of a commit they reuse (merging, finishing a segment, cleaning files) are
their own methods: `WorkerSegmentWriter` writes one worker process's segment without
the lock, `CommitWriter` holds the lock and commits its own changes together with the
workers' segments in one TOC.
"""

from __future__ import annotations

import contextlib
import os

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex, clean_files
from whoosh.writing import SegmentWriter

from durable.writes import fsync_dir, fsync_files
from index.indexing.postings import PackedCodec


class WorkerSegmentWriter(SegmentWriter):
    """A segment written in a worker process. Unlocked: the main process holds the
    index's write lock, and its CommitWriter puts this segment in the TOC."""

    def __init__(self, ix, limitmb: int = 128):
        super().__init__(ix, _lk=False, codec=PackedCodec(), limitmb=limitmb)

    def finish(self):
        """The finished segment, or None when no document was added."""
        if not self._added:
            self._close_segment()
            return None
        return self._finalize_segment()

    def abandon(self) -> None:
        """Close the segment's files, whatever state they are in (a failed write)."""
        with contextlib.suppress(Exception):
            self._close_segment()


class CommitWriter(SegmentWriter):
    """The main process's writer: deletions and merges of its own, plus the segments of
    worker processes, committed durably in one new TOC."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, codec=PackedCodec(), **kwargs)
        self._old_segment_ids = {s.segment_id() for s in self.segments}

    def commit(self, mergetype=None, optimize=None, merge=None, segments=()) -> None:
        """Commit this writer's changes with `segments` (finished elsewhere); returns
        once the new commit is on disk."""
        self._check_state()
        try:
            final = self._merge_segments(mergetype, optimize, merge)
            final.extend(s for s in segments if s is not None)
            if self._added:
                final.append(self._finalize_segment())
            else:
                self._close_segment()
            self._commit_toc(final)
        except BaseException:
            self._cleanup_on_error()
            raise
        self._finish()

    def _commit_toc(self, segments) -> None:
        folder = self.storage.folder
        fsync_files(folder, [name for segment in segments
                             if segment.segment_id() not in self._old_segment_ids
                             for name in segment.list_files(self.storage)])
        fsync_dir(folder)
        TOC(self.schema, segments, self.generation).write(SyncingStorage(folder),
                                                          self.indexname)
        clean_files(self.storage, self.indexname, self.generation, segments)

    def abandon(self) -> None:
        """Give up this commit in any state (after an error, even one in commit):
        close the new segment's files and release the lock; the last commit stays."""
        if self.is_closed:
            return
        with contextlib.suppress(Exception):
            self._close_segment()
        self._cleanup_on_error()


class SyncingStorage(FileStorage):
    """A view of an index folder whose new files are synced when closed and whose
    renames are synced (the folder) before they count as done: how a TOC is written."""

    def create_file(self, name, excl=False, mode="wb", **kwargs):
        return super().create_file(name, excl=excl, mode=mode, onclose=_sync_on_close,
                                   **kwargs)

    def rename_file(self, oldname, newname, safe=False) -> None:
        super().rename_file(oldname, newname, safe=safe)
        fsync_dir(self.folder)


def _sync_on_close(structfile) -> None:
    structfile.file.flush()
    os.fsync(structfile.file.fileno())


def create_index(folder: str, schema, indexname: str) -> FileIndex:
    """A new empty index in `folder` whose first TOC is durable, as every later one."""
    TOC.create(SyncingStorage(folder), schema, indexname)
    fsync_dir(os.path.dirname(os.path.abspath(folder)))  # the folder's own name
    return FileIndex(FileStorage(folder, supports_mmap=False), schema, indexname)
