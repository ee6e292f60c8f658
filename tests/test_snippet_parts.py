"""Snippets mark a compound found through one of its parts where the index holds the part
(search/snippets.py): the words of a text are counted out as the indexer counts them."""

from __future__ import annotations

import re

from index.indexing.fasttext import term_positions
from search.compile import Highlights
from search.snippets import snippet_for, spans_at

TEXT = ("De sociaal-economische raad gaf 1.000.000 euro aan OCMW's voor "
        "kinderopvangplaatsen en de opvang van kinderen.")


def test_the_words_at_the_indexed_positions_are_the_words_that_hold_them():
    indexed = term_positions(TEXT)  # what the indexer stores, with the parts
    for word in ("economische", "raad", "euro", "ocmw's", "kinderopvangplaatsen", "kinderen"):
        (position,) = indexed[word]
        assert [TEXT[a:b].lower() for a, b in spans_at(TEXT, {position})] == [word]
    # the part `+opvang` sits where `kinderopvangplaatsen` is
    assert set(indexed["+opvang"]) == set(indexed["kinderopvangplaatsen"])


def test_a_snippet_marks_the_compound_at_a_part_position_and_nothing_else():
    indexed = term_positions(TEXT)
    marks = snippet_for([TEXT], Highlights(), part_positions=[set(indexed["+opvang"])])
    assert re.findall(r"<mark>(.*?)</mark>", marks) == ["kinderopvangplaatsen"]
    assert snippet_for([TEXT], Highlights()).count("<mark>") == 0
