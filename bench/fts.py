"""The SQLite FTS5 side of the benchmark: the same records, the same queries, stdlib only.

Schema: an FTS5 table over title, question and answer (`unicode61 remove_diacritics 2`,
title weighted 2 in bm25 like Vraagbaak's title boost), a `meta` table with minister,
asker, date, year and the joint-question key for filters and GROUP BY facets, and a
`kw` table with the same salient words Vraagbaak stores for its keyword facet.

Where the engines differ: FTS5 has no Dutch stemmer, so a plain word is sent as an OR of
the indexed words that share its stem (a stem -> words map made once from FTS5's own
vocabulary with the project's stemmer); FTS5 counts records for the keyword facet where
Vraagbaak counts questions and weighs by lift; FTS5 does not collapse a joint question
into one hit; Vraagbaak also returns month and zittingsjaar facets.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable
from itertools import islice
from pathlib import Path

from bench.queries import BenchQuery
from index.documents.model import Record
from index.indexing.analysis import fold
from search.compile import stemmed_terms

SCHEMA = """
CREATE TABLE meta(id INTEGER PRIMARY KEY, rid TEXT, grp TEXT, minister TEXT, asker TEXT,
                  date TEXT, year INTEGER, number INTEGER);
CREATE VIRTUAL TABLE fts USING fts5(title, question, answer,
                                    tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE kw(doc INTEGER, word TEXT);
"""
INDEXES = """
CREATE INDEX meta_minister ON meta(minister);
CREATE INDEX meta_rid ON meta(rid);
CREATE INDEX kw_doc ON kw(doc);
"""
MAX_FORMS = 64
_TOKEN = re.compile(r"[^\W_]+")


def connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA mmap_size=4000000000")
    return con


def build(path: Path, items: Iterable[tuple[Record, list[str]]], chunk: int = 2000
          ) -> tuple[int, float]:
    """Create the database from (record, salient words): (records, seconds).

    Only SQLite's work is timed: the records are decoded from the cache in chunks
    outside the clock, so FTS5 is measured on pre-parsed records.
    """
    path.unlink(missing_ok=True)
    Path(f"{path}-wal").unlink(missing_ok=True)
    seconds, count = 0.0, 0
    started = time.perf_counter()
    con = connect(path)
    con.executescript(SCHEMA)
    con.execute("INSERT INTO fts(fts, rank) VALUES('rank', 'bm25(2.0, 1.0, 1.0)')")
    seconds += time.perf_counter() - started
    iterator = iter(items)
    while batch := list(islice(iterator, chunk)):
        started = time.perf_counter()
        count += insert(con, batch)
        seconds += time.perf_counter() - started
    started = time.perf_counter()
    con.executescript(INDEXES)
    con.execute("INSERT INTO fts(fts) VALUES('optimize')")
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return count, seconds + time.perf_counter() - started


def insert(con: sqlite3.Connection, items: list[tuple[Record, list[str]]]) -> int:
    """Add records in one transaction, numbered after the ones already there."""
    con.execute("BEGIN")
    start = con.execute("SELECT coalesce(max(id), 0) FROM meta").fetchone()[0]
    for n, (record, words) in enumerate(items, start + 1):
        con.execute("INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (n, record.id, record.group, record.minister, record.asker, record.date,
                     int(record.date[:4]), record.number))
        con.execute("INSERT INTO fts(rowid, title, question, answer) VALUES (?, ?, ?, ?)",
                    (n, record.title, record.question, record.answer))
        con.executemany("INSERT INTO kw VALUES (?, ?)", [(n, w) for w in words])
    con.execute("COMMIT")
    return len(items)


class FtsSearcher:
    """A long-lived connection answering the benchmark's queries."""

    def __init__(self, path: Path):
        self.con = connect(path)
        self.con.execute("CREATE TEMP TABLE m(id INTEGER PRIMARY KEY)")
        self.forms = self._stem_map()

    def _stem_map(self) -> dict[str, list[str]]:
        """stem -> indexed words with that stem, most frequent first."""
        from index.indexing.analysis import stem_word

        self.con.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, fts, 'row')")
        forms: dict[str, list[str]] = defaultdict(list)
        for term, _docs in self.con.execute("SELECT term, doc FROM temp.vocab ORDER BY doc DESC"):
            if term.isalpha():
                forms[stem_word(term)].append(term)
        return forms

    def match(self, q: BenchQuery) -> str:
        if q.phrase:
            return '"' + " ".join(_TOKEN.findall(fold(q.phrase))) + '"'
        parts = []
        for word in q.words:
            for stem in stemmed_terms(word):
                forms = self.forms.get(stem, [fold(word)])[:MAX_FORMS]
                parts.append("(" + " OR ".join(f'"{f}"' for f in forms) + ")")
        return " AND ".join(parts)

    def search(self, q: BenchQuery) -> dict:
        """Total (questions), records and the top-10 hits; on a page also facets, snippets."""
        return self._page(q) if q.page else self._plain(q)

    def _filter(self, q: BenchQuery) -> tuple[str, tuple]:
        expr = self.match(q)
        if q.minister:
            return ("FROM fts JOIN meta ON meta.id = fts.rowid "
                    "WHERE fts MATCH ? AND meta.minister = ?", (expr, q.minister))
        return "FROM fts JOIN meta ON meta.id = fts.rowid WHERE fts MATCH ?", (expr,)

    def _plain(self, q: BenchQuery) -> dict:
        where, args = self._filter(q)
        records, total = self.con.execute(
            f"SELECT count(*), count(DISTINCT meta.grp) {where}", args).fetchone()
        hits = self.con.execute(
            f"SELECT meta.rid, fts.title, meta.minister, meta.asker, meta.date, meta.number "
            f"{where} ORDER BY rank LIMIT 10", args).fetchall()
        return {"total": total, "records": records, "hits": hits}

    def _page(self, q: BenchQuery) -> dict:
        con = self.con
        where, args = self._filter(q)
        con.execute("DELETE FROM m")
        con.execute(f"INSERT INTO m SELECT fts.rowid {where}", args)
        joined = "FROM m JOIN meta ON meta.id = m.id"
        records, total = con.execute(f"SELECT count(*), count(DISTINCT grp) {joined}").fetchone()
        facets = {
            "minister": con.execute(f"SELECT minister, count(*) c {joined} GROUP BY minister "
                                    f"ORDER BY c DESC LIMIT 12").fetchall(),
            "year": con.execute(f"SELECT year, count(DISTINCT grp) {joined} GROUP BY year "
                                f"ORDER BY year").fetchall(),
            "asker": con.execute(f"SELECT asker, count(DISTINCT grp) c {joined} "
                                 f"GROUP BY asker ORDER BY c DESC LIMIT 12").fetchall(),
            "keyword": con.execute("SELECT word, count(*) c FROM m JOIN kw ON kw.doc = m.id "
                                   "GROUP BY word ORDER BY c DESC LIMIT 15").fetchall(),
        }
        hits = con.execute(
            f"SELECT meta.rid, fts.title, meta.minister, meta.asker, meta.date, meta.number, "
            f"snippet(fts, -1, '<mark>', '</mark>', '…', 32) {where} "
            f"ORDER BY rank LIMIT 10", args).fetchall()
        return {"total": total, "records": records, "hits": hits, "facets": facets}

    def has_record(self, rid: str) -> bool:
        return self.con.execute("SELECT 1 FROM meta WHERE rid = ?", (rid,)).fetchone() is not None

    def close(self) -> None:
        self.con.close()
