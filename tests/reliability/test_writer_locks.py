"""Locks: a killed writer never leaves the index locked, a live one is named, and two
writers at once never interleave: the second waits, or refuses with a clear message."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import (
    ROOT,
    cli_env,
    comparable,
    load_facts,
    run,
    start_hooked,
    stored_records,
    wait_for_event,
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
    result = run(["index", str(small_corpus), "--index-dir", str(index_dir), "--workers", "1"],
                 VRAAGBAAK_LOCK_WAIT="0")  # not a moment's wait: the files hold nothing
    assert result.returncode == 0, result.stderr
    assert_matches_facts(index_dir, small_corpus)


@pytest.mark.parametrize("name", [RUN_LOCK_NAME, WRITE_LOCK_NAME])
def test_a_live_lock_holder_is_named_and_its_death_frees_the_index(small_corpus, tmp_path,
                                                                  name):
    index_dir = tmp_path / "index"
    first = run(["index", str(small_corpus), "--index-dir", str(index_dir), "--workers", "1"])
    assert first.returncode == 0, first.stderr
    holder = hold_lock(index_dir / name)
    try:
        busy = run(["index", str(small_corpus), "--index-dir", str(index_dir)],
                   VRAAGBAAK_LOCK_WAIT="1")
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert busy.returncode == 1
    message = busy.stderr.strip()
    assert message.count("\n") == 0, message
    assert message.startswith("error: the index in") and "is locked by process" in message
    assert str(holder.pid) in message and "do not delete" in message
    assert "Traceback" not in busy.stderr
    assert "waited 1 s" in message
    # The holder was SIGKILLed: the OS dropped its lock, so the next run goes straight in.
    again = run(["index", str(small_corpus), "--index-dir", str(index_dir), "--workers", "1"],
                VRAAGBAAK_LOCK_WAIT="0")
    assert again.returncode == 0, again.stderr
    assert "already up to date" in again.stdout
    assert_matches_facts(index_dir, small_corpus)


def test_two_writers_at_once_the_second_waits_its_turn(small_corpus, tmp_path):
    """The first run is held after its first commit (so it surely holds the lock); the
    second starts, finds the lock taken and waits; the first goes on and finishes; only
    then does the second get in, and it finds everything done."""
    index_dir = tmp_path / "index"
    args = ["index", str(small_corpus), "--index-dir", str(index_dir), "--workers", "1"]
    first = start_hooked(args, "pause:1", VRAAGBAAK_COMMIT_EVERY="20")
    wait_for_event(first, "@committed 1")
    second = start_hooked(args, "pause:999", VRAAGBAAK_LOCK_WAIT="300",
                          VRAAGBAAK_TEST_REPORT_REFUSAL="1")
    wait_for_event(second, "@refused")  # it tried while the first held the lock
    first.stdin.write("go\n")
    first.stdin.flush()
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
    first = start_hooked(args, "pause:1", VRAAGBAAK_COMMIT_EVERY="20")
    try:
        wait_for_event(first, "@committed 1")  # the first run holds the lock now
        second = run(args, VRAAGBAAK_LOCK_WAIT="0")
    finally:
        first.stdin.write("go\n")
        first.stdin.flush()
    out1, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 1
    assert f"is locked by process {first.pid}" in second.stderr
    assert "Traceback" not in second.stderr
    assert "150 added" in out1
    assert_matches_facts(index_dir, small_corpus)


def test_bad_tuning_variables_are_usage_errors(small_corpus, tmp_path):
    for name, value in [("VRAAGBAAK_COMMIT_EVERY", "0"), ("VRAAGBAAK_COMMIT_EVERY", "many"),
                        ("VRAAGBAAK_LOCK_WAIT", "-1"), ("VRAAGBAAK_LOCK_WAIT", "nan")]:
        result = run(["index", str(small_corpus), "--index-dir", str(tmp_path / "i")],
                     **{name: value})
        assert result.returncode == 2, (name, value, result.stderr)
        assert name in result.stderr and "Traceback" not in result.stderr
