"""`VRAAGBAAK_COMMIT_EVERY=N` (docs/reliability.md, `vraagbaak index --help`): a commit after
every N files read, new or changed, whether or not they parse; unchanged files are not read
and do not count. Commits are counted by the index's table-of-contents generation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from crafted import Doc, write_docs

from index.indexing.writer import INDEX_NAME

ROOT = Path(__file__).resolve().parent.parent


def generation(index_dir: Path) -> int:
    """Commits made so far (generation 0 is the empty index)."""
    return max(int(p.name.split("_")[2].split(".")[0])
               for p in index_dir.glob(f"_{INDEX_NAME}_*.toc"))


def index(folder: Path, index_dir: Path, every: int) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VRAAGBAAK_")}
    env.update(PYTHONPATH=str(ROOT), VRAAGBAAK_COMMIT_EVERY=str(every))
    return subprocess.run([sys.executable, "-m", "cli.main", "index", str(folder),
                           "--index-dir", str(index_dir), "--workers", "1"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          check=False)


def test_commits_count_files_read_not_records(tmp_path):
    folder = write_docs(tmp_path / "docs", [Doc(n, "Karel Vos") for n in range(1, 11)])
    for i in range(13):  # read, fail to parse, write no record: they count all the same
        (folder / f"kapot-{i:02d}.txt").write_text("Geen vraag, geen antwoord.\n")
    index_dir = tmp_path / "index"
    done = index(folder, index_dir, every=10)
    assert done.returncode == 1 and "10 added" in done.stdout and "13 failed" in done.stdout
    # 23 files read, 10 per commit: 10 + 10 + 3 (counting the 10 records would make 1)
    assert generation(index_dir) == 3


def test_unchanged_files_are_not_read_and_do_not_count(tmp_path):
    folder = write_docs(tmp_path / "docs", [Doc(n, "Karel Vos") for n in range(1, 8)])
    index_dir = tmp_path / "index"
    assert index(folder, index_dir, every=3).returncode == 0
    assert generation(index_dir) == 3  # 7 files: 3 + 3 + 1
    for n in (8, 9, 10, 11):
        (folder / f"vraag-{n}.txt").write_text(Doc(n, "Karel Vos").text(), encoding="utf-8")
    again = index(folder, index_dir, every=3)
    assert "4 added" in again.stdout and "7 unchanged" in again.stdout, again.stdout
    assert generation(index_dir) == 3 + 2  # 4 new files: 3 + 1
