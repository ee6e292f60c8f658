"""Shared fixtures: the seed documents and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_COORDINATED = CORPUS / "000_a5f8e81f83ddaffe.txt"
SEED_REFERRAL = CORPUS / "002_fefc31c8e2672c2d.txt"
# What the parliament's detail service says of SEED_COORDINATED's question once answered
# (written by hand from the seed's text: nr. 851 to Hilde Crevits of 25 September 2020).
SEED_ASKED = {"status": "Vraag gesteld aan de minister", "datum": "2020-09-25T00:00:00+0200"}
SEED_DETAIL = {
    "id": 1363595, "vraagnummer": "851", "zittingsjaar": "2020-2021",
    "titel": "Sociale economie  -  Betrokkenheid en rol lokale besturen",
    "thema": ["Werk en sociale economie", "Binnenlands bestuur"],
    "vraagsteller": {"id": 7, "voornaam": "Allessia", "naam": "Claes"},
    "minister": {"id": 3, "voornaam": "Hilde", "naam": "Crevits"},
    "tijdig": "J",
    "procedureverloop": [
        SEED_ASKED, {"status": "Tijdig beantwoord", "datum": "2020-10-20T00:00:00+0200"}],
}


@pytest.fixture
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (SEED_COORDINATED, SEED_REFERRAL)}


@pytest.fixture(scope="session")
def synth_corpus(tmp_path_factory) -> Path:
    """A small synthetic corpus (all layouts, joint questions, artefacts) plus the seeds."""
    from synth.generator import generate

    out = tmp_path_factory.mktemp("synth")
    generate(500, 11, out)
    return out


@pytest.fixture(scope="session")
def built_index(tmp_path_factory, synth_corpus) -> Path:
    """An index of the synthetic corpus and the seeds, built once per test session."""
    from index.indexing.writer import index_paths

    index_dir = tmp_path_factory.mktemp("index")
    report = index_paths([synth_corpus, CORPUS], index_dir)
    assert report.ok, report.failed
    return index_dir


@pytest.fixture(scope="session")
def service(built_index):
    from search.service import SearchService

    svc = SearchService(built_index)
    yield svc
    svc.close()


@pytest.fixture(scope="session")
def indexed_records(service) -> list:
    """Every record in the index, read back through the service."""
    reader = service._current().reader()
    from index.indexing.schema import unpack_record

    return [unpack_record(fields["record"]) for fields in reader.all_stored_fields()]
