"""Where a query class spends its time: py-spy samples summed per function.

    python -m bench.profile INDEX_DIR RECORDS CLASS [--seconds 15] [--svg flame.svg]

runs the benchmark's queries of one class (common, rare, and2, phrase, minister, page or
all) on a warm SearchService in a loop under py-spy (a dev dependency), then prints the
share of samples inside `SearchService.search` that each function accounts for
(inclusive), and optionally writes a flame graph. `--serve` runs the loop itself
(the process py-spy watches).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def serve_loop(index_dir: str, records: str, kind: str, seconds: float) -> None:
    from bench.queries import make_queries
    from bench.run import sample_records
    from bench.worker import WhooshEngine

    sample = sample_records(Path(records), 3000)
    engine = WhooshEngine(index_dir)
    for q in make_queries(sample, 200, 2025):
        engine.search(q)
    queries = [q for q in make_queries(sample, 200, 2024) if kind in ("all", q.kind)]
    started, count = time.perf_counter(), 0
    while time.perf_counter() - started < seconds:
        for q in queries:
            engine.search(q)
            count += 1
    print(f"{count} queries, {(time.perf_counter() - started) / count * 1000:.1f} ms each")


def summarize(raw: Path, top: int = 30) -> list[tuple[float, str]]:
    inclusive: Counter = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [_name(f) for f in stack.split(";")]
        if not any(f.startswith("SearchService.search ") for f in frames):
            continue
        total += int(count)
        for frame in set(frames):
            inclusive[frame] += int(count)
    return [(100 * n / max(total, 1), name) for name, n in inclusive.most_common(top)]


def _name(frame: str) -> str:
    function, _, where = frame.partition(" (")
    return f"{function} {where.split(':')[0].split('site-packages/')[-1]}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("index_dir")
    parser.add_argument("records")
    parser.add_argument("kind")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--svg")
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args()
    if args.serve:
        serve_loop(args.index_dir, args.records, args.kind, args.seconds)
        return
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    loop = [sys.executable, "-m", "bench.profile", args.index_dir, args.records, args.kind,
            "--seconds", str(args.seconds), "--serve"]
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "stacks.txt"
        subprocess.run([spy, "record", "--format", "raw", "--rate", "250", "-o", str(raw),
                        "--", *loop], check=True)
        for share, name in summarize(raw):
            print(f"{share:5.1f}%  {name}")
    if args.svg:
        subprocess.run([spy, "record", "--format", "flamegraph", "--rate", "250",
                        "-o", args.svg, "--", *loop], check=True)


if __name__ == "__main__":
    main()
