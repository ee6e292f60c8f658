"""Shared fixtures: the seed documents and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_COORDINATED = CORPUS / "000_a5f8e81f83ddaffe.txt"
SEED_REFERRAL = CORPUS / "002_fefc31c8e2672c2d.txt"


@pytest.fixture
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (SEED_COORDINATED, SEED_REFERRAL)}
