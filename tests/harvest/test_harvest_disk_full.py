"""A full disk while `vraagbaak harvest` writes: one clear line, exit 1, no temporary
file left, every file under its final name whole, and a rerun with space ends with
exactly the files of an uninterrupted harvest.

Two ways, as tests/reliability/test_disk_full.py does for the index: ENOSPC injected at
every write point of a small update harvest in turn (filling_disk.py: creating a file
or folder, writing, fsync of a file or folder), and a real small file system (a tmpfs,
when running as root) filled to several levels.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from harvest.store import LOCK_NAME
from tests.fake_opendata import FakeOpenData
from tests.harvest.conftest import SESSION, tree
from tests.harvest.filling_disk import FillingDisk
from tests.small_filesystem import fill, small_filesystem

LINE = "freed nothing, files fetched so far kept ("
QUICK_ENV = {"VRAAGBAAK_HARVEST_TIMEOUT": "2", "VRAAGBAAK_HARVEST_RETRIES": "0"}


def args(fake, out: Path, *extra: str) -> list[str]:
    return ["harvest", "--zittingsjaar", SESSION, "--zittingsjaar", "2020-2021",
            "--api", fake.url, "--out", str(out), "--rate", "1000", *extra]


def harvest(fake, out: Path, *extra: str):
    return CliRunner().invoke(cli, args(fake, out, *extra), env=QUICK_ENV)


def disk_full_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got:\n{stderr}"
    assert lines[0].startswith("disk full: ") and LINE in lines[0], lines[0]
    return lines[0]


def counted_in(line: str) -> int:
    """New + updated, as the line says them: "... kept (N new, M updated; ...)"."""
    return sum(int(part.split()[0]) for part in line.split(LINE)[1].split(";")[0].split(", "))


def temporary_files(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob(".*") if p.name != LOCK_NAME)


def sidecars_changed(out: Path, before: dict) -> int:
    now = tree(out)
    return sum(1 for key, value in now.items()
               if key.endswith(".json") and before.get(key) != value)


def assert_synced_before_done(points: list[tuple[str, str]], before: dict,
                              after: dict) -> None:
    """Each file the run wrote was synced under its temporary name, then its folder:
    so a power cut after the run cannot take it back (durable/writes.py)."""
    synced = [path for kind, path in points if kind == "fsync"]
    for key in after:
        if after[key] == before.get(key):
            continue
        folder, name = key.split("/")
        data = [n for n, path in enumerate(synced) if path.startswith(f"{folder}/.{name}.")]
        assert data, f"{key} was never synced"
        assert folder in synced[data[-1] + 1:], f"the folder of {key} was not synced after it"


@pytest.fixture
def update(served, tmp_path):
    """(fake, seed folder, files before, files after an uninterrupted update): the seed
    holds a harvest of two questions; since then one of them changed, one more was
    published in its zittingsjaar and the two seed documents in another. The changed one
    comes with a new PDF (a corrected answer), so a sidecar that reached the disk before
    its PDF would leave the old file for good."""
    chosen = copy.deepcopy(served[:3] + served[-2:])
    fake = FakeOpenData(chosen).start()
    try:
        fake.questions = chosen[:2]
        seed = tmp_path / "seed"
        assert harvest(fake, seed).exit_code == 0
        fake.questions = chosen
        for tag in chosen[0].hit["metatags"]["metatag"]:
            if tag["name"] == "last_modified":
                tag["value"] = "2025-06-30T09:00:00+0200"
        chosen[0].file = served[3].file
        reference = tmp_path / "reference"
        shutil.copytree(seed, reference)
        done = harvest(fake, reference)
        assert done.exit_code == 0, done.output
        assert "3 new, 1 updated, 1 unchanged" in done.stdout, done.stdout
        yield fake, seed, tree(seed), tree(reference)
    finally:
        fake.stop()


def test_enospc_at_every_write_point_of_a_harvest(update, tmp_path):
    fake, seed, before, after = update
    kinds: dict[str, int] = {}
    point = 0
    while True:
        point += 1
        out = tmp_path / f"full-{point}"
        shutil.copytree(seed, out)
        as_json = point % 3 == 0  # --json says it too, and --index is not run
        extra = ["--json", "--index", "--index-dir", str(tmp_path / "index")] if as_json else []
        with FillingDisk(out) as disk:
            disk.full_at = point
            result = harvest(fake, out, *extra)
        if not disk.filled:  # past the run's last write point: it completes
            assert result.exit_code == 0, result.output
            assert tree(out) == after
            assert_synced_before_done(disk.points, before, after)
            break
        kind = disk.points[-1][0]
        kinds[kind] = kinds.get(kind, 0) + 1
        where = f"disk full from write point {point} ({disk.points[-1]})"
        assert result.exit_code == 1, (where, result.output)
        if as_json:
            summary = json.loads(result.stdout)
            line = summary["disk_full"]
            assert line.startswith("disk full: ") and LINE in line, (where, line)
            assert "index_exit" not in summary
            counted = summary["new"] + summary["updated"]
        else:
            line = disk_full_line(result.stderr)
            assert result.stdout == "", where
            counted = counted_in(line)
        assert str(out) in line, (where, line)
        assert "Traceback" not in result.output, where
        assert temporary_files(out) == [], where
        # whatever has a final name is whole: as it was, or as the finished run has it
        for key, value in tree(out).items():
            assert value in (before.get(key), after.get(key)), (where, key)
        # the line counts the questions written; one more sidecar may have reached its
        # name when the full disk refused the sync of its folder
        assert counted <= sidecars_changed(out, before) <= counted + 1, (where, line)
        again = harvest(fake, out)  # with space again
        assert again.exit_code == 0, (where, again.output)
        assert tree(out) == after, where
        assert temporary_files(out) == [], where
        shutil.rmtree(out)
    print(f"ENOSPC injected at each of {point - 1} write points: {kinds}")
    assert point > 20 and {"create", "write", "fsync", "mkdir"} <= set(kinds), kinds


def test_a_real_small_filesystem_fills_up_during_a_harvest(update, tmp_path):
    fake, seed, before, after = update
    with small_filesystem(tmp_path / "mnt", "1m") as mnt:
        out = mnt / "harvest"
        filler = mnt / "filler"
        outcomes = set()
        for left in (0, 12_000, 40_000):
            if out.exists():
                shutil.rmtree(out)
            shutil.copytree(seed, out)
            fill(filler, left)
            result = harvest(fake, out)
            assert result.exit_code == 1, (left, result.output)
            line = disk_full_line(result.stderr)
            assert temporary_files(out) == [], left
            state = tree(out)
            for key, value in state.items():
                assert value in (before.get(key), after.get(key)), (left, key)
            assert counted_in(line) == sidecars_changed(out, before), (left, line)
            outcomes.add(sidecars_changed(out, before))
            filler.unlink()
            again = harvest(fake, out)
            assert again.exit_code == 0, (left, again.output)
            assert tree(out) == after, left
        assert len(outcomes) > 1, f"every level stopped at the same moment: {outcomes}"


@pytest.mark.parametrize("full_at", [1, 2, 3])  # the folder, its parent's sync, the lock file
def test_no_room_for_the_folder_or_its_lock_file(fake, tmp_path, full_at):
    out = tmp_path / "harvest"
    with FillingDisk(tmp_path) as disk:
        disk.full_at = full_at
        result = harvest(fake, out)
    assert disk.filled and result.exit_code == 1, result.output
    assert counted_in(disk_full_line(result.stderr)) == 0
    assert fake.requests("detail") == []  # stopped before fetching anything
    assert not out.exists() or temporary_files(out) == []
