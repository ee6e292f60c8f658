"""A small run of `vraagbaak bench` end to end: both engines, every output, no timings
asserted (a benchmark is not a test; this only checks that it runs and reports)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bench.queries import CLASSES
from cli.main import cli

pytestmark = pytest.mark.slow


def test_bench_smoke_run_writes_report_json_and_plot(tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    result = CliRunner().invoke(cli, ["bench", "--sizes", "300", "--queries", "12",
                                      "--rounds", "1", "--out", str(out),
                                      "--cache", str(cache)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "report.json").read_text())
    size = data["summary"][0]
    assert size["size"] == 300
    for engine in ("whoosh", "fts"):
        assert set(size["latency"][engine]) >= set(CLASSES)
        assert data["sizes"][0]["memory"][engine]["peak_mb"] > 0
    assert size["build"]["whoosh_rate"] > 0 and size["build"]["fts_rate"] > 0
    # the same records for the same query: both engines got the same documents
    assert min(size["latency"]["agreement"].values()) >= 0.5
    update = data["sizes"][0]["update"]
    assert update["whoosh"]["visible_seconds"] is not None
    assert update["fts"]["visible_seconds"] is not None
    report = (out / "report.md").read_text()
    assert "× FTS5" in report and "full page" in report
    assert (out / "latency.png").read_bytes()[:4] == b"\x89PNG"
    # a second run reuses the cached corpus and parsed records
    assert (cache / "synth-300-s2024" / ".complete").exists()


def test_vocab_build_bench_times_the_vocabulary_with_and_without_parts(built_index, capsys):
    from bench.vocab_build import main

    def part_stems(argv):
        assert main([str(built_index), "--repeat", "1", *argv]) == 0
        out = capsys.readouterr().out
        assert "update: CPU best" in out
        return int(out.split(" part stems")[0].rsplit(", ", 1)[1])

    assert part_stems([]) > 0  # the synthetic corpus holds compounds
    assert part_stems(["--no-parts"]) == 0
    assert part_stems([]) > 0  # --no-parts left the vocabulary as it was


def test_feature_cost_floor_leaves_out_compound_parts_and_restores_them(built_index, tmp_path,
                                                                         capsys):
    from bench.feature_cost import main
    from search.results import SearchRequest
    from search.service import SearchService

    def query(kind, words=(), phrase=""):
        return {"kind": kind, "words": list(words), "phrase": phrase, "minister": None,
                "page": False}

    report = tmp_path / "report.json"
    report.write_text(json.dumps({"sizes": [{"queries": [
        query("common", ["opvang"]), query("phrase", phrase="de kinderopvang")]}]}))
    assert main([str(built_index), str(report), "--repeat", "2"]) == 0
    out = capsys.readouterr().out
    rows = {line.split("|")[1].strip(): line.split("|") for line in out.splitlines()
            if line.startswith("| ") and "class" not in line}
    # `opvang` alone finds the kinderopvang documents only through the part terms
    assert rows["common"][6].strip() == "1"
    assert rows["phrase"][6].strip() == "0"
    # the floor is undone afterwards: a new search still reads the part terms
    service = SearchService(built_index)
    with_parts = service.search(SearchRequest(q="opvang")).total
    from bench.feature_cost import floor_mode
    with floor_mode(service):
        without = service.search(SearchRequest(q="opvang")).total
    assert without < with_parts == service.search(SearchRequest(q="opvang")).total
