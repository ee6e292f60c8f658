"""What compound parts and phrase variants cost at query time, on one index, in one process.

    python -m bench.feature_cost INDEX_DIR REPORT_JSON [--repeat 7]

`vraagbaak bench` compares whole versions of Vraagbaak, each with its own index built at
another moment of a shared machine, so a difference of 20 % drowns in the noise. This
takes the benchmark's own query mix (REPORT_JSON: the report.json of a `vraagbaak bench`
run, first size) and answers each query twice on the same index, in the same process,
the two modes taking turns:

- **full**: search as shipped, each plain word also reading its compound part terms
  (`+opvang`) and each quoted phrase also its hyphen/solid variants (search/phrases.py);
- **floor**: the same code with the part terms left out of the vocabulary
  (`Vocabulary(parts=False)`) and each phrase searched only as typed.

Per query it keeps the median over the repeats, then prints per class the p95 of those
medians in both modes and their ratio (full / floor): the cost of the two features alone.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import time
from pathlib import Path

CLASS_ORDER = ("common", "rare", "and2", "phrase", "minister", "page")


@contextlib.contextmanager
def floor_mode(service):
    """The service without part terms and phrase variants, for the duration."""
    import search.compile as compile_module
    from search.vocab import Vocabulary

    vocabulary, variants = service._vocabulary, compile_module.phrase_variants
    service._vocabulary = Vocabulary(parts=False)
    compile_module.phrase_variants = lambda text, indexed: variants(text, indexed)[:1]
    try:
        yield service
    finally:
        service._vocabulary, compile_module.phrase_variants = vocabulary, variants


def _request(query):
    from search.results import SearchRequest

    return SearchRequest(q=query.text, ministers=[query.minister] if query.minister else [],
                         facets=query.page, snippets=query.page, limit=10)


def _time(service, query) -> tuple[float, int]:
    started = time.perf_counter()
    result = service.search(_request(query))
    return (time.perf_counter() - started) * 1000, result.total


def measure(service, queries, repeat: int) -> dict:
    """Per query and mode, the times (ms) over `repeat` turns and the total found."""
    runs = {mode: [[] for _ in queries] for mode in ("full", "floor")}
    totals = {mode: [0] * len(queries) for mode in runs}
    for turn in range(repeat):
        for mode in ("full", "floor") if turn % 2 == 0 else ("floor", "full"):
            context = floor_mode(service) if mode == "floor" else contextlib.nullcontext()
            with context:
                for i, query in enumerate(queries):
                    ms, totals[mode][i] = _time(service, query)
                    runs[mode][i].append(ms)
    return {"times": runs, "totals": totals}


def summary(queries, measured: dict) -> list[dict]:
    """Per class: p95 of the per-query medians in both modes, their ratio, and how many
    queries found more documents with the features on."""
    import numpy as np

    kinds = ["page" if q.page else q.kind for q in queries]
    rows = []
    for kind in CLASS_ORDER:
        idx = [i for i, k in enumerate(kinds) if k == kind]
        if not idx:
            continue
        p95 = {mode: float(np.percentile([statistics.median(measured["times"][mode][i])
                                          for i in idx], 95))
               for mode in ("full", "floor")}
        wider = sum(measured["totals"]["full"][i] > measured["totals"]["floor"][i]
                    for i in idx)
        rows.append({"class": kind, "queries": len(idx), "full_p95_ms": p95["full"],
                     "floor_p95_ms": p95["floor"], "ratio": p95["full"] / p95["floor"],
                     "found_more": wider})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("report", type=Path, help="report.json of a `vraagbaak bench` run")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    from bench.queries import BenchQuery
    from search.service import SearchService

    data = json.loads(args.report.read_text())
    queries = [BenchQuery.from_json(q) for q in data["sizes"][0]["queries"]]
    service = SearchService(args.index_dir)
    rows = summary(queries, measure(service, queries, args.repeat))
    print(f"{len(queries)} queries, {args.repeat} turns per mode, modes alternating")
    print("| class | queries | full p95 ms | floor p95 ms | full / floor | found more |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['class']} | {row['queries']} | {row['full_p95_ms']:.1f} | "
              f"{row['floor_p95_ms']:.1f} | {row['ratio']:.2f} | {row['found_more']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
