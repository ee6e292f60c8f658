"""`vraagbaak check`: a sound index passes; each kind of damage is named, exit 1."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.conftest import SEED_COORDINATED, SEED_REFERRAL


def check(index_dir, *extra):
    result = CliRunner().invoke(cli, ["check", "--index-dir", str(index_dir), *extra])
    return result.exit_code, result.output


@pytest.fixture
def index_dir(tmp_path):
    from index.indexing.writer import index_paths

    target = tmp_path / "index"
    # the two seeds: one joint question, two records
    assert index_paths([SEED_COORDINATED, SEED_REFERRAL], target, workers=1).ok
    return target


def segment_file(index_dir):
    return next(p for p in index_dir.iterdir() if p.name.endswith(".seg"))


def test_a_sound_index_passes_with_its_figures(index_dir):
    code, out = check(index_dir, "--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["sound"] is True and report["problems"] == []
    assert (report["records"], report["sampled"], report["segments"]) == (2, 2, 1)
    code, out = check(index_dir)
    assert code == 0 and out.startswith("sound:") and "2 records" in out


def test_no_index_is_a_problem(tmp_path):
    code, out = check(tmp_path)
    assert code == 1 and "no table of contents" in out


def test_leftover_files_of_an_interrupted_run_are_named(index_dir):
    (index_dir / "_vraagbaak_1.toc.1700000000.5").write_bytes(b"half a toc")
    (index_dir / "vraagbaak_deadbeef0000.seg").write_bytes(b"an unfinished segment")
    (index_dir / ".state.json.0a1b2c3d.partial").write_bytes(b"{")
    code, out = check(index_dir)
    assert code == 1
    for name in ("_vraagbaak_1.toc.1700000000.5", "vraagbaak_deadbeef0000.seg",
                 ".state.json.0a1b2c3d.partial"):
        assert f"problem: {name}: leftover of an interrupted run" in out


def test_a_truncated_segment_is_named(index_dir):
    seg = segment_file(index_dir)
    seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])
    code, out = check(index_dir)
    assert code == 1
    assert f"segment {seg.name.removesuffix('.seg')}: unreadable" in out


def test_a_missing_segment_is_named(index_dir):
    seg = segment_file(index_dir)
    seg.unlink()
    code, out = check(index_dir)
    assert code == 1 and "its files are missing" in out


def test_a_garbled_table_of_contents_is_named(index_dir):
    toc = next(index_dir.glob("_vraagbaak_*.toc"))
    data = bytearray(toc.read_bytes())
    data[40:200] = b"\xff" * 160
    toc.write_bytes(bytes(data))
    code, out = check(index_dir)
    assert code == 1 and f"{toc.name}: table of contents unreadable" in out


def _add_raw(index_dir, make_fields):
    """Commit one document whose fields make_fields builds from a real record."""
    from index.documents.loader import load_records
    from index.indexing.commit import CommitWriter
    from index.indexing.schema import document_fields
    from index.indexing.store import open_index

    record = load_records(SEED_COORDINATED, "x")[0]
    record = replace(record, id="test-record-1")
    writer = CommitWriter(open_index(index_dir))
    writer.add_document(**make_fields(record, document_fields))
    writer.commit()
    return record


def test_postings_that_disagree_with_the_stored_record_are_named(index_dir):
    from index.indexing.schema import pack_record

    def fields(record, document_fields):
        doc = document_fields(record, "d", "src", [])
        doc["record"] = pack_record(replace(record, title="Totaal andere titel"))
        return doc

    _add_raw(index_dir, fields)
    code, out = check(index_dir)
    assert code == 1
    assert "record test-record-1" in out and "title: word 'andere' is not indexed" in out


def test_a_stored_record_that_does_not_decode_is_named(index_dir):
    def fields(record, document_fields):
        return {**document_fields(record, "d", "src", []), "record": b"not zlib"}

    _add_raw(index_dir, fields)
    code, out = check(index_dir)
    assert code == 1 and "stored record does not decode" in out
