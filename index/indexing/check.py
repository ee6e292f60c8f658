"""`vraagbaak check`: is the index on disk sound?

Checked, in order: the newest table of contents (TOC) reads and names this
Vraagbaak's schema; every segment it lists is there and readable (its term lists read
whole, every stored record decodes, the columns the writer and search read are
complete); on a sample of records, the postings agree with the stored record (the
record's id is indexed for its document, and the words of its title, question and
answer are indexed for it at their positions); no leftover of an interrupted run lies
in the folder (index/indexing/leftovers.py). Each problem is one line that names the file or
record; an index with none is sound.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from index.indexing.fasttext import term_positions
from index.indexing.leftovers import find_leftovers
from index.indexing.schema import (
    EXACT_SUFFIX,
    SCHEMA_VERSION,
    TEXT_FIELDS,
    schema_version,
    unpack_record,
)
from index.indexing.store import INDEX_NAME, TOC_NAME

SAMPLE = 200
TERMS_PER_FIELD = 12
COLUMNS = ("source", "digest", "group", "minister", "asker", "date", "answer_kind",
           "keywords")


@dataclass
class CheckReport:
    index_dir: str
    generation: int | None = None
    segments: int = 0
    records: int = 0
    sampled: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {**asdict(self), "sound": self.sound}

    def summary(self) -> str:
        if self.sound:
            return (f"sound: {self.index_dir}: generation {self.generation}, "
                    f"{self.segments} segments, {self.records} records, "
                    f"{self.sampled} checked against their postings")
        return f"{len(self.problems)} problem(s) in {self.index_dir}"


def check_index(index_dir: Path, sample: int = SAMPLE, seed: int = 0) -> CheckReport:
    index_dir = Path(index_dir)
    report = CheckReport(str(index_dir))
    if not index_dir.is_dir():
        report.problems.append(f"{index_dir}: no such folder")
        return report
    storage = FileStorage(str(index_dir), supports_mmap=False)
    names = set(storage.list())
    generations = [int(m.group(1)) for m in map(TOC_NAME.fullmatch, names) if m]
    if not generations:
        report.problems.append(f"{index_dir}: no table of contents (not an index)")
        return report
    report.generation = generation = max(generations)
    toc_name = f"_{INDEX_NAME}_{generation}.toc"
    try:
        toc = TOC.read(storage, INDEX_NAME, generation)
        schema, segments = toc.schema, toc.segments
    except Exception as error:  # noqa: BLE001 - reported, not raised
        report.problems.append(f"{toc_name}: table of contents unreadable: {_why(error)}")
        return report
    if schema_version(schema) != SCHEMA_VERSION:
        report.problems.append(f"{toc_name}: built by an older Vraagbaak (another schema)")
        return report
    report.segments = len(segments)
    for name in find_leftovers(index_dir, INDEX_NAME):
        report.problems.append(f"{name}: leftover of an interrupted run (the next "
                               f"`vraagbaak index` removes it)")
    from whoosh.reading import SegmentReader

    picked: list[tuple] = []
    for segment in segments:
        segment_id = segment.segment_id()
        if not any(n.startswith(f"{segment_id}.") for n in names):
            report.problems.append(f"segment {segment_id}: its files are missing")
            continue
        try:
            reader = SegmentReader(storage, schema, segment)
        except Exception as error:  # noqa: BLE001
            report.problems.append(f"segment {segment_id}: unreadable: {_why(error)}")
            continue
        try:
            picked.extend((reader, segment_id, docnum, record)
                          for docnum, record in _check_segment(reader, segment_id, report))
        except Exception as error:  # noqa: BLE001
            report.problems.append(f"segment {segment_id}: unreadable: {_why(error)}")
    rng = random.Random(seed)
    for reader, segment_id, docnum, record in rng.sample(picked, min(sample, len(picked))):
        report.sampled += 1
        for problem in _disagreements(reader, docnum, record):
            report.problems.append(f"record {record.id} (segment {segment_id}, document "
                                   f"{docnum}): {problem}")
    for reader in {id(r): r for r, *_ in picked}.values():
        reader.close()
    return report


def _check_segment(reader, segment_id: str, report: CheckReport):
    """Read the segment whole; yield (docnum, record) of its live documents."""
    for fieldname in reader.indexed_field_names():
        for _ in reader.lexicon(fieldname):
            pass
    total = reader.doc_count_all()
    for name in COLUMNS:
        values = list(reader.column_reader(name))
        if len(values) != total:
            report.problems.append(f"segment {segment_id}: column {name} has "
                                   f"{len(values)} values for {total} documents")
    for docnum in range(total):
        if reader.is_deleted(docnum):
            continue
        stored = reader.stored_fields(docnum)
        try:
            record = unpack_record(stored["record"])
        except Exception as error:  # noqa: BLE001
            report.problems.append(f"segment {segment_id}, document {docnum}: stored "
                                   f"record does not decode: {_why(error)}")
            continue
        if record.id != stored.get("id"):
            report.problems.append(f"segment {segment_id}, document {docnum}: stored id "
                                   f"{stored.get('id')!r} is not its record's {record.id!r}")
        report.records += 1
        yield docnum, record


def _disagreements(reader, docnum: int, record) -> list[str]:
    out = []
    if docnum not in _ids(reader, "id", record.id.encode()):
        out.append("its id is not indexed for it")
    for name in TEXT_FIELDS:
        fieldname = name + EXACT_SUFFIX
        expected = term_positions(getattr(record, name) or "")
        for term in sorted(expected)[:TERMS_PER_FIELD]:
            positions = _positions(reader, fieldname, term.encode(), docnum)
            if positions is None:
                out.append(f"{name}: word {term!r} is not indexed for it")
            elif positions != expected[term]:
                out.append(f"{name}: word {term!r} is indexed at other positions")
    return out


def _ids(reader, fieldname: str, term: bytes) -> set[int]:
    if (fieldname, term) not in reader:
        return set()
    return set(reader.postings(fieldname, term).all_ids())


def _positions(reader, fieldname: str, term: bytes, docnum: int) -> list[int] | None:
    if (fieldname, term) not in reader:
        return None
    matcher = reader.postings(fieldname, term)
    matcher.skip_to(docnum)
    if not matcher.is_active() or matcher.id() != docnum:
        return None
    return list(matcher.value_as("positions"))


def _why(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]
