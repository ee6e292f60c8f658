"""Small hand-made question files whose content a test controls word by word.

The oracle of a test over them is what the test wrote into them (a word distance, a
minister's name, a date), never what the code under test computes. The layout is the
real one of an answer document: title, question, the minister's block, `ANTWOORD op
vraag nr. N van DATE van ASKER`, the answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from index.documents.dates import format_dutch_date


@dataclass
class Doc:
    number: int
    minister: str
    asker: str = "Els Peeters"
    date: dt.date = dt.date(2023, 3, 14)
    title: str = "Vraag - Onderwerp"
    question: str = "Wat is de stand van zaken?"
    answer: str = "Het antwoord volgt."
    portfolio: str = "VLAAMS MINISTER VAN ONDERWIJS"

    def text(self) -> str:
        return (f"{self.title}\n\n{self.question}\n\n{self.minister.upper()}\n"
                f"{self.portfolio}\n\nANTWOORD\nop vraag nr. {self.number} van "
                f"{format_dutch_date(self.date)}\nvan {self.asker.upper()}\n\n{self.answer}\n")


def write_docs(folder: Path, docs: list[Doc]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (folder / f"vraag-{doc.number}.txt").write_text(doc.text(), encoding="utf-8")
    return folder


def build_index(folder: Path, index_dir: Path, docs: list[Doc]) -> Path:
    """Index the docs (one worker: a few files need no second process)."""
    from index.indexing.writer import index_paths

    report = index_paths([write_docs(folder, docs)], index_dir, workers=1)
    assert report.ok, report.failed
    assert report.added == len(docs), report.summary()
    return index_dir


def index_in_two_runs(tmp: Path, first: list[Doc], second: list[Doc], write=write_docs) -> Path:
    """Index `first`, then `second` in a second run (two commits, so two segments, as a
    real index grows); `write(folder, docs)` puts the files down. Returns the index."""
    from index.indexing.writer import index_paths

    folder, index_dir = write(tmp / "docs", first), tmp / "index"
    assert index_paths([folder], index_dir, workers=1).added == len(first)
    write(folder, second)
    assert index_paths([folder], index_dir, workers=1).added == len(second)
    return index_dir


def checked_search(service, q: str = "", **kw):
    """A search that must not fail: its result (up to 100 hits)."""
    from search.results import SearchRequest

    result = service.search(SearchRequest(q=q, limit=100, **kw))
    assert result.error is None, result.error
    return result


def service_fixtures(name: str, first: list[Doc], second: list[Doc], write=write_docs):
    """Two fixtures for a test module: `crafted_index`, `first` then `second` indexed in
    two runs once per module, and `service`, a SearchService opened afresh over it for
    each test. The column readers run once per service, so every test reaches them, and
    mutation testing gives their mutants every test, not only the first.

        crafted_index, service = service_fixtures("name", FIRST, SECOND)
    """

    @pytest.fixture(scope="module", name="crafted_index")
    def crafted_index(tmp_path_factory):
        return index_in_two_runs(tmp_path_factory.mktemp(name), first, second, write=write)

    @pytest.fixture(name="service")
    def service(crafted_index):
        from search.service import SearchService

        opened = SearchService(crafted_index)
        yield opened
        opened.close()

    return crafted_index, service
