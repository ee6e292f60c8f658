"""Fixtures for the reliability tests: a synthetic corpus with its expected records."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_support import CRASH_DOCS, CRASH_SEED, load_facts


@pytest.fixture(scope="session")
def crash_corpus(tmp_path_factory) -> Path:
    """CRASH_DOCS synthetic files plus facts.jsonl (written once per session)."""
    from synth.generator import generate

    out = tmp_path_factory.mktemp("crash-corpus")
    generate(CRASH_DOCS, CRASH_SEED, out)
    return out


@pytest.fixture(scope="session")
def crash_facts(crash_corpus) -> dict[str, list[dict]]:
    return load_facts(crash_corpus)
