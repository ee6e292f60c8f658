"""A file that vanishes mid-run, at the two moments a run looks at it: after the folder
was listed but before its digest, and after its digest but before it is read. The race
is provoked deterministically by hooks, so it happens on every run of the test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reliability_support import ROOT, stored_records

import index.indexing.writer as writer_module
from index.indexing.writer import index_paths

SEEDS = sorted((ROOT / "corpus").glob("*.txt"))


@pytest.fixture
def corpus(tmp_path) -> Path:
    from synth.generator import generate

    folder = tmp_path / "corpus"
    generate(12, 77, folder)
    (folder / "facts.jsonl").unlink()
    for seed in SEEDS:
        shutil.copy(seed, folder)
    return folder


def test_vanishes_after_listing_before_digest(corpus, tmp_path, monkeypatch):
    files = sorted(corpus.glob("*.txt"))
    victim = files[5]
    real = writer_module.iter_corpus_files

    def listing_then_delete(paths, skipped=None):
        for path in real(paths, skipped):
            if path == files[4]:
                victim.unlink()  # listed with its folder, gone before its turn
            yield path

    monkeypatch.setattr(writer_module, "iter_corpus_files", listing_then_delete)
    report = index_paths([corpus], tmp_path / "index", workers=1)
    assert report.failed == [(str(victim), "file vanished before it could be read")]
    assert report.added == len(files) - 1
    assert len({r["source"] for r in stored_records(tmp_path / "index")}) == len(files) - 1


def test_vanishes_after_digest_before_read(corpus, tmp_path, monkeypatch):
    files = sorted(corpus.glob("*.txt"))
    victim = files[7]
    real = writer_module.file_digest

    def digest_then_delete(path):
        digest = real(path)
        if Path(path) == victim:
            victim.unlink()
        return digest

    monkeypatch.setattr(writer_module, "file_digest", digest_then_delete)
    report = index_paths([corpus], tmp_path / "index", workers=1)
    assert report.failed == [(str(victim), "file vanished")]
    assert report.added == len(files) - 1
    # The next run, with the file gone for good, has nothing left to do or to report.
    monkeypatch.undo()
    again = index_paths([corpus], tmp_path / "index", workers=1, prune=True)
    assert (again.added, again.unchanged, again.failed) == (0, len(files) - 1, [])


def test_vanished_indexed_file_is_pruned(corpus, tmp_path):
    files = sorted(corpus.glob("*.txt"))
    assert index_paths([corpus], tmp_path / "index", workers=1).ok
    files[0].unlink()
    kept = index_paths([corpus], tmp_path / "index", workers=1)
    assert (kept.removed, kept.unchanged) == (0, len(files) - 1)  # without --prune: kept
    report = index_paths([corpus], tmp_path / "index", workers=1, prune=True)
    assert (report.removed, report.failed) == (1, [])
    sources = {r["source"] for r in stored_records(tmp_path / "index")}
    assert str(files[0]) not in sources and len(sources) == len(files) - 1
