"""The index directory: its name, whether it holds an index, opening it, the version check.

Everything that touches the Whoosh index as a whole (the writer, its worker processes,
the search service, the web layer, the CLI) opens it here, so the index's name, the
"no index" and "old index" errors, and the way files are read are decided once.

Files are read without mmap: whoosh3 copies a mmapped file into a BytesIO when a reader
opens it, so each reader held a private copy of the index (measured on 50,000 documents:
580 MB and 0.2 s per searcher, against 1 MB and 10 ms without mmap, at the same search
speed).
"""

from __future__ import annotations

import re
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from index.indexing.commit import create_index
from index.indexing.schema import SCHEMA_VERSION, build_schema, schema_version

INDEX_NAME = "vraagbaak"
# Whoosh's own lock file for one commit (index/indexing/locks.py holds the lock of a whole run).
WRITE_LOCK_NAME = f"{INDEX_NAME}_WRITELOCK"
# Whoosh's table of contents, one per commit generation.
TOC_NAME = re.compile(rf"_{INDEX_NAME}_([0-9]+)\.toc")


class IndexStoreError(Exception):
    """The index directory cannot be used as it is; the message says what to do."""


class IndexMissingError(IndexStoreError, FileNotFoundError):
    """No index in the directory yet."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        super().__init__(f"no index in {index_dir}; run `vraagbaak index` first")


class IndexVersionError(IndexStoreError, RuntimeError):
    """The index was built by an older Vraagbaak with another schema: rebuild it."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        super().__init__(f"the index in {index_dir} was built by an older Vraagbaak (another "
                         f"schema); delete that folder and run `vraagbaak index` again")


def _storage(index_dir: Path) -> FileStorage:
    return FileStorage(str(index_dir), supports_mmap=False)


def index_exists(index_dir: Path) -> bool:
    """Whether index_dir holds a Vraagbaak index (of any schema version): a table of
    contents is there. Not unpickled here: an index of an older Vraagbaak may name
    classes that no longer exist, and open_index words that."""
    index_dir = Path(index_dir)
    return index_dir.is_dir() and any(TOC_NAME.fullmatch(entry.name)
                                      for entry in index_dir.iterdir())


def open_index(index_dir: Path, create: bool = False):
    """The index in index_dir; with `create`, a new empty one when there is none.

    IndexMissingError when there is none and `create` is false; IndexVersionError when
    it was built with another schema."""
    index_dir = Path(index_dir)
    storage = _storage(index_dir)
    if index_exists(index_dir):
        try:
            ix = storage.open_index(INDEX_NAME)
        except (ImportError, AttributeError):
            # Whoosh pickles analyzer and codec classes by module path: an index written
            # before they moved (schema 3 and older) names modules that no longer exist.
            raise IndexVersionError(index_dir) from None
        if schema_version(ix.schema) != SCHEMA_VERSION:
            raise IndexVersionError(index_dir)
        return ix
    if not create:
        raise IndexMissingError(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    return create_index(str(index_dir), build_schema(), INDEX_NAME)


def write_lock_path(index_dir: Path) -> Path:
    return Path(index_dir) / WRITE_LOCK_NAME
