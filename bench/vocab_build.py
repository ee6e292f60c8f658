"""How long a fresh process takes to build its search vocabulary, compound parts included.

    python -m bench.vocab_build INDEX_DIR [--repeat 5] [--no-parts]

Every `vraagbaak search` on the command line and every new web worker builds the
vocabulary (search/vocab.py) before its first answer, stemming each indexed word and
each indexed compound part (`+opvang`; index schema 5 and later: before, it split every
word into its parts itself). This times ``Vocabulary().update(reader)`` with the
stemmer loaded (its load is reported apart) and its cache emptied before each run, as
in a new process; it prints CPU and wall seconds, the best and the median of the runs
(the CPU time is the steadier figure on a shared machine). ``--no-parts`` leaves the
compound parts out: the floor to compare with.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path


def _fresh_caches() -> None:
    """Empty the caches a new process starts without (the stemmer stays loaded)."""
    from index.indexing import analysis

    for stemmer in analysis._STEMMER:
        stemmer._cache.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-parts", action="store_true",
                        help="leave compound parts out (the floor)")
    args = parser.parse_args(argv)

    from index.indexing.analysis import stem_word
    from index.indexing.store import open_index
    from search.vocab import Vocabulary

    started = time.process_time()
    stem_word("beleid")
    load = time.process_time() - started
    cpu, wall = [], []
    with open_index(args.index_dir).searcher() as searcher:
        reader = searcher.reader()
        for _ in range(args.repeat):
            _fresh_caches()
            c, w = time.process_time(), time.perf_counter()
            vocabulary = Vocabulary(parts=not args.no_parts).update(reader)
            cpu.append(time.process_time() - c)
            wall.append(time.perf_counter() - w)
    parts = vocabulary.part_stem_count()
    print(f"vocabulary of {len(vocabulary._forms)} stems, {parts} part stems; "
          f"stemmer loaded in {load:.2f} s CPU")
    print(f"update: CPU best {min(cpu):.3f} s, median {statistics.median(cpu):.3f} s; "
          f"wall best {min(wall):.3f} s, median {statistics.median(wall):.3f} s "
          f"({args.repeat} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
