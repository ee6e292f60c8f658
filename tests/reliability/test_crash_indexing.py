"""Crash-safe indexing: SIGKILL a real `vraagbaak index` at named commit points, then
check that what was committed is whole and searchable and that a re-run finishes the job.

Commits are made small (VRAAGBAAK_COMMIT_EVERY) so a run of a few thousand documents has
many commits. The kill is synchronised on a commit point (reliability_support.HOOKED_INDEX)
rather than on a sleep: while a commit writes its segments (with the workers busy on the
next files), with its table of contents written but not yet in place, and right after it
is in place; the first before anything of the run is committed.
"""

from __future__ import annotations

import json
import os
import random
import signal
from collections import defaultdict
from pathlib import Path

import pytest
from reliability_support import comparable, run, start_hooked, stored_records, wait_for

from index.indexing.store import INDEX_NAME

COMMIT_EVERY = "100"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")]


def toc_generation(index_dir: Path) -> int:
    gens = [int(p.name.split("_")[2].split(".")[0]) for p in index_dir.glob(f"_{INDEX_NAME}_*.toc")]
    return max(gens, default=-1)


def kill_group(proc) -> None:
    """SIGKILL the indexer itself: its worker processes must notice on their own."""
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return _has_live_member(pgid)


def _has_live_member(pgid: int) -> bool:
    """True if a non-zombie process of the group is left (zombies hold no locks)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def check_committed(index_dir: Path, corpus: Path, facts: dict, rng: random.Random) -> int:
    """The index opens; every file in it is whole and equal to the facts; a sample of
    records is found by an exact phrase of its own text. Returns the record count."""
    from search.service import SearchService

    records = stored_records(index_dir)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "a record is in the index twice"
    by_file: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_file[Path(record["source"]).name].append(comparable(record))
    for name, got in by_file.items():
        expected = [comparable(r) for r in facts[name]]
        assert sorted(got, key=lambda r: r["id"]) == sorted(expected, key=lambda r: r["id"]), \
            f"{name} is only partly in the index, or changed"
    service = SearchService(index_dir)
    try:
        for record in rng.sample(records, min(20, len(records))):
            words = (record["answer"] or record["question"]).split()[:6]
            phrase = " ".join(w.strip('.,;:?!()"') for w in words)
            result = service.search(_request(f'"{phrase}"', record))
            found = {ref.id for hit in result.hits for ref in hit.records} | \
                {hit.id for hit in result.hits}
            assert record["id"] in found, (record["id"], phrase, result.error)
    finally:
        service.close()
    return len(records)


def _request(q: str, record: dict):
    """The phrase, narrowed to the record's minister and day: common phrases have more
    than a page of hits."""
    import datetime as dt

    from search.results import SearchRequest

    day = dt.date.fromisoformat(record["date"])
    return SearchRequest(q=q, ministers=[record["minister"]], date_from=day, date_to=day,
                         limit=100, facets=False, snippets=False)


# (where, which commit of the run): while a commit writes its segments, with its TOC
# written but not renamed into place, right after it is in place; the first kill before
# anything of the run was committed.
KILL_POINTS = [("writing", 1), ("before-rename", 2), ("after-rename", 1),
               ("writing", 3), ("after-rename", 2), ("before-rename", 1)]


def test_sigkill_at_commit_points_loses_nothing_committed(crash_corpus, crash_facts, tmp_path):
    index_dir = tmp_path / "index"
    total = sum(len(records) for records in crash_facts.values())
    assert {len(records) for records in crash_facts.values()} == {1}  # one record a file
    every = int(COMMIT_EVERY)
    rng = random.Random(20240925)
    args = ["index", str(crash_corpus), "--index-dir", str(index_dir)]
    kills, counts, committed = [], [], 0
    for attempt, (point, number) in enumerate(KILL_POINTS):
        # Alternate one worker and two, so the parallel path (and its orphans) is killed too.
        workers = "1" if attempt % 2 == 0 else "2"
        before = toc_generation(index_dir)
        proc = start_hooked([*args, "--workers", workers], f"{point}:{number}",
                            VRAAGBAAK_COMMIT_EVERY=COMMIT_EVERY)
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == -signal.SIGKILL, (point, number, out, err)
        # The workers notice their parent is gone and exit: none is left holding the lock.
        if not wait_for(lambda p=proc.pid: not group_alive(p), timeout=30):
            os.killpg(proc.pid, signal.SIGKILL)  # clean up, then fail
            raise AssertionError("an orphaned worker outlived the killed indexer")
        done = number if point == "after-rename" else number - 1
        kills.append((point, number, workers, toc_generation(index_dir)))
        # Exactly the commits that finished are there; the killed one left nothing.
        assert toc_generation(index_dir) == max(before, 0) + done, kills
        committed += done * every
        if toc_generation(index_dir) >= 0:
            counts.append(check_committed(index_dir, crash_corpus, crash_facts, rng))
            assert counts[-1] == committed, (kills, counts)
            assert_check_after_kill(index_dir)
    print(f"kills (point, commit, workers, generation): {kills}; records after each: {counts}")

    # The killed runs' leftovers must not stop the next one, which completes the job.
    done = run([*args, "--workers", "2"], VRAAGBAAK_COMMIT_EVERY=COMMIT_EVERY)
    assert done.returncode == 0, done.stderr
    assert check_committed(index_dir, crash_corpus, crash_facts, rng) == total
    again = run(args)
    assert again.returncode == 0, again.stderr
    assert "0 added, 0 updated" in again.stdout and "already up to date" in again.stdout
    assert_no_leftovers(index_dir)
    checked = run(["check", "--index-dir", str(index_dir), "--json"])
    assert checked.returncode == 0, checked.stdout
    assert json.loads(checked.stdout)["records"] == total


def assert_check_after_kill(index_dir: Path) -> None:
    """`vraagbaak check` right after a kill: the index is sound but for the killed
    run's leftovers, each named as such (the next run removes them)."""
    checked = run(["check", "--index-dir", str(index_dir), "--json"])
    report = json.loads(checked.stdout)
    assert all("leftover of an interrupted run" in p for p in report["problems"]), \
        report["problems"]
    assert checked.returncode == (1 if report["problems"] else 0), checked.stdout


def assert_no_leftovers(index_dir: Path) -> None:
    """After a clean run only the current TOC, its segments and the lock files remain."""
    from whoosh.index import TOC

    from index.indexing.store import open_index

    segments = {s.segment_id() for s in open_index(index_dir)._segments()}
    allowed_locks = {f"{INDEX_NAME}_WRITELOCK", f"{INDEX_NAME}_RUNLOCK"}
    generation = toc_generation(index_dir)
    for path in index_dir.iterdir():
        name = path.name
        if name in allowed_locks or name == TOC._filename(INDEX_NAME, generation):
            continue
        assert name.split(".")[0] in segments, f"leftover file in the index: {name}"
