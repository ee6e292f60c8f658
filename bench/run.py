"""The benchmark run: per corpus size, build both engines, time the query mix, compare.

Every phase that is measured runs in its own process (bench/worker.py), so build and
serving memory are each a process's own peak. Both searchers stay open side by side
and take turns: round after round each runs the whole timed query set, so noise from
other work on a shared machine falls on both engines alike. Warm-up uses a different
seeded query set than the timed rounds, so no timed query was asked before.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpora import (
    corpus_files,
    ensure_corpus,
    ensure_records,
    measure_parse,
)
from bench.queries import BenchQuery, make_queries
from index.documents.model import Record

UPDATE_DOCS = 50


@dataclass
class Config:
    sizes: list[int]
    queries: int = 200
    seed: int = 2024
    out: Path = Path("bench/out")
    cache: Path = Path("bench/out/cache")
    rounds: int = 2
    jobs: int = 2
    reuse: bool = False
    update: bool = True
    log: object = field(default=print)


def run(config: Config) -> dict:
    """Measure every size; write report.json, report.md and latency.png into config.out."""
    from bench.report import write_outputs

    config.out.mkdir(parents=True, exist_ok=True)
    config.cache.mkdir(parents=True, exist_ok=True)
    results = {"started": time.strftime("%Y-%m-%d %H:%M:%S %z"), "machine": machine(),
               "config": {"sizes": config.sizes, "queries": config.queries,
                          "seed": config.seed, "rounds": config.rounds,
                          "posting_cache_mb": os.environ.get("VRAAGBAAK_POSTING_CACHE_MB",
                                                             "default")}, "sizes": []}
    largest = max(config.sizes)
    for size in sorted(config.sizes):
        results["sizes"].append(run_size(config, size, config.update and size == largest))
        write_outputs(results, config.out)
    return results


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30 \
        if hasattr(os, "sysconf") else 0
    import sqlite3

    import whoosh

    return {"host": platform.node(), "cpu": cpu, "cores": os.cpu_count(),
            "memory_gib": round(mem, 1), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "whoosh": whoosh.versionstring(),
            "load_before": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}


def run_size(config: Config, size: int, with_update: bool) -> dict:
    log = config.log
    corpus = ensure_corpus(config.cache, size, config.seed, config.jobs, log)
    files = corpus_files(corpus)
    records_file = ensure_records(corpus, config.jobs, log)
    work = config.out / "work"
    work.mkdir(parents=True, exist_ok=True)
    index_dir, db = work / f"whoosh-{size}", work / f"fts-{size}.sqlite"
    saved = work / f"build-{size}.json"
    entry: dict = {"size": size, "files": len(files)}
    if config.reuse and saved.exists() and index_dir.exists() and db.exists():
        log(f"[{size}] reusing the indexes built earlier ({saved})")
        entry["build"] = json.loads(saved.read_text())
    else:
        log(f"[{size}] measuring parse throughput on a sample")
        parse_rate = measure_parse(files, 1000, config.jobs)
        log(f"[{size}] building Whoosh (vraagbaak index path) ...")
        shutil.rmtree(index_dir, ignore_errors=True)
        whoosh_build = worker("build-whoosh", str(corpus), str(index_dir))
        log(f"[{size}] Whoosh: {whoosh_build['records']} records in "
            f"{whoosh_build['seconds']:.0f} s; building FTS5 ...")
        fts_build = worker("build-fts", str(records_file), str(db))
        log(f"[{size}] FTS5: {fts_build['records']} records in {fts_build['seconds']:.1f} s")
        entry["build"] = {"whoosh": whoosh_build, "fts": fts_build,
                          "parse_records_per_s": parse_rate,
                          "whoosh_bytes": dir_size(index_dir), "fts_bytes": db_size(db)}
        saved.write_text(json.dumps(entry["build"]))
    records = sample_records(records_file, 3000)
    warm = make_queries(records, config.queries, config.seed + 1)
    timed = make_queries(records, config.queries, config.seed)
    entry["queries"] = [q.to_json() for q in timed]
    update_from = entry["build"]["fts"]["records"] + 1 if with_update else None
    entry.update(serve_both(config, index_dir, db, warm, timed, update_from))
    return entry


def serve_both(config: Config, index_dir: Path, db: Path, warm: list[BenchQuery],
               timed: list[BenchQuery], update_from: int | None) -> dict:
    log = config.log
    engines = {"whoosh": Server("whoosh", index_dir), "fts": Server("fts", db)}
    try:
        out: dict = {"open_seconds": {n: s.ready["open_seconds"] for n, s in engines.items()}}
        for name, server in engines.items():
            log(f"warming up {name} ...")
            server.run(warm)
        times = {name: [] for name in engines}
        cpu = {name: [] for name in engines}
        answers = {}
        for round_ in range(config.rounds):
            order = list(engines) if round_ % 2 == 0 else list(reversed(engines))
            for name in order:
                log(f"round {round_ + 1}/{config.rounds}: {name}")
                result = engines[name].run(timed)
                times[name].append(result["ms"])
                cpu[name].append(result["cpu_ms"])
                answers[name] = result["results"]
        out["ms"], out["cpu_ms"], out["answers"] = times, cpu, answers
        out["memory"] = {name: server.ask({"op": "memory"}) for name, server in engines.items()}
        if update_from is not None:
            out["update"] = daily_update(config, index_dir, db, engines, update_from)
        return out
    finally:
        for server in engines.values():
            server.close()


class Server:
    """A `bench.worker serve` process and its line protocol."""

    def __init__(self, engine: str, target: Path):
        self.proc = subprocess.Popen([sys.executable, "-m", "bench.worker", "serve", engine,
                                      str(target)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.ready = self._read()

    def ask(self, command: dict) -> dict:
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def run(self, queries: list[BenchQuery]) -> dict:
        return self.ask({"op": "run", "queries": [q.to_json() for q in queries]})

    def _read(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"benchmark worker died (exit {self.proc.wait()})")
        return json.loads(line)

    def close(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(OSError, RuntimeError):
                self.ask({"op": "quit"})
        self.proc.wait(timeout=30)


def daily_update(config: Config, index_dir: Path, db: Path, engines: dict,
                 first_new: int) -> dict:
    """Add UPDATE_DOCS new files to both live indexes; time until each searcher sees them."""
    from bench.corpora import parse_files
    from synth.generator import generate

    folder = config.cache / f"update-{UPDATE_DOCS}-s{config.seed}"
    if not (folder / ".complete").exists():
        generate(UPDATE_DOCS, config.seed + 7919, folder)
        (folder / ".complete").write_text("")
    files = corpus_files(folder)
    ids = [r["record"]["id"] for r in parse_files(files, 1)]
    out = {}
    for name, server in engines.items():
        fresh = [rid for rid in ids if not server.ask({"op": "has", "id": rid}).get("has")]
        config.log(f"daily update: {len(files)} files into {name} ...")
        out[name] = server.ask({"op": "update", "files": [str(f) for f in files],
                                "ids": fresh})
        out[name]["new_records"] = len(fresh)
    remove_update(index_dir, db, files, first_new)
    return out


def remove_update(index_dir: Path, db: Path, files: list[Path], first_new: int) -> None:
    """Take the update's records out again, so a --reuse run can add them anew."""
    from bench.fts import connect
    from index.indexing.store import open_index
    from index.indexing.writer import source_key

    writer = open_index(index_dir).writer()
    for path in files:
        writer.delete_by_term("source", source_key(path))
    writer.commit()
    con = connect(db)
    con.execute("DELETE FROM meta WHERE id >= ?", (first_new,))
    con.execute("DELETE FROM fts WHERE rowid >= ?", (first_new,))
    con.execute("DELETE FROM kw WHERE doc >= ?", (first_new,))
    con.close()


def worker(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "bench.worker", *args], capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise RuntimeError(f"bench.worker {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def sample_records(path: Path, count: int) -> list[Record]:
    """An evenly spread sample of the cached records (only those lines are decoded)."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        total = sum(1 for _ in lines)
    step = max(1, total // count)
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if n % step == 0:
                out.append(Record.from_json(json.loads(line)["record"]))
    return out


def dir_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def db_size(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
