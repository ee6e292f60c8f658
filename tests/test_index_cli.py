"""`vraagbaak parse` and `vraagbaak index` as a user runs them."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.conftest import SEED_COORDINATED, SEED_REFERRAL


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_parse_json_gives_the_facts_of_the_seeds(runner):
    result = runner.invoke(cli, ["parse", str(SEED_COORDINATED), str(SEED_REFERRAL), "--json"])
    assert result.exit_code == 0, result.output
    crevits, somers = json.loads(result.output)
    # the documented keys first, in order; appended keys (index/model.py) may follow
    assert list(crevits)[:15] == ["id", "number", "date", "asker", "minister", "portfolio",
                                  "title", "question", "answer", "answer_kind", "coordinator",
                                  "joint", "footnotes", "annexes", "source"]
    assert (crevits["asker"], crevits["date"], crevits["minister"], crevits["number"]) == \
        ("Allessia Claes", "2020-09-25", "Hilde Crevits", 851)
    assert crevits["answer_kind"] == "coordinated"
    assert (somers["minister"], somers["number"], somers["answer_kind"], somers["coordinator"]) \
        == ("Bart Somers", 378, "referral", "Hilde Crevits")
    joint = [{"minister": "Hilde Crevits", "number": 851},
             {"minister": "Bart Somers", "number": 378}]
    assert crevits["joint"] == somers["joint"] == joint
    assert crevits["annexes"] and crevits["annexes"][0].startswith("BIJLAGE")


def test_parse_reports_bad_files_and_keeps_the_good(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    result = runner.invoke(cli, ["parse", str(SEED_REFERRAL), str(empty), str(binary),
                                 str(missing), "--json"])
    assert result.exit_code == 1
    items = json.loads(result.output)
    assert items[0]["id"] == "2020-09-25-bart-somers-378"
    errors = {item["source"]: item["error"] for item in items[1:]}
    assert errors == {str(empty): "empty file", str(binary): "binary file, not text",
                      str(missing): errors[str(missing)]}
    assert "vanished" in errors[str(missing)] or "not" in errors[str(missing)]
    assert "Traceback" not in result.output


def test_parse_windows_1252_file(runner, tmp_path):
    text = SEED_REFERRAL.read_text(encoding="utf-8")
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    result = runner.invoke(cli, ["parse", str(path), "--json"])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.output)
    assert "gecoördineerd" in record["answer"]


def test_parse_human_output_and_usage_error(runner):
    result = runner.invoke(cli, ["parse", str(SEED_COORDINATED)])
    assert result.exit_code == 0
    assert "Hilde Crevits (nr. 851)" in result.output
    assert runner.invoke(cli, ["parse"]).exit_code == 2


def copy_seeds(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in (SEED_COORDINATED, SEED_REFERRAL):
        shutil.copy(seed, corpus / seed.name)
    return corpus


def search_ids(runner, index_dir, query):
    result = runner.invoke(cli, ["search", query, "--json", "--index-dir", str(index_dir)])
    assert result.exit_code == 0, result.output
    return {hit["id"] for hit in json.loads(result.output)["hits"]}


def test_index_is_incremental_idempotent_and_prunes(runner, tmp_path):
    corpus = copy_seeds(tmp_path)
    index_dir = tmp_path / "index"
    first = runner.invoke(cli, ["index", str(corpus), "--index-dir", str(index_dir)])
    assert first.exit_code == 0, first.output
    assert "2 added, 0 updated, 0 unchanged" in first.output
    again = runner.invoke(cli, ["index", str(corpus), "--index-dir", str(index_dir)])
    assert "0 added, 0 updated, 2 unchanged" in again.output
    assert "up to date" in again.output

    changed = corpus / SEED_REFERRAL.name
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "Sociale economie  -  Betrokkenheid", "Zeldzaamheidswoord - Betrokkenheid"),
        encoding="utf-8")
    update = runner.invoke(cli, ["index", str(corpus), "--index-dir", str(index_dir)])
    assert "0 added, 1 updated, 1 unchanged" in update.output
    assert search_ids(runner, index_dir, "zeldzaamheidswoord") == {"2020-09-25-bart-somers-378"}

    (corpus / SEED_COORDINATED.name).unlink()
    kept = runner.invoke(cli, ["index", str(corpus), "--index-dir", str(index_dir)])
    assert "0 removed" in kept.output
    assert "2020-09-25-hilde-crevits-851" in search_ids(runner, index_dir, "groenonderhoud")
    pruned = runner.invoke(cli, ["index", str(corpus), "--index-dir", str(index_dir), "--prune"])
    assert "1 removed" in pruned.output
    assert search_ids(runner, index_dir, "groenonderhoud") == set()


def test_index_reports_failures_and_commits_the_rest(runner, tmp_path, monkeypatch):
    corpus = copy_seeds(tmp_path)
    (corpus / "empty.txt").write_text("")
    (corpus / "noise.txt").write_bytes(b"\x81\x8d\x90" * 100)
    (corpus / "notes.md").write_text("not a corpus file")
    index_dir = tmp_path / "index"
    monkeypatch.setenv("VRAAGBAAK_INDEX_DIR", str(index_dir))
    result = runner.invoke(cli, ["index", str(corpus)])
    assert result.exit_code == 1
    assert "2 added" in result.output and "2 failed" in result.output
    assert "empty.txt: error: empty file" in result.output
    assert "noise.txt: error:" in result.output
    assert search_ids(runner, index_dir, "sociale economie")  # env var picked the index


def test_commands_without_an_index_say_so(runner, tmp_path):
    result = runner.invoke(cli, ["search", "x", "--index-dir", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "no index" in result.output


def test_show_similar_and_stats(runner, built_index):
    shown = runner.invoke(cli, ["show", "2020-09-25-bart-somers-378", "--json",
                                "--index-dir", str(built_index)])
    data = json.loads(shown.output)
    assert data["coordinated_id"] == "2020-09-25-hilde-crevits-851"
    human = runner.invoke(cli, ["show", "2020-09-25-hilde-crevits-851",
                                "--index-dir", str(built_index)])
    assert "ANTWOORD" in human.output and "regierol" in human.output
    missing = runner.invoke(cli, ["show", "nope", "--index-dir", str(built_index)])
    assert missing.exit_code == 1 and "no question with id 'nope'" in missing.output
    similar = runner.invoke(cli, ["similar", "2020-09-25-hilde-crevits-851", "--json",
                                  "--index-dir", str(built_index)])
    assert json.loads(similar.output)["hits"]
    stats = json.loads(runner.invoke(cli, ["stats", "--json", "--index-dir",
                                           str(built_index)]).output)
    assert stats["records"] == 502 and stats["questions"] < stats["records"]


def test_search_cli_usage_errors(runner, built_index):
    bad_date = runner.invoke(cli, ["search", "x", "--from", "2020-13-01",
                                   "--index-dir", str(built_index)])
    assert bad_date.exit_code == 2
    bad_sort = runner.invoke(cli, ["search", "x", "--sort", "best", "--index-dir",
                                   str(built_index)])
    assert bad_sort.exit_code == 2
    reversed_range = runner.invoke(cli, ["search", "x", "--from", "2021-01-01", "--to",
                                         "2020-01-01", "--index-dir", str(built_index)])
    assert reversed_range.exit_code == 2
    human = runner.invoke(cli, ["search", "sociale economie", "--index-dir", str(built_index)])
    assert human.exit_code == 0 and "vragen gevonden" in human.output
