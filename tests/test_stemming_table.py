"""The override table of the stemmer (index/data/stem_overrides.txt, index/indexing/stemming.py)
read afresh, not through the cached default: its three kinds of line, what the `+ge` list
protects, and stemmers that compare and hash by algorithm and table."""

from __future__ import annotations

import pytest

from index.indexing.stemming import DutchStemmer, Overrides, _data_lines, stopwords


@pytest.fixture(scope="module")
def fresh() -> DutchStemmer:
    return DutchStemmer(overrides=Overrides())


def test_a_custom_table_has_forms_endings_and_protected_ge():
    table = Overrides(lines=["huis: huizen Huisje", "-aamse: -aams", "-andse: -ands",
                             "+ge: gebied -gever", "+ge: gezin"])
    assert table.forms == {"huizen": "huis", "huisje": "huis"}
    assert table.endings == [("aamse", "aams"), ("andse", "ands")]
    assert table.keep_ge == {"gebied", "gezin"}
    assert table.inner_ge == {"gebied", "gezin", "gever"}
    assert table.rewrite("vlaamse") == "vlaams" and table.rewrite("hollandse") == "hollands"


def test_the_longest_ending_rewrite_wins():
    table = Overrides(lines=["-se: -s", "-aamse: -aams"])
    assert table.rewrite("vlaamse") == "vlaams"
    assert [end for end, _ in table.endings] == ["aamse", "se"]


def test_a_stemmer_uses_the_table_it_is_given():
    table = Overrides(lines=["woning: huizen"])
    assert DutchStemmer(overrides=table)("huizen") == "woning"
    assert DutchStemmer(overrides=Overrides(lines=[]))("huizen") == "huis"


@pytest.mark.parametrize(("word", "kept"), [
    ("werkgever", "werkgever"), ("werkgevers", "werkgever"), ("opdrachtgevers", "opdrachtgever"),
    ("gebied", "gebied"), ("gemeente", "gemeen"), ("gezin", "gezin"),
    ("gebiedsgerichte", "gebied"), ("gezinsgerichte", "gezin"),
])
def test_the_packaged_table_read_afresh_keeps_protected_ge(fresh, word, kept):
    assert fresh(word).startswith(kept), (word, fresh(word))


def test_without_the_table_kraaij_pohlmann_strips_those_ge(fresh):
    bare = DutchStemmer(overrides=Overrides(lines=[]))
    assert bare("werkgever") == "werkver" and fresh("werkgever") == "werkgever"
    assert not bare("gebied").startswith("ge")


def test_data_lines_drop_comments_and_blank_lines():
    lines = _data_lines("stem_overrides.txt")
    assert lines and all(line == line.strip() and line and "#" not in line for line in lines)
    assert any(line.startswith("+ge:") and "-gever" in line.split() for line in lines)
    assert {"de", "het", "een", "van"} <= stopwords()
    assert all(word == word.lower() for word in stopwords())


def test_stemmers_compare_and_hash_by_algorithm_and_table():
    table = Overrides(lines=["huis: huizen"])
    same = Overrides(lines=["huis: huizen"])
    assert DutchStemmer(overrides=table) == DutchStemmer(overrides=same)
    assert DutchStemmer(overrides=table) != DutchStemmer(overrides=Overrides(lines=[]))
    assert DutchStemmer("dutch", table) != DutchStemmer("porter", table)
    assert DutchStemmer() != "dutch"
    assert Overrides(lines=["a: b"]) != Overrides(lines=["c: d"])
    assert Overrides(lines=["a: b"]) != "a: b"
    assert hash(DutchStemmer()) == hash(DutchStemmer())
    assert {DutchStemmer(): 1}[DutchStemmer()] == 1


def test_a_ge_the_stemmer_kept_is_not_put_back_twice():
    kept = DutchStemmer(overrides=Overrides(lines=["+ge: -gel"]))
    assert kept("regels") == kept("regel") == "regel"


def test_an_inner_only_entry_does_not_protect_a_word_that_starts_with_it():
    bare = DutchStemmer(overrides=Overrides(lines=[]))
    inner = DutchStemmer(overrides=Overrides(lines=["+ge: -gever"]))
    assert inner("gever") == bare("gever")
    assert inner("werkgever") == "werkgever" != bare("werkgever")


def test_the_longest_ending_is_tried_first_whatever_its_letters():
    table = Overrides(lines=["-e: -x", "-mse: -ms"])
    assert table.rewrite("vlaamse") == "vlaams" and table.rewrite("grote") == "grotx"


@pytest.mark.parametrize(("word", "base"), [("hendrickx'", "hendrickx"), ("ocmw's", "ocmw"),
                                             ("auto's", "auto"), ("huis", "huis")])
def test_a_trailing_apostrophe_or_apostrophe_s_is_dropped(word, base):
    from index.indexing.stemming import strip_clitic

    assert strip_clitic(word) == base


def test_a_protected_ge_after_an_unprotected_one_is_still_found():
    inner = DutchStemmer(overrides=Overrides(lines=["+ge: -gever"]))
    # stagegever: the `ge` of stage comes first (kept by the stemmer), then gever's
    assert inner("stagegever") == "stagegever" != DutchStemmer(overrides=Overrides(lines=[]))(
        "stagegever")
