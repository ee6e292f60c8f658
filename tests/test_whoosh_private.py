"""The reads below Whoosh's public API (index/indexing/whoosh_private.py) rely on private details
of one whoosh3 release: the installed and the pinned release are that one, and on a real
index every fast path gives what its public-API fallback gives."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pytest

from index.indexing import whoosh_private as wp
from index.indexing.postings import PackedLeafMatcher
from index.indexing.schema import EXACT_FIELDS
from index.indexing.store import open_index
from search.postings import read_positions, read_postings

ROOT = Path(__file__).resolve().parent.parent


def test_the_pinned_installed_and_relied_on_whoosh3_are_one_release():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pinned = [re.fullmatch(r"whoosh3==([\d.]+)", d) for d in deps if d.startswith("whoosh3")]
    assert len(pinned) == 1 and pinned[0], "whoosh3 must be pinned exactly"
    assert pinned[0].group(1) == wp.WHOOSH_VERSION == version("whoosh3")


class _PublicOnly:
    """A leaf reader with only Whoosh's public API: the private attributes hidden."""

    def __init__(self, reader):
        self._reader = reader

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._reader, name)


@pytest.fixture(scope="module")
def leaves(built_index):
    ix = open_index(built_index)
    with ix.searcher() as searcher:
        yield [leaf for leaf, _ in searcher.reader().leaf_readers()]


def test_segment_words_equal_the_lexicon(leaves):
    for leaf in leaves:
        fast = sorted(wp.segment_words(leaf, EXACT_FIELDS))
        slow = sorted(wp.segment_words(_PublicOnly(leaf), EXACT_FIELDS))
        assert fast == slow and len(fast) > 100


@pytest.mark.parametrize("column", ["minister", "asker", "date", "group", "keywords"])
def test_column_blocks_equal_the_column_reader(leaves, column):
    for leaf in leaves:
        n = leaf.doc_count_all()
        fast = wp.column_values(leaf, column, n)
        assert fast == list(leaf.column_reader(column)) and len(fast) == n


def test_field_lengths_equal_whooshs_per_document_lengths(leaves):
    for leaf in leaves:
        n = leaf.doc_count_all()
        for name in EXACT_FIELDS:
            fast = wp.length_bytes(leaf, name, n)
            slow = wp.length_bytes(_PublicOnly(leaf), name, n)
            assert fast.tolist() == slow.tolist() and fast.any()


def test_packed_postings_and_positions_equal_whooshs_matcher(leaves):
    leaf = leaves[0]
    words = sorted(wp.segment_words(leaf, ["answer_exact"]))
    picked = words[:: max(1, len(words) // 40)] + ["de", "van"]
    wanted = np.ones(leaf.doc_count_all(), dtype=bool)
    wanted[::3] = False
    for word in picked:
        matcher = wp.term_matcher(leaf, "answer_exact", word)
        if matcher is None:
            continue
        assert isinstance(matcher, PackedLeafMatcher)
        postings = read_postings(leaf, "answer_exact", word)
        ids, weights = wp.all_postings(wp.term_matcher(leaf, "answer_exact", word))
        assert postings.ids.tolist() == ids.tolist()
        assert np.allclose(postings.weights, weights)
        docs, positions = read_positions(leaf, "answer_exact", word, wanted, postings)
        slow_docs, slow_positions = wp.matcher_positions(
            wp.term_matcher(leaf, "answer_exact", word), wanted)
        assert docs.tolist() == slow_docs.tolist()
        assert positions.tolist() == slow_positions.tolist()


@pytest.mark.parametrize("positions", [[0, 1, 5], [2, 70_000, 70_003, 300_000]])
def test_vectorized_position_decoding_handles_wide_gaps(positions):
    from index.indexing.postings import encode_positions

    values = [encode_positions(positions), encode_positions([p + 1 for p in positions])]
    lengths = np.array([len(v) for v in values], dtype=np.int64)
    docs, found = wp.decode_position_arrays(np.array([4, 9]), lengths, b"".join(values),
                                            np.array([True, True]))
    assert docs.tolist() == [4] * len(positions) + [9] * len(positions)
    assert found.tolist() == positions + [p + 1 for p in positions]
