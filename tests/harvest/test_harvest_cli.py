"""`vraagbaak harvest` as a user runs it, against the fake services."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT
from tests.fake_opendata import Fault
from tests.harvest.conftest import SESSION, tree

QUICK_ENV = {"VRAAGBAAK_HARVEST_TIMEOUT": "0.5", "VRAAGBAAK_HARVEST_RETRIES": "1",
             "VRAAGBAAK_HARVEST_BACKOFF": "0.01"}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "cli.main", *args]


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, **QUICK_ENV}
    return subprocess.run(command(*args), cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False, **kwargs)


def harvest_args(fake, out, *extra: str) -> list[str]:
    return ["harvest", "--zittingsjaar", SESSION, "--zittingsjaar", "2020-2021",
            "--api", fake.url, "--out", str(out), *extra]


def test_harvest_index_then_search_finds_official_themes_and_dates(fake, tmp_path):
    out, index_dir = tmp_path / "harvest", tmp_path / "index"
    done = run("harvest", "--zittingsjaar", "2020-2021", "--api", fake.url, "--out", str(out),
               "--rate", "100", "--index", "--index-dir", str(index_dir))
    assert done.returncode == 0, done.stderr
    assert "2 new, 0 updated, 0 unchanged, 0 failed" in done.stdout
    found = run("search", "sociale economie", "--index-dir", str(index_dir), "--json")
    hits = json.loads(found.stdout)["hits"]
    assert [hit["date"] for hit in hits] == ["2020-09-25"]
    shown = run("show", hits[0]["id"], "--index-dir", str(index_dir), "--json")
    record = json.loads(shown.stdout)
    assert record["themes"] == ["Werk en sociale economie", "Binnenlands bestuur"]
    assert (record["asked"], record["answered"], record["on_time"], record["session"]) == \
        ("2020-09-25", "2020-10-20", True, "2020-2021")
    assert record["parliament_id"] in ("1363595", "1363596")
    assert record["url"].startswith("https://www.vlaamsparlement.be/")
    again = run("harvest", "--zittingsjaar", "2020-2021", "--api", fake.url, "--out", str(out),
                "--rate", "100", "--index", "--index-dir", str(index_dir))
    assert again.returncode == 0 and "0 new, 0 updated, 2 unchanged" in again.stdout
    assert "index already up to date" in again.stdout


def test_json_summary_and_exit_1_when_an_item_failed(fake, tmp_path):
    bad = fake.questions[0]
    fake.faults[("detail", bad.id)] = Fault("500")
    done = run(*harvest_args(fake, tmp_path, "--rate", "1000", "--json"))
    assert done.returncode == 1
    summary = json.loads(done.stdout)
    assert summary["new"] == len(fake.questions) - 1
    assert summary["failed"] == [{"id": bad.id, "reason": f"detail {bad.id}: HTTP 500 "
                                                        f"(gave up after 2 attempts)"}]
    assert summary["requests"]["detail"] == len(fake.questions) + 1
    assert "Traceback" not in done.stderr


def test_dry_run_prints_the_requests_it_would_make(fake, tmp_path):
    done = run(*harvest_args(fake, tmp_path / "out", "--rate", "1000", "--dry-run"))
    assert done.returncode == 0, done.stderr
    details = [line for line in done.stdout.splitlines() if "/e/opendata/schv/" in line]
    assert len(details) == len(fake.questions)
    assert all(line.startswith(f"GET {fake.url}/e/opendata/schv/") for line in details)
    assert fake.requests("detail") == [] and fake.requests("file") == []
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args, message", [
    (["--zittingsjaar", "2024-2026"], "not a zittingsjaar"),
    (["--from", "2024-13-01"], "not a date"),
    (["--from", "2025-01-01", "--to", "2024-01-01"], "is after --to"),
    (["--api", "ws.example"], "http(s) URL"),
    (["--rate", "0"], "--rate"),
])
def test_usage_errors_exit_2(tmp_path, args, message):
    from click.testing import CliRunner

    from cli.main import cli

    done = CliRunner().invoke(cli, ["harvest", "--out", str(tmp_path), *args])
    assert done.exit_code == 2 and message in done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)
    assert not any(tmp_path.iterdir())


def test_runs_killed_at_random_moments_then_resumed_end_identical(fake, tmp_path):
    reference = tmp_path / "reference"
    assert run(*harvest_args(fake, reference, "--rate", "1000")).returncode == 0
    served = {q.file for q in fake.questions}
    out = tmp_path / "killed"
    rng = random.Random(20261130)
    env = {**os.environ, **QUICK_ENV}
    partial = []  # sidecars present after each kill
    for _ in range(5):
        process = subprocess.Popen(command(*harvest_args(fake, out, "--rate", "40")), cwd=ROOT,
                                   env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.8))
        process.kill()
        process.wait()
        for path in out.rglob("*"):  # whatever has a final name is whole
            if path.name.startswith("."):
                continue
            if path.suffix == ".pdf":
                assert path.read_bytes() in served
            elif path.suffix == ".json":
                json.loads(path.read_bytes())
        partial.append(len(list(out.rglob("[0-9]*.json"))))
    assert any(0 < count < len(fake.questions) for count in partial), partial  # killed mid-run
    assert run(*harvest_args(fake, out, "--rate", "1000")).returncode == 0
    assert tree(out) == tree(reference)
