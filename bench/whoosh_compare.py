"""Compare Whoosh distributions on this project's analyzers: install, tests, speed.

Two commands:

  python -m bench.whoosh_compare measure [--docs 5000]
      index synthetic Dutch documents with the stemmed + exact analyzers using the
      Whoosh this interpreter has, then time term and phrase queries on a warm
      searcher; prints one JSON line.

  python -m bench.whoosh_compare all --venvs /tmp/whoosh-venvs
      for each distribution: a scratch venv (Python of this interpreter), pip
      install, warnings on compile/import, the analysis tests, then `measure`;
      prints a Markdown table; speed is the median of --rounds interleaved runs
      (docs/whoosh-choice.md has the figures).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISTRIBUTIONS = {
    "Whoosh 2.7.4": "Whoosh==2.7.4",
    "Whoosh-Reloaded 2.7.5": "Whoosh-Reloaded==2.7.5",
    "whoosh3 3.54.0": "whoosh3==3.54.0",
}
DEPS = ["snowballstemmer>=3,<4", "PyStemmer>=3,<4", "wordfreq>=3,<4", "click>=8.1,<9",
        "pytest>=8,<10", "hypothesis>=6.100,<7"]
COMPOUNDS = ["sociaal-economische", "OCMW-verenigingen", "minister-president",
             "e-mail", "beleids-", "Vlaams-Brabant", "werkgevers-organisaties"]


def synthetic_docs(n: int, words: int, seed: int = 20200925) -> list[str]:
    """Deterministic documents drawn from Dutch word frequencies (wordfreq)."""
    from wordfreq import top_n_list, word_frequency

    vocab = [w for w in top_n_list("nl", 30_000) if w.isalpha()]
    weights = [word_frequency(w, "nl") for w in vocab]
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        body = rng.choices(vocab, weights, k=words)
        for i in rng.sample(range(words), k=words // 100):
            body[i] = rng.choice(COMPOUNDS)
        docs.append(" ".join(body))
    return docs


def measure(n_docs: int, words: int, n_queries: int) -> dict:
    import whoosh
    from whoosh import fields, index
    from whoosh.query import Phrase, Term

    from index.indexing.analysis import analyze, exact_analyzer, phrase_terms, stemmed_analyzer

    docs = synthetic_docs(n_docs, words)
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        body=fields.TEXT(analyzer=stemmed_analyzer()),
        exact=fields.TEXT(analyzer=exact_analyzer()),
    )
    tmp = Path(tempfile.mkdtemp(prefix="whoosh-compare-"))
    try:
        ix = index.create_in(tmp, schema)
        started, cpu_started = time.perf_counter(), time.process_time()
        writer = ix.writer(limitmb=256)
        for i, text in enumerate(docs):
            writer.add_document(id=str(i), body=text, exact=text)
        writer.commit()
        index_s = time.perf_counter() - started
        index_cpu = time.process_time() - cpu_started

        rng = random.Random(7)
        queries = []
        for _ in range(n_queries):
            words_ = docs[rng.randrange(n_docs)].split()
            at = rng.randrange(len(words_) - 3)
            if len(queries) % 3 == 2:  # a third are phrases of 2-3 words from a document
                phrase = " ".join(words_[at : at + rng.choice((2, 3))])
                queries.append(Phrase("exact", phrase_terms(phrase)))
            else:
                terms = analyze(words_[at], mode="query") or ["minister"]
                queries.append(Term("body", terms[0]))
        ix = index.open_dir(tmp)
        with ix.searcher() as searcher:
            for q in queries:  # warm up: caches, file pages, posting readers
                searcher.search(q, limit=10)
            times, cpu, hits = [], [], 0
            for q in queries:
                t0, c0 = time.perf_counter(), time.process_time()
                results = searcher.search(q, limit=10)
                top = [hit.docnum for hit in results]
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                hits += len(top)
        times.sort()
        cpu.sort()
        size = sum(p.stat().st_size for p in tmp.iterdir())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "whoosh": getattr(whoosh, "versionstring", lambda: "?")(),
        "python": sys.version.split()[0],
        "docs": n_docs,
        "words_per_doc": words,
        "index_s": round(index_s, 2),
        "docs_per_s": round(n_docs / index_s, 1),
        "index_mb": round(size / 1e6, 1),
        "queries": len(queries),
        "hits": hits,
        "query_p50_ms": round(statistics.median(times), 2),
        "query_p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        # CPU time of this process: steadier than wall time on a shared machine
        "docs_per_cpu_s": round(n_docs / index_cpu, 1),
        "query_cpu_p50_ms": round(statistics.median(cpu), 2),
        "query_cpu_p95_ms": round(cpu[int(len(cpu) * 0.95) - 1], 2),
    }


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)


def _warnings(text: str) -> list[str]:
    lines = [ln.strip() for ln in text.splitlines()]
    return sorted({ln for ln in lines if ("Warning" in ln or ln.startswith("WARNING"))
                   and "file://" not in ln})  # this machine's pip mirror config, not the package


_IMPORT_ALL = (
    "import pkgutil, importlib, whoosh\n"
    "for m in pkgutil.walk_packages(whoosh.__path__, 'whoosh.'):\n"
    "    try: importlib.import_module(m.name)\n"
    "    except Exception as e: print('IMPORT-FAIL', m.name, type(e).__name__, e)\n"
)


def compare(venvs: Path, docs: int, words: int, queries: int, rounds: int) -> list[dict]:
    rows = []
    pythons = {}
    for label, requirement in DISTRIBUTIONS.items():
        venv = venvs / requirement.split("==")[0].lower()
        shutil.rmtree(venv, ignore_errors=True)
        _run([sys.executable, "-m", "venv", str(venv)])
        py = str(venv / "bin" / "python")
        _run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"])
        install = _run([py, "-m", "pip", "install", requirement, *DEPS])
        site = _run([py, "-c", "import whoosh, os; print(os.path.dirname(whoosh.__file__))"])
        compiled = _run([py, "-W", "always", "-c",
                         f"import compileall; compileall.compile_dir({site.stdout.strip()!r},"
                         " force=True, quiet=1)"])
        imported = _run([py, "-W", "always", "-X", "dev", "-c", _IMPORT_ALL])
        tests = _run([py, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                      "tests/test_analysis.py", "tests/test_analyze_cli.py",
                      "-k", "not registered"], cwd=ROOT)  # that one needs the whole app
        row = {
            "label": label,
            "install_rc": install.returncode,
            "install_warnings": _warnings(install.stderr),
            "compile_warnings": len(_warnings(compiled.stderr)),
            "compile_examples": _warnings(compiled.stderr)[:3],
            "import_warnings": len(_warnings(imported.stderr)),
            "import_failures": [ln for ln in imported.stdout.splitlines()
                                if ln.startswith("IMPORT-FAIL")],
            "tests": (tests.stdout.strip().splitlines() or ["?"])[-1],
        }
        print(json.dumps(row), flush=True)
        rows.append(row)
        pythons[label] = py
    # Speed: rounds interleaved across the distributions (the machine is shared and
    # noisy, so drift hits all alike); the median of the rounds is reported.
    runs: dict[str, list[dict]] = {label: [] for label in pythons}
    for _ in range(rounds):
        for label, py in pythons.items():
            got = _run([py, "-m", "bench.whoosh_compare", "measure", "--docs", str(docs),
                        "--words", str(words), "--queries", str(queries)], cwd=ROOT)
            run = json.loads(got.stdout) if got.returncode == 0 else {"error": got.stderr}
            print(json.dumps({"label": label, **run}), flush=True)
            runs[label].append(run)
    for row in rows:
        done = [r for r in runs[row["label"]] if "error" not in r]
        for key in ("docs_per_s", "index_s", "query_p50_ms", "query_p95_ms",
                    "docs_per_cpu_s", "query_cpu_p50_ms", "query_cpu_p95_ms"):
            row[key] = statistics.median(r[key] for r in done) if done else "-"
        row["whoosh"] = done[0]["whoosh"] if done else "-"
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("measure", "all"):
        p = sub.add_parser(name)
        p.add_argument("--docs", type=int, default=5000)
        p.add_argument("--words", type=int, default=500)
        p.add_argument("--queries", type=int, default=300)
        if name == "all":
            p.add_argument("--venvs", type=Path, default=Path("/tmp/whoosh-venvs"))
            p.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if args.command == "measure":
        print(json.dumps(measure(args.docs, args.words, args.queries)))
        return 0
    rows = compare(args.venvs, args.docs, args.words, args.queries, args.rounds)
    print(f"\nmedians of {args.rounds} interleaved rounds, {args.docs} docs, "
          f"{args.queries} queries")
    print("| distribution | docs/s | p50 ms | p95 ms | docs/CPU-s | CPU p50 ms "
          "| CPU p95 ms | tests |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['label']} | {r.get('docs_per_s', '-')} | {r.get('query_p50_ms', '-')} | "
              f"{r.get('query_p95_ms', '-')} | {r.get('docs_per_cpu_s', '-')} | "
              f"{r.get('query_cpu_p50_ms', '-')} | {r.get('query_cpu_p95_ms', '-')} | "
              f"{r['tests']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
