"""Synthetic corpora and their parsed records, generated once and cached.

A corpus is `synth-<count>-s<seed>/` under the cache folder, written by the project's
generator; a hidden `.complete` file marks a finished one (hidden, so the indexer skips
it). The parsed records are cached beside it as JSON lines, keyed by a hash of the
parser's source, so an edit to the parser re-parses instead of feeding FTS5 stale
records. Parsing uses the project's own loader (the same code `vraagbaak index` runs).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from index.documents.model import Record

# What the cached parse depends on: every module of the file-to-records room, and the
# salient words computed with it.
PARSER_SOURCES = ("index/documents/*.py", "index/documents/data/*", "index/indexing/keywords.py")
DONE = ".complete"


def corpus_dir(cache: Path, count: int, seed: int) -> Path:
    return Path(cache) / f"synth-{count}-s{seed}"


def ensure_corpus(cache: Path, count: int, seed: int, jobs: int = 2,
                  log=print) -> Path:
    """The corpus folder, generated first if it is not complete in the cache."""
    from synth.generator import generate

    out = corpus_dir(cache, count, seed)
    if (out / DONE).exists():
        return out
    log(f"generating {count} documents (seed {seed}) into {out}")
    summary = generate(count, seed, out, jobs=jobs)
    (out / DONE).write_text(json.dumps({"files": summary.files, "seconds": summary.seconds}))
    return out


def corpus_files(folder: Path) -> list[Path]:
    from index.documents.readers import iter_corpus_files

    return list(iter_corpus_files([folder]))


def parser_version() -> str:
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted(p for pattern in PARSER_SOURCES for p in root.glob(pattern)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _parse_many(paths: list[str]) -> list[dict]:
    from index.documents.loader import load_records
    from index.indexing.keywords import salient_words

    out = []
    for path in paths:
        try:
            records = load_records(Path(path))
        except Exception:  # noqa: BLE001 - a bad file is skipped, as the indexer does
            continue
        for record in records:
            words = salient_words(f"{record.title}\n{record.question}\n{record.answer}")
            out.append({"record": record.to_json(), "keywords": words})
    return out


def _warm() -> None:
    from index.documents.lexicon import default_lexicon

    default_lexicon()
    time.sleep(0.2)  # keep this worker busy so the other one takes the next warm-up


def parse_files(paths: list[Path], jobs: int = 2, pool=None) -> Iterator[dict]:
    """Records of the files, in file order, parsed in `jobs` processes."""
    chunks = [[os.fspath(p) for p in paths[i:i + 64]] for i in range(0, len(paths), 64)]
    if pool is not None:
        for records in pool.map(_parse_many, chunks):
            yield from records
    elif jobs <= 1:
        for chunk in chunks:
            yield from _parse_many(chunk)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as own:
            yield from parse_files(paths, jobs, own)


def ensure_records(folder: Path, jobs: int = 2, log=print) -> Path:
    """records-<parser>.jsonl.gz beside the corpus: every record the parser makes of it,
    with its salient words (the keyword facet), as the index writer's workers make them."""
    target = folder.parent / f"{folder.name}.records-{parser_version()}.jsonl.gz"
    if target.exists():
        return target
    files = corpus_files(folder)
    log(f"parsing {len(files)} files of {folder.name} once for FTS5 ({jobs} processes)")
    started = time.perf_counter()
    partial = target.with_suffix(".part")
    with gzip.open(partial, "wt", encoding="utf-8", compresslevel=1) as out:
        for record in parse_files(files, jobs):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    partial.replace(target)
    log(f"parsed in {time.perf_counter() - started:.0f} s")
    return target


def read_records(path: Path) -> Iterator[tuple[Record, list[str]]]:
    """(record, salient words) pairs: what the index writer derives from each file."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            data = json.loads(line)
            yield Record.from_json(data["record"]), data["keywords"]


def measure_parse(files: list[Path], sample: int = 1000, jobs: int = 2) -> float:
    """Parse throughput (records/s, `jobs` warm processes) on an evenly spread sample.

    Measured in every run, so a full-path comparison (parse + insert) uses a parse
    rate from the same machine state as the builds it is compared with. The workers
    load the hyphenation lexicon before the clock starts: a long build pays that once.
    """
    step = max(1, len(files) // sample)
    chosen = files[::step][:sample]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for future in [pool.submit(_warm) for _ in range(jobs * 2)]:
            future.result()
        started = time.perf_counter()
        count = sum(1 for _ in parse_files(chosen, jobs, pool))
        return count / (time.perf_counter() - started)
