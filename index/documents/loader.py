"""Read one corpus file and parse it into records: the single entry the CLI and the
index writer use, so both report the same one-line reasons for the same bad files.
Official metadata in a `<name>.json` beside the file is merged in (index/documents/metadata.py);
a `<name>.json` without its document is a metadata-only record."""

from __future__ import annotations

from pathlib import Path

from index.documents.hyphenation import document_resolver
from index.documents.metadata import apply_metadata, is_sidecar, load_metadata, metadata_record
from index.documents.model import DocumentError, Record
from index.documents.parser import parse_text
from index.documents.readers import document_beside, read_document


def load_records(path: Path, source: str | None = None) -> list[Record]:
    """Records of one file; DocumentError with a one-line reason when it has none."""
    source = source if source is not None else str(path)
    if is_sidecar(path):
        document = document_beside(path)
        if document is not None:
            raise DocumentError(f"the metadata of {document.name}: read with that file, "
                                f"not alone")
        return [metadata_record(path, source)]
    text = read_document(path)
    records = parse_text(text, source, document_resolver(text))
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
