"""One benchmark role per process, so each reports its own peak memory (ru_maxrss).

    python -m bench.worker build-whoosh CORPUS INDEX_DIR
    python -m bench.worker build-fts RECORDS DB
    python -m bench.worker fts-insert DB FILE...        (the FTS5 side of the daily update)
    python -m bench.worker serve whoosh|fts PATH        (JSON commands on stdin)

Build roles print one JSON line. `serve` opens one long-lived searcher, then answers
one JSON command per line on stdin with one JSON line on stdout: `run` (time a list of
queries), `memory`, `update` (add files and time until the searcher sees them), `quit`.
Peak memory is ru_maxrss of the process itself plus, for a build with worker
processes, the largest of its children (the two run at the same time).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.queries import BenchQuery


def peak_mb() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self_mb": round(own, 1), "children_mb": round(children, 1),
            "peak_mb": round(own + children, 1)}


def build_whoosh(corpus: str, index_dir: str) -> dict:
    from index.indexing.writer import index_paths

    started = time.perf_counter()
    report = index_paths([Path(corpus)], Path(index_dir))
    seconds = time.perf_counter() - started
    return {"records": report.records, "files": report.added, "failed": len(report.failed),
            "seconds": seconds, **peak_mb()}


def build_fts(records: str, db: str) -> dict:
    from bench.corpora import read_records
    from bench.fts import build

    count, seconds = build(Path(db), read_records(Path(records)))
    return {"records": count, "seconds": seconds, **peak_mb()}


def fts_insert(db: str, files: list[str]) -> None:
    from bench.fts import connect, insert
    from index.documents.loader import load_records
    from index.indexing.keywords import salient_words

    items = []
    for path in files:
        for record in load_records(Path(path)):
            items.append((record, salient_words(f"{record.title}\n{record.question}\n"
                                                f"{record.answer}")))
    con = connect(Path(db))
    insert(con, items)
    con.close()


class WhooshEngine:
    def __init__(self, index_dir: str):
        from config.settings import Settings
        from search.service import SearchService

        # a worker process of its own: it reads the settings (the posting cache the
        # benchmark asked for) at its start-up
        self.service = SearchService(Path(index_dir), Settings.from_env())

    def search(self, q: BenchQuery) -> dict:
        from search.results import SearchRequest

        request = SearchRequest(q=q.text, ministers=[q.minister] if q.minister else [],
                                facets=q.page, snippets=q.page, limit=10)
        result = self.service.search(request)
        if result.error:
            raise RuntimeError(f"{q.text}: {result.error}")
        return {"total": result.total, "records": result.records,
                "hits": [hit.id for hit in result.hits]}

    def has_record(self, rid: str) -> bool:
        return self.service.get(rid) is not None

    def update_command(self, target: str, files: list[str]) -> list[str]:
        return [sys.executable, "-m", "cli.main", "index", *files, "--index-dir", target]


class FtsEngine:
    def __init__(self, db: str):
        from bench.fts import FtsSearcher

        self.searcher = FtsSearcher(Path(db))

    def search(self, q: BenchQuery) -> dict:
        result = self.searcher.search(q)
        return {"total": result["total"], "records": result["records"],
                "hits": [row[0] for row in result["hits"]]}

    def has_record(self, rid: str) -> bool:
        return self.searcher.has_record(rid)

    def update_command(self, target: str, files: list[str]) -> list[str]:
        return [sys.executable, "-m", "bench.worker", "fts-insert", target, *files]


def serve(engine_name: str, target: str) -> None:
    opened = time.perf_counter()
    engine = WhooshEngine(target) if engine_name == "whoosh" else FtsEngine(target)
    reply({"ready": True, "open_seconds": time.perf_counter() - opened})
    for line in sys.stdin:
        command = json.loads(line)
        op = command["op"]
        if op == "run":
            reply(run_queries(engine, [BenchQuery.from_json(q) for q in command["queries"]]))
        elif op == "has":
            reply({"has": engine.has_record(command["id"])})
        elif op == "memory":
            reply(peak_mb())
        elif op == "update":
            reply(update(engine, target, command["files"], command["ids"]))
        elif op == "quit":
            reply({"bye": True})
            return


def run_queries(engine, queries: list[BenchQuery]) -> dict:
    times, cpu, results = [], [], []
    for q in queries:
        wall0, cpu0 = time.perf_counter(), time.process_time()
        result = engine.search(q)
        times.append((time.perf_counter() - wall0) * 1000)
        cpu.append((time.process_time() - cpu0) * 1000)
        results.append({"total": result["total"], "records": result["records"]})
    return {"ms": times, "cpu_ms": cpu, "results": results}


def update(engine, target: str, files: list[str], ids: list[str]) -> dict:
    """Start the indexer as its own process (as a daily job would), then poll."""
    started = time.perf_counter()
    proc = subprocess.Popen(engine.update_command(target, files), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    waiting = set(ids)
    indexed = None
    while waiting and time.perf_counter() - started < 120:
        waiting = {rid for rid in waiting if not engine.has_record(rid)}
        if indexed is None and proc.poll() is not None:
            indexed = time.perf_counter() - started
        if waiting:
            time.sleep(0.02)
    visible = time.perf_counter() - started
    proc.wait()
    if indexed is None:
        indexed = time.perf_counter() - started
    return {"visible_seconds": visible if not waiting else None,
            "indexer_seconds": indexed, "missing": sorted(waiting),
            "indexer_exit": proc.returncode, "stderr": proc.stderr.read()[-2000:]}


def reply(data: dict) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> None:
    role, args = argv[0], argv[1:]
    if role == "build-whoosh":
        reply(build_whoosh(*args))
    elif role == "build-fts":
        reply(build_fts(*args))
    elif role == "fts-insert":
        fts_insert(args[0], args[1:])
    elif role == "serve":
        serve(*args)
    else:
        raise SystemExit(f"unknown role {role}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main(sys.argv[1:])
