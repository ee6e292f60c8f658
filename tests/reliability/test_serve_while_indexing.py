"""A real `vraagbaak serve` keeps answering, and answering right, while a real
`vraagbaak index` adds, updates and prunes documents; the changes show without restart."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from reliability_support import Server, load_facts, run, wait_for

pytestmark = pytest.mark.slow
TOTAL_FILES = 360
FIRST_FILES = 200
MARKER = "zeppelinvaart"
POLL_REQUESTS = 3000  # bounds of the background client: count and time
POLL_SECONDS = 240


class Poller(threading.Thread):
    """A client that keeps requesting pages and API calls until told to stop."""

    def __init__(self, server: Server, stable_id: str, bounds: tuple[int, int]):
        super().__init__(daemon=True)
        self.server = server
        self.paths = ["/api/search", "/api/search?q=sociale+economie&limit=5", "/?q=economie",
                      "/?q=economie&page=2&sort=newest", "/api/stats",
                      f"/api/questions/{stable_id}", f"/questions/{stable_id}",
                      "/feed.atom?q=onderwijs", "/export.csv?q=onderwijs&limit=20"]
        self.bounds = bounds
        self.stop = threading.Event()
        self.errors: list[str] = []
        self.latencies: list[float] = []
        self.records_seen: list[int] = []

    def run(self) -> None:
        deadline = time.monotonic() + POLL_SECONDS
        for n in range(POLL_REQUESTS):
            if self.stop.is_set() or time.monotonic() > deadline:
                return
            path = self.paths[n % len(self.paths)]
            started = time.monotonic()
            try:
                status, body, _ = self.server.get(path)
                self.latencies.append(time.monotonic() - started)
                self.check(path, status, body)
            except Exception as error:  # noqa: BLE001 - every failure is a finding
                self.errors.append(f"{path}: {error!r}")

    def check(self, path: str, status: int, body: bytes) -> None:
        if status != 200:
            self.errors.append(f"{path}: HTTP {status} {body[:200]!r}")
        elif path == "/api/stats":
            records = json.loads(body)["records"]
            self.records_seen.append(records)
            if not self.bounds[0] <= records <= self.bounds[1]:
                self.errors.append(f"stats: {records} records outside {self.bounds}")
        elif path.startswith("/api/search"):
            data = json.loads(body)
            if data["error"] or data["total"] < 1:
                self.errors.append(f"{path}: {data['error']} total={data['total']}")


def mark_answer(path: Path, answer: str) -> bool:
    """Put MARKER into the file in place of a word of its answer found once in the file
    (that one occurrence may be in the question: either way the record changes)."""
    text = path.read_bytes().decode("utf-8", errors="surrogateescape")
    for word in answer.split():
        if len(word) >= 7 and word.isalpha() and text.count(f" {word} ") == 1:
            path.write_bytes(text.replace(f" {word} ", f" {MARKER} ")
                             .encode("utf-8", errors="surrogateescape"))
            return True
    return False


def test_serve_answers_while_index_adds_updates_and_prunes(tmp_path):
    from synth.generator import generate

    every = tmp_path / "every"
    generate(TOTAL_FILES, 91, every)
    facts = load_facts(every)
    names = sorted(facts)
    live = tmp_path / "live"
    live.mkdir()
    for name in names[:FIRST_FILES]:
        shutil.copy(every / name, live / name)
    index_dir = tmp_path / "index"
    args = ["index", str(live), "--index-dir", str(index_dir), "--workers", "1"]
    assert run(args).returncode == 0

    def records_of(files) -> int:
        return sum(len(facts[name]) for name in files)

    stable = facts[names[0]][0]["id"]
    updated = [n for n in names[1:FIRST_FILES]
               if facts[n][0]["answer_kind"] == "answer"][:5]
    pruned = names[FIRST_FILES - 10:FIRST_FILES]
    every_count = records_of(names)
    final_count = every_count - records_of(pruned)

    with Server(index_dir) as server:
        assert server.json("/api/stats")["records"] == records_of(names[:FIRST_FILES])
        # Records only grow while adding, then shrink to final_count (> the first count).
        poller = Poller(server, stable, (records_of(names[:FIRST_FILES]), every_count))
        poller.start()

        def stats() -> int:
            return server.json("/api/stats")["records"]

        # 1. Add: the rest of the files, committed in small batches while being searched.
        for name in names[FIRST_FILES:]:
            shutil.copy(every / name, live / name)
        added = run(args, VRAAGBAAK_COMMIT_EVERY="40")
        assert added.returncode == 0, added.stderr
        assert f"{TOTAL_FILES - FIRST_FILES} added" in added.stdout
        assert wait_for(lambda: stats() == every_count, timeout=10), stats()
        newest = facts[names[-1]][0]
        assert server.get(f"/api/questions/{newest['id']}")[0] == 200
        words = " ".join(newest["question"].split()[:5]).replace('"', "")
        found = server.json(f"/api/search?limit=100&q={quote(chr(34) + words + chr(34))}")
        assert newest["id"] in {r["id"] for h in found["hits"] for r in h["records"]}

        # 2. Update: a word of five answers becomes MARKER.
        changed = [n for n in updated if mark_answer(live / n, facts[n][0]["answer"])]
        assert len(changed) >= 3
        update = run(args)
        assert update.returncode == 0 and f"{len(changed)} updated" in update.stdout, update

        def marked() -> set[str]:
            data = server.json(f"/api/search?q={MARKER}&limit=100")
            return {r["id"] for h in data["hits"] for r in h["records"]}

        expected = {facts[n][0]["id"] for n in changed}
        assert wait_for(lambda: expected <= marked(), timeout=10), marked()
        record = server.json(f"/api/questions/{facts[changed[0]][0]['id']}")
        assert MARKER in json.dumps(record, ensure_ascii=False)

        # 3. Prune: ten files deleted, their records removed, their pages gone.
        for name in pruned:
            (live / name).unlink()
        prune = run([*args, "--prune"])
        assert prune.returncode == 0 and f"{len(pruned)} removed" in prune.stdout, prune
        assert wait_for(lambda: stats() == final_count, timeout=10), stats()
        for name in pruned:
            for record in facts[name]:
                assert server.get(f"/api/questions/{record['id']}")[0] == 404

        poller.stop.set()
        poller.join(timeout=60)
    assert not poller.errors, (poller.errors[:10], server.log.read_text()[-3000:])
    assert len(poller.latencies) > 50
    assert max(poller.latencies) < 10, max(poller.latencies)
    print(f"{len(poller.latencies)} requests during the writes, slowest "
          f"{max(poller.latencies):.2f} s; records seen {sorted(set(poller.records_seen))}")
