"""A full disk while `vraagbaak index` writes: one clear line, exit 1, the last commit
intact, nothing left behind, and a rerun with space completes.

Two ways: a real small file system (a tmpfs with a size limit, mounted for the test
when running as root; the real command with its worker processes), filled to several
levels so space runs out at different moments; and, on any machine, ENOSPC injected at
every write and fsync point of an update run in turn (simulated_disk.py: once full, the
disk stays full, as a real one does, until space is freed).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from reliability_support import comparable, load_facts, run, stored_records
from simulated_disk import SimulatedDisk

from cli.main import cli
from index.indexing.check import check_index
from index.indexing.writer import index_paths
from tests.small_filesystem import fill, free_bytes, small_filesystem

LINE = "freed nothing, last commit kept"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")]


def disk_full_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got:\n{stderr}"
    assert lines[0].startswith("disk full: ") and LINE in lines[0], lines[0]
    return lines[0]


def records_of(files, facts) -> dict[str, dict]:
    return {r["id"]: comparable(r) for f in files for r in facts[f.name]}


def held(index_dir: Path) -> dict[str, dict]:
    return {r["id"]: comparable(r) for r in stored_records(index_dir)}


@pytest.fixture
def corpora(tmp_path):
    """(base folder, update folder, facts): 12 files indexed first, 4 to add."""
    from synth.generator import generate

    generate(16, 91, tmp_path / "all")
    facts = load_facts(tmp_path / "all")
    files = sorted((tmp_path / "all").glob("*.txt"))
    base, update = tmp_path / "base", tmp_path / "update"
    base.mkdir()
    update.mkdir()
    for path in files[:12]:
        shutil.copy(path, base)
    for path in files[12:]:
        shutil.copy(path, update)
    return base, update, facts


def test_enospc_at_every_write_and_fsync_of_an_update(corpora, tmp_path):
    base, update, facts = corpora
    seed = tmp_path / "seed-index"
    assert index_paths([base], seed, workers=1).ok
    before = records_of(sorted(base.glob("*.txt")), facts)
    after = {**before, **records_of(sorted(update.glob("*.txt")), facts)}
    args = ["index", str(base), str(update), "--workers", "1", "--index-dir"]

    outcomes = {"last commit kept": 0, "failed after its commit was written": 0}
    point = 0
    while True:
        point += 1
        target = tmp_path / f"full-{point}"
        shutil.copytree(seed, target)
        with SimulatedDisk(target) as disk:
            disk.full_at = point
            result = CliRunner().invoke(cli, [*args, str(target)])
        if not disk.filled:  # past the run's last write: it completes
            assert result.exit_code == 0, result.output
            assert held(target) == after and check_index(target).sound
            break
        where = f"disk full from write/fsync {point}"
        assert result.exit_code == 1, (where, result.output)
        line = disk_full_line(result.stderr)
        state = held(target)
        # The last commit is kept; only a failure after the new TOC was renamed into
        # place (at the folder's fsync) leaves the new commit, and says so.
        assert state in (before, after), where
        outcomes["last commit kept" if state == before else
                 "failed after its commit was written"] += 1
        assert f"({len(state)} records;" in line, (where, line)
        report = check_index(target)
        assert report.sound, (where, report.problems)  # no leftovers, nothing broken
        again = CliRunner().invoke(cli, [*args, str(target)])  # with space again
        assert again.exit_code == 0, (where, again.output)
        assert held(target) == after, where
        assert check_index(target).sound, where
        shutil.rmtree(target)
    print(f"ENOSPC injected at each of {point - 1} write/fsync points: {outcomes}")
    assert point > 10 and outcomes["last commit kept"] > 0


def test_a_real_small_filesystem_fills_up(tmp_path):
    from synth.generator import generate

    generate(150, 92, tmp_path / "all")
    facts = load_facts(tmp_path / "all")
    files = sorted((tmp_path / "all").glob("*.txt"))
    base, update = tmp_path / "base", tmp_path / "update"
    for folder, chosen in ((base, files[:30]), (update, files[30:])):
        folder.mkdir()
        for path in chosen:
            shutil.copy(path, folder)
    before, after = records_of(files[:30], facts), records_of(files, facts)
    with small_filesystem(tmp_path / "mnt", "8m") as mnt:
        index_dir = mnt / "index"
        args = ["index", str(base), str(update), "--index-dir", str(index_dir)]
        first = run(["index", str(base), "--index-dir", str(index_dir)])
        assert first.returncode == 0, first.stderr
        filler = mnt / "filler"
        for left in (0, 40_000, 200_000):
            fill(filler, left)
            free = free_bytes(mnt)
            result = run(args)
            assert result.returncode == 1, (left, result.stdout, result.stderr)
            disk_full_line(result.stderr)
            assert held(index_dir) == before, left
            checked = run(["check", "--index-dir", str(index_dir)])
            assert checked.returncode == 0, (left, checked.stdout)
            assert free_bytes(mnt) == free, f"{left}: the failed run left files behind"
        filler.unlink()
        done = run(args)
        assert done.returncode == 0, done.stderr
        assert held(index_dir) == after
        checked = run(["check", "--index-dir", str(index_dir)])
        assert checked.returncode == 0 and f"{len(after)} records" in checked.stdout, \
            checked.stdout
