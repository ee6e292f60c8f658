"""How long a fresh process takes to build its search vocabulary, compound parts included.

    python -m bench.vocab_build INDEX_DIR [--repeat 5] [--no-parts]

Every `vraagbaak search` on the command line and every new web worker builds the
vocabulary (search/vocab.py) before its first answer, splitting each indexed word into
its compound parts. This times ``Vocabulary().update(reader)`` with the word lists
already loaded (their load is reported apart) and every splitter and stemmer cache
emptied before each run, as in a new process; it prints CPU and wall seconds, the
best and the median of the runs (the CPU time is the steadier figure on a shared
machine). ``--no-parts`` leaves the compound parts out: the floor to compare with.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path


def _fresh_caches() -> None:
    """Empty the caches a new process starts without (the word lists stay loaded)."""
    from index.indexing import analysis
    from index.indexing.compounds import shared_splitter

    shared_splitter()._setup()
    shared_splitter()._lists()
    for stemmer in analysis._STEMMER:
        stemmer._cache.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-parts", action="store_true",
                        help="leave compound parts out (the floor)")
    args = parser.parse_args(argv)

    import search.vocab
    from index.indexing.analysis import stem_word
    from index.indexing.compounds import shared_splitter
    from index.indexing.store import open_index

    started = time.process_time()
    shared_splitter()._lists()
    stem_word("beleid")
    load = time.process_time() - started
    part_stems = search.vocab.part_stems
    if args.no_parts:
        search.vocab.part_stems = lambda word, own=None: ()
    cpu, wall = [], []
    try:
        with open_index(args.index_dir).searcher() as searcher:
            reader = searcher.reader()
            for _ in range(args.repeat):
                _fresh_caches()
                c, w = time.process_time(), time.perf_counter()
                vocabulary = search.vocab.Vocabulary().update(reader)
                cpu.append(time.process_time() - c)
                wall.append(time.perf_counter() - w)
    finally:
        search.vocab.part_stems = part_stems
    parts = len(vocabulary._parts)
    print(f"vocabulary of {len(vocabulary._forms)} stems, {parts} part stems; "
          f"word lists loaded in {load:.2f} s CPU")
    print(f"update: CPU best {min(cpu):.3f} s, median {statistics.median(cpu):.3f} s; "
          f"wall best {min(wall):.3f} s, median {statistics.median(wall):.3f} s "
          f"({args.repeat} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
