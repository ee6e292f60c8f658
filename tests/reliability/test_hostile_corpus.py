"""A folder of hostile files next to good ones, indexed by a real `vraagbaak index`:
one one-line reason per bad file, every good file indexed, memory bounded, no hang."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from hostile_corpus import FIFTY_MB, MIXED_CP1252, MIXED_UTF8, build
from reliability_support import ROOT, VRAAGBAAK, cli_env, stored_records

from index.documents.readers import printable_path

pytestmark = pytest.mark.slow
RUN_TIMEOUT = 240
# What the bad files may add to a run's peak memory: a 50 MB file must never be read whole.
EXTRA_MEMORY_BYTES = 120 * 1024 * 1024


def run_measured(args: list[str], out_dir: Path) -> tuple[int, str, str, int]:
    """Run `vraagbaak ARGS`, returning exit code, stdout, stderr and peak RSS in bytes of
    the process and the children it waited for (workers, pdftotext)."""
    stdout, stderr = out_dir / "stdout", out_dir / "stderr"
    with open(stdout, "w") as out, open(stderr, "w") as err:
        proc = subprocess.Popen([*VRAAGBAAK, *args], cwd=ROOT, env=cli_env(), stdout=out,
                                stderr=err, start_new_session=True)
        deadline = time.monotonic() + RUN_TIMEOUT
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.killpg(proc.pid, 9)
                raise AssertionError(f"`vraagbaak {' '.join(args)}` hung")
            time.sleep(0.1)
    proc.returncode = os.waitstatus_to_exitcode(status)
    scale = 1 if os.uname().sysname == "Darwin" else 1024  # ru_maxrss: kB on Linux
    return proc.returncode, stdout.read_text(), stderr.read_text(), usage.ru_maxrss * scale


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    good, bad = build(folder)
    return folder, good, bad


def test_hostile_folder_reports_each_bad_file_and_indexes_every_good_one(hostile, tmp_path):
    folder, good, bad = hostile
    baseline_dir = tmp_path / "baseline"
    baseline_dir.mkdir()
    for name in good[:4]:
        os.link(folder / name, baseline_dir / name)
    (tmp_path / "b").mkdir()
    code, _, err, baseline_rss = run_measured(
        ["index", str(baseline_dir), "--index-dir", str(tmp_path / "bix")], tmp_path / "b")
    assert code == 0, err

    (tmp_path / "h").mkdir()
    index_dir = tmp_path / "index"
    started = time.monotonic()
    code, out, err, rss = run_measured(["index", str(folder), "--index-dir", str(index_dir)],
                                       tmp_path / "h")
    seconds = time.monotonic() - started
    assert code == 1, (out, err)
    assert "Traceback" not in err and "Traceback" not in out

    # One line per bad file, naming it (printably) with its reason.
    lines = [line for line in err.splitlines() if ": error: " in line]
    reasons = {}
    for line in lines:
        source, _, reason = line.partition(": error: ")
        assert line.isprintable(), line
        reasons[os.path.relpath(source, printable_path(folder))] = reason
    expected = {printable_path(name): word for name, word in bad.items()}
    assert set(reasons) == set(expected), (sorted(reasons), sorted(expected))
    for name, word in expected.items():
        assert word.lower() in reasons[name].lower(), (name, reasons[name])
        assert len(reasons[name]) < 300
    assert f"{len(bad)} failed" in out

    # Every good file is in the index, whole; the duplicate's record is there once.
    records = stored_records(index_dir)
    sources = {os.path.relpath(r["source"], printable_path(folder)) for r in records}
    assert sources == {printable_path(name) for name in good}
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    mixed = next(r for r in records if r["source"].endswith("mixed-encodings.txt"))
    assert MIXED_CP1252 in mixed["question"] and MIXED_UTF8 in mixed["question"]

    # The 4.4 MB answer is searchable and shown within bounds (snippets scan a prefix).
    from search.results import SearchRequest
    from search.service import SearchService
    from web import create_app

    service = SearchService(index_dir)
    try:
        for q in ["groeit", '"lokale besturen werken mee"', "econ*", "sociale economie"]:
            begun = time.monotonic()
            result = service.search(SearchRequest(q=q))
            assert result.total >= 1 and time.monotonic() - begun < 3, (q, result.error)
        begun = time.monotonic()
        page = create_app({"INDEX_DIR": index_dir}, service=service).test_client().get(
            "/questions/2020-09-25-hilde-crevits-999")
        assert page.status_code == 200 and time.monotonic() - begun < 10
    finally:
        service.close()

    # Memory: the bad files (50 MB text, 50 MB and 40 MB PDFs) cost no more than a bound.
    print(f"hostile run: {seconds:.1f} s, peak RSS {rss / 2**20:.0f} MiB "
          f"(good files only: {baseline_rss / 2**20:.0f} MiB)")
    assert rss < baseline_rss + EXTRA_MEMORY_BYTES, (rss, baseline_rss)
    assert rss < FIFTY_MB * 10

    # A second run changes nothing and says the same about the same bad files.
    (tmp_path / "h2").mkdir()
    code2, out2, err2, _ = run_measured(["index", str(folder), "--index-dir", str(index_dir)],
                                        tmp_path / "h2")
    assert code2 == 1
    assert f"0 added, 0 updated, {len(good)} unchanged" in out2
    assert sorted(err2.splitlines()) == sorted(err.splitlines())


def test_explicit_fifo_argument_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "o").mkdir()
    code, out, err, _ = run_measured(["index", str(fifo), "--index-dir", str(tmp_path / "i")],
                                     tmp_path / "o")
    assert code == 1
    assert "not a regular file" in err
