"""`durable.writes.write_atomic` (for the harvester's files) and the lock files, under a
power cut at every event (simulated_disk.py) and under errors."""

from __future__ import annotations

import random

import pytest
from simulated_disk import SimulatedDisk

from durable.writes import leftover_partials, write_atomic
from index.indexing.locks import RUN_LOCK_NAME, WRITE_LOCK_NAME, run_lock


def test_a_power_cut_leaves_the_old_file_or_the_new_one_whole(tmp_path):
    folder = tmp_path / "state"
    folder.mkdir()
    old, new = b"old state\n" * 3000, b"new state\n" * 5000
    write_atomic(folder / "state.json", old)
    images = tmp_path / "images"
    rng = random.Random(5)
    cuts = []
    with SimulatedDisk(folder) as disk:
        def cut(number, kind, name):
            for keep in range(len(disk.ops) + 1):  # every ordered part of the changes
                target = images / f"{number}-{keep}"
                disk.crash_image(target, keep, rng)
                cuts.append((target, kind, number))
        disk.on_event = cut
        write_atomic(folder / "state.json", new)
        last = disk.events
    seen = set()
    for target, kind, number in cuts:
        data = (target / "state.json").read_bytes()
        assert data in (old, new), (kind, number, len(data))
        if number == last:
            assert data == new, "the write returned before it was durable"
        seen.add(data)
    assert seen == {old, new} and len(cuts) >= 5


def test_a_failed_write_leaves_the_target_and_no_temporary_file(tmp_path):
    target = tmp_path / "state.json"
    write_atomic(target, "old")
    with pytest.raises(OSError), SimulatedDisk(tmp_path) as disk:
        disk.full_at = 1
        write_atomic(target, "new " * 10000)
    assert target.read_text() == "old"
    assert leftover_partials(tmp_path) == []


def test_lock_files_are_durable_once_created(tmp_path):
    with SimulatedDisk(tmp_path) as disk, run_lock(tmp_path, wait=0):
        durable = set(disk.durable_dir)
    assert {RUN_LOCK_NAME, WRITE_LOCK_NAME} <= durable
