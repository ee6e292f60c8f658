"""Read one corpus file and parse it into records: the single entry the CLI and the
index writer use, so both report the same one-line reasons for the same bad files.
Official metadata in a `<name>.json` beside the file is merged in (index/documents/metadata.py)."""

from __future__ import annotations

from pathlib import Path

from index.documents.hyphenation import document_resolver
from index.documents.metadata import apply_metadata, load_metadata
from index.documents.model import DocumentError, Record
from index.documents.parser import parse_text
from index.documents.readers import read_document


def load_records(path: Path, source: str | None = None) -> list[Record]:
    """Records of one file; DocumentError with a one-line reason when it has none."""
    text = read_document(path)
    records = parse_text(text, source if source is not None else str(path),
                         document_resolver(text))
    meta, problem = load_metadata(path)
    if meta is not None:
        apply_metadata(records, meta)
    elif problem:
        for record in records:
            record.warnings.append(problem)
    return records


def describe_error(error: BaseException) -> str:
    """A one-line reason for any failure, never a traceback."""
    if isinstance(error, DocumentError):
        message = str(error)
    else:
        message = f"unexpected {type(error).__name__}: {error}"
    return " ".join(message.split()) or type(error).__name__
