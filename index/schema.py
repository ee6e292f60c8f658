"""The Whoosh schema: what is searchable, what is filterable, what is stored.

Texts are indexed twice: stemmed (for plain words; frequencies only, no positions, since
phrases never use it) and exact (lowercase and accent folding only, with positions, for
quoted phrases and proximity). The record itself is stored once, as compressed JSON,
rather than once per analyzed field. Minister, asker, date and the joint-question key
are column fields so search can read them per document for filters and facets; source
and digest are columns too, so the writer learns what is indexed without loading records.
"""

from __future__ import annotations

import json
import zlib

from whoosh import columns, fields

from index.analysis import exact_analyzer, stemmed_analyzer
from index.model import Record

TEXT_FIELDS = ("title", "question", "answer")
EXACT_SUFFIX = "_exact"
SCHEMA_VERSION = 1


def build_schema() -> fields.Schema:
    stemmed = stemmed_analyzer()
    exact = exact_analyzer()
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
        title=fields.TEXT(analyzer=stemmed, phrase=False, field_boost=2.0),
        question=fields.TEXT(analyzer=stemmed, phrase=False),
        answer=fields.TEXT(analyzer=stemmed, phrase=False),
        title_exact=fields.TEXT(analyzer=exact, phrase=True, field_boost=2.0),
        question_exact=fields.TEXT(analyzer=exact, phrase=True),
        answer_exact=fields.TEXT(analyzer=exact, phrase=True),
    )


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
    }
    for name in TEXT_FIELDS:
        text = getattr(record, name)
        doc[name] = text
        doc[name + EXACT_SUFFIX] = text
    return doc
