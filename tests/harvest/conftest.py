"""Fixtures for the harvest tests: questions served by the fake services, built once."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from harvest.client import Client, Politeness
from harvest.discovery import Selection
from harvest.run import Harvester
from harvest.store import LOCK_NAME
from tests.conftest import CORPUS
from tests.fake_opendata import FakeOpenData, seed_questions, synthetic_questions

SESSION = "2024-2025"


@pytest.fixture(scope="session")
def served(tmp_path_factory) -> list:
    """24 generated questions of 2024-2025 as PDFs, and the two real seed documents."""
    pdfs = tmp_path_factory.mktemp("served")
    return synthetic_questions(24, 5, pdfs, SESSION) + seed_questions(CORPUS, pdfs)


@pytest.fixture
def fake(served):
    server = FakeOpenData(copy.deepcopy(served)).start()
    yield server
    server.stop()


class Sleeps(list):
    """An injected sleep: records each wait and does not wait."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def quick() -> Politeness:
    return Politeness(rate=1000, timeout=0.3, retries=2, backoff=0.01, backoff_max=0.05)


def harvest(fake, out: Path, sessions=(SESSION, "2020-2021"), dry_run=False,
            politeness: Politeness | None = None, sleeps: Sleeps | None = None, **kwargs):
    client = Client(politeness or quick(), sleep=sleeps if sleeps is not None else Sleeps())
    try:
        return Harvester(client, out, fake.url, **kwargs).run(Selection(tuple(sessions)),
                                                              dry_run)
    finally:
        client.close()


def tree(out: Path) -> dict[str, object]:
    """Every file under out: PDFs as bytes, sidecars as JSON without the fetch time."""
    files = {}
    for path in sorted(out.rglob("*")):
        if path.is_file() and path.name != LOCK_NAME:
            key = str(path.relative_to(out))
            if path.suffix == ".json":
                data = json.loads(path.read_bytes())
                data["vraagbaak"].pop("fetched")
                files[key] = data
            else:
                files[key] = path.read_bytes()
    return files
