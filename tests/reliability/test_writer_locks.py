"""Locks: a killed writer never leaves the index locked, a live one is named, and two
writers at once never interleave: the second waits, or refuses with a clear message."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_support import (
    ROOT,
    cli_env,
    comparable,
    load_facts,
    run,
    start,
    stored_records,
    wait_for,
)

from index.indexing.locks import RUN_LOCK_NAME
from index.indexing.store import INDEX_NAME

WRITE_LOCK_NAME = f"{INDEX_NAME}_WRITELOCK"

HOLD = """
import sys, time
from whoosh.util.filelock import FileLock
lock = FileLock(sys.argv[1])
assert lock.acquire()
print("held", flush=True)
time.sleep(120)
"""


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    from synth.generator import generate

    out = tmp_path_factory.mktemp("small-corpus")
    generate(150, 31, out)
    return out


def hold_lock(path: Path) -> subprocess.Popen:
    """Another process that holds `path` locked, as a running writer would."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], cwd=ROOT, env=cli_env(),
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def assert_matches_facts(index_dir: Path, corpus: Path) -> None:
    facts = load_facts(corpus)
    expected = sorted((comparable(r) for rs in facts.values() for r in rs), key=lambda r: r["id"])
    got = sorted((comparable(r) for r in stored_records(index_dir)), key=lambda r: r["id"])
    assert got == expected


def test_lock_files_left_on_disk_are_not_stale_locks(small_corpus, tmp_path):
    """A lock is an flock, not a file: lock files without a holder do not block."""
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    for name in (RUN_LOCK_NAME, WRITE_LOCK_NAME):
        (index_dir / name).write_text("left by a crashed run\n")
    started = time.monotonic()
    result = run(["index", str(small_corpus), "--index-dir", str(index_dir), "--workers", "1"],
                 VRAAGBAAK_LOCK_WAIT="30")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30
    assert_matches_facts(index_dir, small_corpus)


@pytest.mark.parametrize("name", [RUN_LOCK_NAME, WRITE_LOCK_NAME])
def test_a_live_lock_holder_is_named_and_its_death_frees_the_index(small_corpus, tmp_path,
                                                                  name):
    index_dir = tmp_path / "index"
    first = run(["index", str(small_corpus), "--index-dir", str(index_dir), "--workers", "1"])
    assert first.returncode == 0, first.stderr
    holder = hold_lock(index_dir / name)
    try:
        started = time.monotonic()
        busy = run(["index", str(small_corpus), "--index-dir", str(index_dir)],
                   VRAAGBAAK_LOCK_WAIT="1")
        waited = time.monotonic() - started
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert busy.returncode == 1
    message = busy.stderr.strip()
    assert message.count("\n") == 0, message
    assert message.startswith("error: the index in") and "is locked by process" in message
    assert str(holder.pid) in message and "do not delete" in message
    assert "Traceback" not in busy.stderr
    assert waited < 30
    # The holder was SIGKILLed: the OS dropped its lock, so the next run goes straight in.
    again = run(["index", str(small_corpus), "--index-dir", str(index_dir), "--workers", "1"],
                VRAAGBAAK_LOCK_WAIT="0")
    assert again.returncode == 0, again.stderr
    assert "already up to date" in again.stdout
    assert_matches_facts(index_dir, small_corpus)


def test_two_writers_at_once_the_second_waits_its_turn(small_corpus, tmp_path):
    index_dir = tmp_path / "index"
    args = ["index", str(small_corpus), "--index-dir", str(index_dir), "--workers", "1"]
    first = start(args, VRAAGBAAK_COMMIT_EVERY="20")
    assert wait_for(lambda: (index_dir / RUN_LOCK_NAME).exists(), timeout=60)
    second = start(args, VRAAGBAAK_COMMIT_EVERY="20", VRAAGBAAK_LOCK_WAIT="300")
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    # The second did not interleave with the first's commits: it found all done.
    assert "150 added" in out1
    assert "0 added, 0 updated, 150 unchanged" in out2, out2
    assert_matches_facts(index_dir, small_corpus)


def test_two_writers_at_once_the_second_refuses_without_waiting(small_corpus, tmp_path):
    index_dir = tmp_path / "index"
    args = ["index", str(small_corpus), "--index-dir", str(index_dir), "--workers", "1"]
    first = start(args)
    holder_seen = wait_for(lambda: (index_dir / RUN_LOCK_NAME).exists(), timeout=60)
    second = run(args, VRAAGBAAK_LOCK_WAIT="0")
    out1, err1 = first.communicate(timeout=300)
    assert holder_seen and first.returncode == 0, err1
    if second.returncode == 0:  # the first had already finished: nothing to refuse
        assert "150 unchanged" in second.stdout
    else:
        assert second.returncode == 1
        assert "is locked by process" in second.stderr and "Traceback" not in second.stderr
    assert_matches_facts(index_dir, small_corpus)


def test_bad_tuning_variables_are_usage_errors(small_corpus, tmp_path):
    for name, value in [("VRAAGBAAK_COMMIT_EVERY", "0"), ("VRAAGBAAK_COMMIT_EVERY", "many"),
                        ("VRAAGBAAK_LOCK_WAIT", "-1"), ("VRAAGBAAK_LOCK_WAIT", "nan")]:
        result = run(["index", str(small_corpus), "--index-dir", str(tmp_path / "i")],
                     **{name: value})
        assert result.returncode == 2, (name, value, result.stderr)
        assert name in result.stderr and "Traceback" not in result.stderr
