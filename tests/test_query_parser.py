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


# -- the edges of the language, each with what the user sees --------------------------

def test_the_word_distance_is_capped_at_50():
    assert tree('"a b"~99') == Phrase("a b", slop=50)
    assert tree('"a b"~50') == Phrase("a b", slop=50)
    assert tree('"a b"~49') == Phrase("a b", slop=49)


@pytest.mark.parametrize("text, field", [("TITEL:x", "title"), ("title:x", "title"),
                                         ("question:x", "question"), ("answer:x", "answer"),
                                         ("indiener:x", "asker"), ("asker:x", "asker")])
def test_field_names_in_any_case_and_their_aliases(text, field):
    assert tree(text) == Word("x", field=field)


@pytest.mark.parametrize("text, expected", [
    ("a EN b", And([Word("a"), Word("b")])),
    ("a OF b", Or([Word("a"), Word("b")])),
    ("a NIET b", And([Word("a"), Not(Word("b"))])),
    ("NOT NOT a", Not(Not(Word("a")))),
    ("a OR b OR c", Or([Word("a"), Word("b"), Word("c")])),
    ("((a))", Word("a")),
    ('"a b" c', And([Phrase("a b"), Word("c")])),
    ("a-b", Word("a-b")),
    ("titel:-a", Not(Word("a", field="title"))),
])
def test_more_of_the_language(text, expected):
    assert tree(text) == expected


@pytest.mark.parametrize("text, expected, notices", [
    ("a OR", Word("a"), ["'OR' zonder woord ervoor of erna werd genegeerd."]),
    ("OF a", Word("a"), ["'OF' zonder woord ervoor of erna werd genegeerd."]),
    ("a NOT", Word("a"), ["'NOT' zonder woord erna werd genegeerd."]),
    ("a -(", Word("a"), ["Een ontbrekend ')' werd toegevoegd."]),
    ("a NOT OR b", Or([Word("a"), Word("b")]), ["'NOT' zonder woord erna werd genegeerd."]),
    ("a )", Word("a"), ["Een overtollig ')' werd genegeerd."]),
    ("titel:vraag:x", Word("x", field="question"),
     ["Een veld binnen een veld werd genegeerd."]),
    ("a titel:", Word("a"), ["Een veld zonder waarde werd genegeerd."]),
    ("a titel:)", Word("a"), ["Een veld zonder waarde werd genegeerd.",
                              "Een overtollig ')' werd genegeerd."]),
    ("Foo:bar", And([Word("foo"), Word("bar")]),
     ["Onbekend veld 'foo:' werd als gewone tekst gezocht."]),
    ('"a b', Phrase("a b"), ["Aanhalingsteken niet gesloten: de zin loopt tot het einde."]),
    ("a (b", And([Word("a"), Word("b")]), ["Een ontbrekend ')' werd toegevoegd."]),
    ('""', None, []),
    ('"  " a', Word("a"), []),
])
def test_each_repair_gives_its_own_notice(text, expected, notices):
    parsed = parse_query(text)
    assert parsed.tree == expected
    assert parsed.notices == notices


@pytest.mark.parametrize("text, reason", [
    ("wal?", "vooraan of midden"), ("a OR ab*", "minstens 3"), ("-ab*", "minstens 3"),
    ("(a (ab*))", "minstens 3"), ("*", "vooraan of midden"), ("a OR *", "vooraan"),
])
def test_a_bad_prefix_anywhere_in_the_tree_is_refused(text, reason):
    with pytest.raises(QueryError, match=reason):
        parse_query(text)


def test_queries_at_the_limits_are_accepted():
    assert parse_query("x" * MAX_QUERY_LENGTH).tree == Word("x" * MAX_QUERY_LENGTH)
    words = [f"w{i}" for i in range(MAX_TERMS)]
    assert parse_query(" ".join(words)).tree == And([Word(w) for w in words])
    assert tree("abc*") == Word("abc", prefix=True)
    assert parse_query(None).tree is None


def test_the_refusals_name_the_limits():
    with pytest.raises(QueryError, match=r"te lang \(1001 tekens; hoogstens 1000\)"):
        parse_query("x" * 1001)
    with pytest.raises(QueryError, match=r"te veel termen \(hoogstens 64\)"):
        parse_query(" ".join(["w"] * 65))
    with pytest.raises(QueryError, match=r"'ab\*' is te kort"):
        parse_query("ab*")


def test_count_leaves_counts_inside_not_and_or():
    assert count_leaves(tree("-(a OR b) c")) == 3
    assert count_leaves(tree('NOT "a b"')) == 1


@pytest.mark.parametrize("text, expected, notices", [
    ("a OR b OR", Or([Word("a"), Word("b")]),
     ["'OR' zonder woord ervoor of erna werd genegeerd."]),
    ("a AND b OR c", Or([And([Word("a"), Word("b")]), Word("c")]), []),
    ("titel:OR a", Word("a"), ["Een veld zonder waarde werd genegeerd.",
                               "'OR' zonder woord ervoor of erna werd genegeerd."]),
    ("titel:AND a", Word("a"), ["Een veld zonder waarde werd genegeerd."]),
    ("titel:onderw*", Word("onderw", field="title", prefix=True), []),
    ("a NOT AND b", And([Word("a"), Word("b")]), ["'NOT' zonder woord erna werd genegeerd."]),
    ("(a NOT) b", And([Word("a"), Word("b")]), ["'NOT' zonder woord erna werd genegeerd."]),
    ("a -OR b", Or([Word("a"), Word("b")]), ["'-' zonder woord erna werd genegeerd."]),
])
def test_operators_after_a_field_or_a_group_and_a_field_on_a_prefix(text, expected, notices):
    parsed = parse_query(text)
    assert parsed.tree == expected
    assert parsed.notices == notices


def test_a_wildcard_in_the_wrong_place_is_refused_with_the_whole_explanation():
    with pytest.raises(QueryError) as refused:
        parse_query("on*derwijs")
    assert str(refused.value) == ("Jokertekens vooraan of midden in een woord worden niet "
                                  "ondersteund; gebruik een voorvoegsel zoals onderw*.")
