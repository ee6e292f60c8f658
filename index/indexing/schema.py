"""The Whoosh schema: what is searchable, what is filterable, what is stored.

Texts are indexed once, exact (lowercase and accent folding only, with positions, for
quoted phrases and proximity). Plain words are not indexed a second time stemmed:
search expands a word at query time to the indexed words that share its stem
(search/vocab.py), which halves the analysis and the postings to write (the figures
are in docs/benchmark.md). The record itself is stored once, as compressed JSON,
rather than once per analyzed field. Minister, asker, date and the joint-question key
are column fields so search can read them per document for filters and facets; source
and digest are columns too, so the writer learns what is indexed without loading records.
Version 3 adds the official metadata that search filters and counts on: the themes (one
per line), the dates asked and answered, the on-time flag, and the portfolio (for the
minister pages); the status itself depends on today, so it is computed at search time.
Version 5 adds the parts of solid compounds to the exact fields as marked terms at the
compound's position (`kinderopvang` also gives `+kinder` `+opvang`), so a plain word
finds the compounds that hold it from the index alone, with no word lists at search time.
"""

from __future__ import annotations

import json
import zlib

from whoosh import columns, fields

from index.documents.model import Record
from index.indexing.analysis import marks_parts
from index.indexing.fasttext import ExactText

TEXT_FIELDS = ("title", "question", "answer")
EXACT_SUFFIX = "_exact"
EXACT_FIELDS = tuple(name + EXACT_SUFFIX for name in TEXT_FIELDS)
SCHEMA_VERSION = 5
TITLE_BOOST = 2.0


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        source=fields.ID(stored=True, sortable=True),
        digest=fields.ID(sortable=True),
        record=fields.STORED(),
        group=fields.ID(sortable=True),
        minister=fields.ID(sortable=True),
        asker=fields.ID(sortable=True),
        date=fields.ID(sortable=True),
        answer_kind=fields.ID(sortable=True),
        keywords=fields.COLUMN(columns.VarBytesColumn()),
        themes=fields.COLUMN(columns.VarBytesColumn()),
        asked=fields.COLUMN(columns.VarBytesColumn()),
        answered=fields.COLUMN(columns.VarBytesColumn()),
        on_time=fields.COLUMN(columns.VarBytesColumn()),
        portfolio=fields.COLUMN(columns.VarBytesColumn()),
        title_exact=ExactText(field_boost=TITLE_BOOST),
        question_exact=ExactText(),
        answer_exact=ExactText(),
    )


def schema_version(schema) -> int:
    """1 for indexes with separate stemmed fields, 2 before the official metadata columns,
    4 before the compound parts (the exact fields' analyzer adds none), SCHEMA_VERSION for
    current ones. (Version 3 had version 4's fields with the analyzers in the `index`
    package itself; such an index no longer unpickles, and the store says "reindex".)"""
    if "title" in schema:
        return 1
    if "themes" not in schema:
        return 2
    return SCHEMA_VERSION if marks_parts(schema[EXACT_FIELDS[0]].analyzer) else 4


def pack_record(record: Record) -> bytes:
    """The stored form of a record: compressed JSON, smaller than pickled strings."""
    return zlib.compress(json.dumps(record.to_json(), ensure_ascii=False).encode(), 6)


def unpack_record(blob: bytes) -> Record:
    return Record.from_json(json.loads(zlib.decompress(blob)))


def document_fields(record: Record, digest: str, source_key: str, keywords: list[str]) -> dict:
    """The field values the writer adds for one record."""
    doc = {
        "id": record.id,
        "source": source_key,
        "digest": digest,
        "record": pack_record(record),
        "group": record.group,
        "minister": record.minister,
        "asker": record.asker,
        "date": record.date,
        "answer_kind": record.answer_kind,
        "keywords": " ".join(keywords).encode(),
        "themes": "\n".join(t.strip() for t in record.themes if t.strip()).encode(),
        "asked": (record.asked or "")[:10].encode(),
        "answered": (record.answered or "")[:10].encode(),
        "on_time": b"" if record.on_time is None else b"1" if record.on_time else b"0",
        "portfolio": (record.portfolio or "").encode(),
    }
    for name in TEXT_FIELDS:
        doc[name + EXACT_SUFFIX] = getattr(record, name)
    return doc
