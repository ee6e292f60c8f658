"""Load test: concurrent clients against a real `vraagbaak serve` on 127.0.0.1.

    python -m bench.load [--docs 50000] [--clients 16] [--seconds 60]      (make load)

Builds (once, cached) a synthetic corpus and its index, starts `vraagbaak serve` on a
free port of 127.0.0.1, learns real ids, names and words from the server's own API,
then runs CLIENTS closed-loop clients for SECONDS with a mix of what users do: search
pages with and without filters, facet clicks, paging and sorting, question pages, the
JSON API, feeds and exports. Every request is bounded (timeout) and the run is bounded
in time and in count. Prints, and writes as JSON, the error count and the p50/p95/p99
latencies overall and per kind. Not a timed assertion: the figures go in
docs/reliability.md. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

HOST = "127.0.0.1"  # never anything else
ROOT = Path(__file__).resolve().parent.parent
REQUEST_TIMEOUT = 60
MAX_REQUESTS_PER_CLIENT = 100_000
TOPICS = ["sociale economie", "kinderopvang", "onderwijs", "armoede", "mobiliteit",
          "lokale besturen", "woonzorgcentra", "energie", "klimaat", "werkgelegenheid",
          "cultuur", "landbouw", "digitalisering", "verkeersveiligheid", "jeugdhulp"]
# kind -> share of requests; a user mostly searches and reads.
MIX = {"search": 30, "filtered": 14, "facet_click": 8, "page": 8, "question": 16,
       "api_search": 12, "api_question": 4, "feed": 4, "export": 2, "about": 2}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    index_dir = Path(args.index_dir) if args.index_dir else ensure_index(args, out)
    port = free_port()
    log = open(out / "serve.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--host", HOST,
                               "--port", str(port), "--index-dir", str(index_dir)],
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        wait_ready(port, server)
        plan = learn(port, random.Random(args.seed))
        print(f"serving {plan['records']} records; {args.clients} clients for "
              f"{args.seconds} s on http://{HOST}:{port}/", flush=True)
        report = run_load(port, plan, args.clients, args.seconds, args.seed)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
    report.update({"docs": plan["records"], "index_dir": str(index_dir),
                   "clients": args.clients, "seconds": args.seconds})
    (out / "load-report.json").write_text(json.dumps(report, indent=2))
    print(render(report))
    return 0 if report["errors"] == 0 else 1


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=50_000, help="synthetic documents")
    parser.add_argument("--seed", type=int, default=2024, help="corpus and request seed")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--cache", default="bench/out/cache", help="generated corpora")
    parser.add_argument("--out", default="bench/out/load", help="index, log and report")
    parser.add_argument("--index-dir", help="use this index instead of building one")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 256 or not 1 <= args.seconds <= 3600:
        parser.error("clients must be 1-256 and seconds 1-3600")
    return args


def ensure_index(args, out: Path) -> Path:
    """The corpus (shared with `vraagbaak bench`) and its index, built once."""
    from bench.corpora import ensure_corpus

    corpus = ensure_corpus(Path(args.cache), args.docs, args.seed)
    index_dir = out / f"index-{args.docs}-s{args.seed}"
    done = index_dir / ".complete"
    if done.exists() and not opens(index_dir):
        print(f"{index_dir} was built by another version: rebuilding", flush=True)
        shutil.rmtree(index_dir)
    if not done.exists():
        print(f"indexing {corpus} into {index_dir} (once; ~20 min for 50,000 on 2 cores)",
              flush=True)
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "cli.main", "index", str(corpus),
                        "--index-dir", str(index_dir)], cwd=ROOT, check=True)
        done.write_text(f"{time.monotonic() - started:.0f} s\n")
    return index_dir


def opens(index_dir: Path) -> bool:
    from search.service import SearchService

    try:
        SearchService(index_dir).close()
    except Exception:  # noqa: BLE001 - any failure to open means: build it again
        return False
    return True


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Accept-Encoding": "identity"})
    response = conn.getresponse()
    return response.status, response.read()


def wait_ready(port: int, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"vraagbaak serve exited with {server.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            if get(conn, "/api/stats")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("vraagbaak serve did not answer in time")


def learn(port: int, rng: random.Random) -> dict:
    """Ids, names, words and title phrases from the running server itself."""
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    stats = json.loads(get(conn, "/api/stats")[1])
    browse = json.loads(get(conn, "/api/search?" + urlencode({"limit": 100}))[1])
    facets = browse["facets"]
    ids, titles = [], []
    for page in range(1, 6):
        data = json.loads(get(conn, "/api/search?" + urlencode(
            {"limit": 100, "page": page, "sort": "newest"}))[1])
        ids += [hit["id"] for hit in data["hits"]]
        titles += [hit["title"] for hit in data["hits"]]
    words = [v["value"] for v in facets["keyword"]] or ["economie"]
    phrases = []
    for title in rng.sample(titles, min(40, len(titles))):
        parts = title.split()
        if len(parts) >= 3:
            start = rng.randrange(len(parts) - 2)
            phrases.append('"' + " ".join(parts[start:start + 3]).strip('.,;:?!"') + '"')
    queries = TOPICS + words + phrases + [w[:5] + "*" for w in words if len(w) >= 6]
    queries += [f"{a} OR {b}" for a, b in zip(words[::2], words[1::2], strict=False)]
    queries += [f"titel:{w}" for w in words[:5]] + [f"{t} -{w}" for t, w in zip(
        TOPICS[:5], words[:5], strict=False)]
    return {"records": stats["records"], "ids": ids, "queries": queries,
            "ministers": [v["value"] for v in facets["minister"]],
            "askers": [v["value"] for v in facets["asker"]],
            "years": [v["value"] for v in facets["year"]]}


def make_request(kind: str, plan: dict, rng: random.Random) -> str:
    q = rng.choice(plan["queries"])
    if kind == "search":
        return "/?" + urlencode({"q": q})
    if kind == "filtered":
        params = {"q": q, "minister": rng.choice(plan["ministers"])}
        if plan["years"] and rng.random() < 0.5:
            year = rng.choice(plan["years"])
            params.update({"from": f"{year}-01-01", "to": f"{year}-12-31"})
        return "/?" + urlencode(params)
    if kind == "facet_click":
        return "/?" + urlencode({"q": q, "asker": rng.choice(plan["askers"])})
    if kind == "page":
        return "/?" + urlencode({"q": rng.choice(TOPICS), "page": rng.randint(2, 5),
                                 "sort": rng.choice(["relevance", "newest", "oldest"])})
    if kind == "question":
        return f"/questions/{rng.choice(plan['ids'])}"
    if kind == "api_search":
        return "/api/search?" + urlencode({"q": q, "limit": rng.choice([10, 20, 50])})
    if kind == "api_question":
        return f"/api/questions/{rng.choice(plan['ids'])}"
    if kind == "feed":
        return "/feed.atom?" + urlencode({"q": rng.choice(TOPICS)})
    if kind == "export":
        return "/export.csv?" + urlencode({"q": rng.choice(TOPICS), "limit": 100})
    return "/over"


def run_load(port: int, plan: dict, clients: int, seconds: float, seed: int) -> dict:
    kinds = list(MIX)
    weights = [MIX[k] for k in kinds]
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()
    samples: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []

    def client(number: int) -> None:
        rng = random.Random(f"{seed}-{number}")
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= stop_at:
                break
            kind = rng.choices(kinds, weights)[0]
            path = make_request(kind, plan, rng)
            started = time.monotonic()
            try:
                status, body = get(conn, path)
                problem = None if status == 200 else f"HTTP {status}: {body[:120]!r}"
            except (OSError, http.client.HTTPException) as error:
                problem = f"{type(error).__name__}: {error}"
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
            elapsed = time.monotonic() - started
            with lock:
                samples[kind].append(elapsed)
                if problem:
                    errors.append(f"{path}: {problem}")
        conn.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + REQUEST_TIMEOUT + 30)
    wall = time.monotonic() - started
    every = sorted(x for values in samples.values() for x in values)
    return {"requests": len(every), "errors": len(errors), "error_samples": errors[:20],
            "wall_seconds": round(wall, 1), "throughput_rps": round(len(every) / wall, 1),
            "latency_ms": percentiles(every),
            "by_kind": {k: {"requests": len(v), **percentiles(sorted(v))}
                        for k, v in sorted(samples.items())}}


def percentiles(values: list[float]) -> dict:
    if not values:
        return {}

    def at(p: float) -> float:
        return round(values[min(len(values) - 1, int(p * len(values)))] * 1000, 1)

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99),
            "max": round(values[-1] * 1000, 1)}


def render(report: dict) -> str:
    lat = report["latency_ms"]
    lines = [f"{report['requests']} requests in {report['wall_seconds']} s "
             f"({report['throughput_rps']}/s) from {report['clients']} clients on "
             f"{report['docs']} records: {report['errors']} errors",
             f"latency ms: p50 {lat.get('p50')}  p95 {lat.get('p95')}  p99 {lat.get('p99')}  "
             f"max {lat.get('max')}", "", f"{'kind':<14}{'n':>7}{'p50':>9}{'p95':>9}{'p99':>9}"]
    for kind, row in report["by_kind"].items():
        lines.append(f"{kind:<14}{row['requests']:>7}{row['p50']:>9}{row['p95']:>9}"
                     f"{row['p99']:>9}")
    lines += report["error_samples"][:5]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
