"""Figures from the raw timings: JSON, a Markdown table, and a latency plot (PNG).

Every figure is given for both engines and as a ratio Whoosh / FTS5 measured in the
same run: below 1 is better for times and sizes, above 1 is better for throughput.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from bench.queries import CLASSES, LABELS

TARGETS = {"page_p95": 3.0, "plain_p95": 2.0, "build": 1 / 6, "serve_mb": 1024,
           "size": 2.0, "update_s": 5.0}
PLAIN = "plain"


def latency(times_ms: list[float]) -> dict:
    arr = np.asarray(times_ms, dtype=float)
    if not len(arr):
        return {}
    return {"n": len(arr), "p50": float(np.percentile(arr, 50)),
            "p95": float(np.percentile(arr, 95)), "p99": float(np.percentile(arr, 99)),
            "mean": float(arr.mean()), "qps": float(1000 * len(arr) / arr.sum())}


def summarize(entry: dict) -> dict:
    """Per class and engine: latency figures over all timed rounds; ratios; agreement."""
    kinds = [q["kind"] for q in entry["queries"]]
    out: dict = {}
    for engine, rounds in entry["ms"].items():
        per_class: dict[str, list[float]] = {k: [] for k in (*CLASSES, PLAIN)}
        for times in rounds:
            for kind, ms in zip(kinds, times, strict=True):
                per_class[kind].append(ms)
                if kind != "page":
                    per_class[PLAIN].append(ms)
        out[engine] = {k: latency(v) for k, v in per_class.items()}
    out["ratio"] = {k: {f: out["whoosh"][k][f] / out["fts"][k][f]
                        for f in ("p50", "p95", "p99", "qps") if out["fts"][k].get(f)}
                    for k in (*CLASSES, PLAIN) if out["fts"][k]}
    agree: dict[str, list[int]] = {}
    for kind, w, f in zip(kinds, entry["answers"]["whoosh"], entry["answers"]["fts"],
                          strict=True):
        agree.setdefault(kind, []).append(int(w["records"] == f["records"]))
    out["agreement"] = {k: sum(v) / len(v) for k, v in agree.items()}
    return out


def build_figures(entry: dict) -> dict:
    b = entry["build"]
    w, f = b["whoosh"], b["fts"]
    w_rate, f_rate = w["records"] / w["seconds"], f["records"] / f["seconds"]
    parse_rate = b["parse_records_per_s"]
    full_seconds = f["records"] / parse_rate + f["seconds"]
    return {
        "whoosh_seconds": w["seconds"], "whoosh_rate": w_rate,
        "fts_seconds": f["seconds"], "fts_rate": f_rate,
        "fts_full_seconds": full_seconds, "fts_full_rate": f["records"] / full_seconds,
        "parse_rate": parse_rate,
        "ratio_rate": w_rate / f_rate, "ratio_full_rate": w_rate * full_seconds / f["records"],
        "whoosh_mb": b["whoosh_bytes"] / 2**20, "fts_mb": b["fts_bytes"] / 2**20,
        "ratio_size": b["whoosh_bytes"] / b["fts_bytes"],
        "whoosh_build_mb": w["peak_mb"], "fts_build_mb": f["peak_mb"],
    }


def targets(entry: dict, summary: dict, build: dict) -> list[tuple[str, str, str, bool]]:
    """(target, limit, measured, met) at one size."""
    rows = []
    page = summary["ratio"]["page"]["p95"]
    plain = summary["ratio"][PLAIN]["p95"]
    rows.append(("full page p95 / FTS5", "≤ 3×", f"{page:.2f}×", page <= TARGETS["page_p95"]))
    rows.append(("plain search p95 / FTS5", "≤ 2×", f"{plain:.2f}×",
                 plain <= TARGETS["plain_p95"]))
    for label, key in (("build docs/s / FTS5 (insert only)", "ratio_rate"),
                       ("build docs/s / FTS5 (parse + insert)", "ratio_full_rate")):
        rows.append((label, "≥ 0.167×", f"{build[key]:.3f}×", build[key] >= TARGETS["build"]))
    serve = entry["memory"]["whoosh"]["peak_mb"]
    rows.append(("serving memory (Whoosh)", "< 1024 MB", f"{serve:.0f} MB",
                 serve < TARGETS["serve_mb"]))
    rows.append(("index size / FTS5", "≤ 2×", f"{build['ratio_size']:.2f}×",
                 build["ratio_size"] <= TARGETS["size"]))
    update = entry.get("update", {}).get("whoosh")
    if update:
        seen = update["visible_seconds"]
        rows.append(("daily update (50 files) visible", "< 5 s",
                     f"{seen:.2f} s" if seen is not None else "not seen",
                     seen is not None and seen < TARGETS["update_s"]))
    return rows


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [f"Run of {results['started']} on {m['host']}: {m['cpu']}, {m['cores']} cores, "
             f"{m['memory_gib']} GiB; Python {m['python']}, SQLite {m['sqlite']}, "
             f"Whoosh {m['whoosh']}; load average at start {m['load_before']:.1f}. "
             f"{results['config']['queries']} timed queries per size, "
             f"{results['config']['rounds']} rounds, seed {results['config']['seed']}.", ""]
    for entry in results["sizes"]:
        s, b = summarize(entry), build_figures(entry)
        lines += [f"### {entry['size']:,} documents ({entry['build']['fts']['records']:,} "
                  f"records)", "", "| figure | Whoosh | FTS5 | × FTS5 |", "|---|---:|---:|---:|"]
        lines.append(f"| build time (s) | {b['whoosh_seconds']:.1f} | {b['fts_seconds']:.1f} "
                     f"| {b['whoosh_seconds'] / b['fts_seconds']:.2f} |")
        lines.append(f"| build records/s (FTS5 insert only) | {b['whoosh_rate']:.0f} | "
                     f"{b['fts_rate']:.0f} | {b['ratio_rate']:.3f} |")
        lines.append(f"| build records/s (FTS5 incl. parse at {b['parse_rate']:.0f}/s) | "
                     f"{b['whoosh_rate']:.0f} | {b['fts_full_rate']:.0f} | "
                     f"{b['ratio_full_rate']:.3f} |")
        lines.append(f"| index on disk (MB) | {b['whoosh_mb']:.0f} | {b['fts_mb']:.0f} | "
                     f"{b['ratio_size']:.2f} |")
        lines.append(f"| peak memory, build (MB) | {b['whoosh_build_mb']:.0f} | "
                     f"{b['fts_build_mb']:.0f} | {b['whoosh_build_mb'] / b['fts_build_mb']:.2f} |")
        wm, fm = entry["memory"]["whoosh"]["peak_mb"], entry["memory"]["fts"]["peak_mb"]
        lines.append(f"| peak memory, serving (MB) | {wm:.0f} | {fm:.0f} | {wm / fm:.2f} |")
        lines += ["", "| query class | Whoosh p50 / p95 / p99 ms | QPS | FTS5 p50 / p95 / p99 ms "
                  "| QPS | × FTS5 p50 / p95 / p99 | × QPS | same records |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for kind in (*CLASSES, PLAIN):
            w, f, r = s["whoosh"][kind], s["fts"][kind], s["ratio"].get(kind, {})
            if not w:
                continue
            agree = s["agreement"].get(kind)
            label = LABELS.get(kind, "all plain searches (the classes above but the page)")
            lines.append(
                f"| {label} | {w['p50']:.1f} / {w['p95']:.1f} / {w['p99']:.1f} | "
                f"{w['qps']:.0f} | {f['p50']:.1f} / {f['p95']:.1f} / {f['p99']:.1f} | "
                f"{f['qps']:.0f} | {r['p50']:.2f} / {r['p95']:.2f} / {r['p99']:.2f} | "
                f"{r['qps']:.2f} | {'' if agree is None else f'{agree:.0%}'} |")
        update = entry.get("update")
        if update:
            lines += ["", "Daily update, 50 new files into the live index (indexer started as "
                      "its own process; time until the long-lived searcher finds every new "
                      "record):", ""]
            for engine, label in (("whoosh", "Whoosh"), ("fts", "FTS5")):
                u = update[engine]
                seen = u["visible_seconds"]
                lines.append(f"- {label}: {u['new_records']} new records visible after "
                             f"{'never' if seen is None else f'{seen:.2f} s'} "
                             f"(indexer process {u['indexer_seconds']:.2f} s)")
        lines += ["", "| target | limit | measured | met |", "|---|---|---:|---|"]
        for name, limit, value, met in targets(entry, s, b):
            lines.append(f"| {name} | {limit} | {value} | {'yes' if met else '**no**'} |")
        lines.append("")
    return "\n".join(lines)


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [e["size"] for e in results["sizes"]]
    summaries = [summarize(e) for e in results["sizes"]]
    fig, axes = plt.subplots(2, 3, figsize=(13, 7.5), sharex=True)
    for ax, kind in zip(axes.flat, CLASSES, strict=True):
        for engine, color, name in (("whoosh", "tab:blue", "Whoosh (Vraagbaak)"),
                                    ("fts", "tab:orange", "SQLite FTS5")):
            p95 = [s[engine][kind]["p95"] for s in summaries]
            p50 = [s[engine][kind]["p50"] for s in summaries]
            ax.plot(sizes, p95, "o-", color=color, label=f"{name} p95")
            ax.plot(sizes, p50, "s--", color=color, alpha=0.6, label=f"{name} p50")
        ax.set_title(LABELS[kind], fontsize=10)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.grid(True, which="both", alpha=0.3)
        ax.set_xticks(sizes, [f"{s:,}" for s in sizes])
    for ax in axes[-1]:
        ax.set_xlabel("documents")
    for ax in axes[:, 0]:
        ax.set_ylabel("latency (ms)")
    axes.flat[0].legend(fontsize=8)
    fig.suptitle(f"Query latency against corpus size ({results['started']})")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_outputs(results: dict, out: Path) -> None:
    data = dict(results)
    data["summary"] = [{"size": e["size"], "build": build_figures(e),
                        "latency": summarize(e)} for e in results["sizes"]]
    (out / "report.json").write_text(json.dumps(data, indent=1))
    (out / "report.md").write_text(markdown(results))
    plot(results, out / "latency.png")
