"""The trees the query parser (search/query.py) makes of what a user types: the language
of the README, precedence, field prefixes, and the repairs with their notices."""

from __future__ import annotations

import pytest

from search.query import (
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    And,
    Not,
    Or,
    Phrase,
    QueryError,
    Word,
    count_leaves,
    parse_query,
)


def tree(text: str):
    parsed = parse_query(text)
    assert parsed.notices == [], parsed.notices
    return parsed.tree


@pytest.mark.parametrize("text, expected", [
    ("armoede", Word("armoede")),
    ("sociale economie", And([Word("sociale"), Word("economie")])),
    ("a AND b", And([Word("a"), Word("b")])),
    ("kinderopvang OR crèche", Or([Word("kinderopvang"), Word("crèche")])),
    ("NOT armoede", Not(Word("armoede"))),
    ("armoede -kinderen", And([Word("armoede"), Not(Word("kinderen"))])),
    ("armoede NOT kinderen", And([Word("armoede"), Not(Word("kinderen"))])),
    ('"op de hoogte"', Phrase("op de hoogte")),
    ('"lokale economie"~3', Phrase("lokale economie", slop=3)),
    ("onderw*", Word("onderw", prefix=True)),
])
def test_the_readme_query_language(text, expected):
    assert tree(text) == expected


def test_and_binds_tighter_than_or_and_parentheses_group():
    assert tree("a OR b c") == Or([Word("a"), And([Word("b"), Word("c")])])
    assert tree("(a OR b) c") == And([Or([Word("a"), Word("b")]), Word("c")])
    assert tree("-(a OR b)") == Not(Or([Word("a"), Word("b")]))


def test_lowercase_operators_are_words():
    assert tree("a and b or c") == And([Word(w) for w in ("a", "and", "b", "or", "c")])


@pytest.mark.parametrize("prefix, field", [("titel", "title"), ("vraag", "question"),
                                           ("antwoord", "answer"), ("minister", "minister"),
                                           ("vraagsteller", "asker")])
def test_field_prefixes_reach_words_phrases_and_groups(prefix, field):
    assert tree(f"{prefix}:somers") == Word("somers", field=field)
    assert tree(f'{prefix}:"bart somers"') == Phrase("bart somers", field=field)
    assert tree(f"{prefix}:(a OR b)") == Or([Word("a", field=field), Word("b", field=field)])


@pytest.mark.parametrize("text, expected, notice", [
    ('"open einde', Phrase("open einde"), "Aanhalingsteken"),
    ("(a OR b", Or([Word("a"), Word("b")]), "ontbrekend ')'"),
    ("a ) b", And([Word("a"), Word("b")]), "overtollig ')'"),
    ("onbekend:woord", And([Word("onbekend"), Word("woord")]), "onbekend:"),
])
def test_repairs_keep_the_users_words_and_say_so(text, expected, notice):
    parsed = parse_query(text)
    assert parsed.tree == expected
    assert any(notice in n for n in parsed.notices), parsed.notices


@pytest.mark.parametrize("text", ["OR a", "a OR", "a OR OR"])
def test_a_lone_or_is_dropped(text):
    assert parse_query(text).tree == Word("a")


@pytest.mark.parametrize("text", ["", "   ", "()", "NOT"])
def test_nothing_to_search_is_no_tree(text):
    assert parse_query(text).tree is None


@pytest.mark.parametrize("text, reason", [
    ("*wild", "vooraan"), ("on*derwijs", "midden"), ("ab*", "minstens 3"),
    ("x" * (MAX_QUERY_LENGTH + 1), str(MAX_QUERY_LENGTH)),
    (" ".join(f"w{i}" for i in range(MAX_TERMS + 1)), str(MAX_TERMS)),
])
def test_queries_too_costly_are_refused_with_a_reason(text, reason):
    with pytest.raises(QueryError, match=reason):
        parse_query(text)


def test_count_leaves_counts_words_and_phrases():
    assert count_leaves(tree('a (b OR "c d") -e')) == 4
    assert count_leaves(None) == 0
