"""The synthetic round trip: parsing the generated files gives back exactly the facts
the generator wrote, for every field of every record, at 10,000 documents."""

from __future__ import annotations

from bench.parse_accuracy import check_corpus
from synth.generator import generate


def test_round_trip_at_ten_thousand_documents(tmp_path):
    summary = generate(10_000, 2026, tmp_path, jobs=2)
    # all four layouts, the 2024-2026 PDF extraction at its share of recent documents
    assert all(summary.stats[f"layout{n}"] >= 500 for n in (1, 2, 3, 4)), summary.stats
    accuracy = check_corpus(tmp_path)
    assert accuracy.files == 10_000
    assert accuracy.errors == []
    assert dict(accuracy.field_misses) == {}, accuracy.examples
    assert accuracy.exact_files == 10_000
