"""The query language, its compilation, matching, columns and facets over a dozen
hand-written records (tests/crafted.py), indexed once per module in two commits (two
segments), fast enough to run once per mutant (`make mutation`).

Every expected set is computed here from the records' own text (which words each one
holds, in which field, in which order), and every facet count from their written
minister, asker and date: never from the code under test.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from crafted import Doc, checked_search, service_fixtures

from search.results import SearchRequest

D = dt.date
FIRST = [
    Doc(1, "Ann Pauwels", "Els Peeters", D(2023, 3, 14), "Walvissen - Noordzee",
        "Hoeveel walvissen zwemmen er?", "De blauwe walvis zwemt in de Noordzee."),
    Doc(2, "Ann Pauwels", "Tom Claes", D(2023, 5, 2), "Havens - Zeebrugge",
        "Wat gebeurde er in Zeebrugge?", "Een walvis strandde nabij Zeebrugge."),
    Doc(3, "Jo Maes", "Tom Claes", D(2022, 11, 8), "Dolfijnen - Kleur",
        "Welke kleur heeft een dolfijn?", "Deze dolfijn heeft een walvis blauwe kleur."),
    Doc(4, "Jo Maes", "Els Peeters", D(2023, 3, 20), "Dolfijnen - Zorg",
        "Wie zorgt voor een dolfijn?", "Elke dolfijn krijgt zorg in het dolfinarium."),
    Doc(5, "Lies Wouters", "Mark Janssens", D(2021, 9, 30), "Natuur - Aanplant",
        "Komen er nieuwe bossen?", "Er komen nieuwe bossen in Limburg."),
    Doc(6, "Lies Wouters", "Els Peeters", D(2024, 1, 10), "Natuur - Beheer",
        "Hoe staat het met het bos?", "Het bos en het bos worden beheerd."),
]
SECOND = [  # a later commit: a second segment, with names that already occur in the first
    Doc(7, "Jo Maes", "Mark Janssens", D(2023, 9, 25), "Havens - Oostende",
        "Wat gebeurde er in Oostende?", "Er kwam een schip aan in Zeebrugge en Oostende."),
    Doc(8, "Greet Verbeke", "Tom Claes", D(2023, 9, 24), "Vissen - Kabeljauw",
        "Hoeveel kabeljauw is er nog?", "De kabeljauw is schaars, zegt de visser."),
    Doc(9, "Pieter Smet", "Els Peeters", D(2020, 6, 3), "Gezin - Kinderen",
        "Hoeveel plaatsen telt de kinderopvang?",
        "De kinderopvang groeit, de kinderopvang voor kinderen ook."),
    Doc(10, "Pieter Smet", "Mark Janssens", D(2020, 6, 4), "Gezin - Plaatsen",
        "Is de opvang klaar?", "De opvang is klaar."),
    Doc(11, "Karel Vos", "Tom Claes", D(2022, 2, 1), "Beleid - Economie",
        "Welke sociaal-economische gevolgen zijn er?", "De sociaal-economische raad oordeelt."),
    Doc(12, "Karel Vos", "Els Peeters", D(2022, 2, 2), "Beleid - Raad",
        "Wat zegt de raad?", "De sociaaleconomische raad zweeg."),
]
DOCS = FIRST + SECOND
BY_NUMBER = {d.number: d for d in DOCS}


def words_of(doc: Doc, field: str | None = None) -> list[str]:
    """The words a reader sees in a field (all three text fields when None)."""
    texts = {"title": doc.title, "question": doc.question, "answer": doc.answer}
    chosen = [texts[field]] if field else list(texts.values())
    return [w for text in chosen for w in re.findall(r"\w+", text.lower())]


def having(*forms: str, field: str | None = None) -> set[int]:
    """The records in which any of the given word forms occurs."""
    return {d.number for d in DOCS if set(forms) & set(words_of(d, field))}


def in_order(phrase: str, field: str | None = None) -> set[int]:
    wanted = phrase.lower().split()
    out = set()
    for doc in DOCS:
        fields = [field] if field else ["title", "question", "answer"]
        for name in fields:
            words = words_of(doc, name)
            if any(words[i:i + len(wanted)] == wanted for i in range(len(words))):
                out.add(doc.number)
    return out


ALL = set(BY_NUMBER)
WALVIS = having("walvis", "walvissen")
DOLFIJN = having("dolfijn", "dolfijnen")
ZEEBRUGGE = having("zeebrugge")
OPVANG_PART = {d.number for d in DOCS if any(w.endswith("opvang") for w in words_of(d))}


crafted_index, service = service_fixtures("crafted-search", FIRST, SECOND)


search = checked_search


def found(service, q: str = "", **kw) -> set[int]:
    return {ref.number for hit in search(service, q, **kw).hits for ref in hit.records}


def order(service, q: str) -> list[int]:
    return [hit.number for hit in search(service, q).hits]


# -- the query language ---------------------------------------------------------------

@pytest.mark.parametrize("q, expected", [
    ("walvis", WALVIS),
    ("walvissen", WALVIS),
    ("WALVIS", WALVIS),
    ("walvis dolfijn", WALVIS & DOLFIJN),
    ("walvis AND dolfijn", WALVIS & DOLFIJN),
    ("walvis OR dolfijn", WALVIS | DOLFIJN),
    ("walvis OF kabeljauw", WALVIS | having("kabeljauw")),
    ("dolfijn -walvis", DOLFIJN - WALVIS),
    ("dolfijn NOT walvis", DOLFIJN - WALVIS),
    ("dolfijn NIET walvis", DOLFIJN - WALVIS),
    ("-walvis", ALL - WALVIS),
    ("-walvis -dolfijn", ALL - WALVIS - DOLFIJN),
    ("walvis -zeebrugge -blauwe", WALVIS - ZEEBRUGGE - having("blauwe")),
    ("(walvis OR dolfijn) -zeebrugge", (WALVIS | DOLFIJN) - ZEEBRUGGE),
    ("-(walvis OR dolfijn)", ALL - WALVIS - DOLFIJN),
    ("(walvis OR bossen) (zeebrugge OR limburg)",
     (WALVIS | having("bos", "bossen")) & (ZEEBRUGGE | having("limburg"))),
    ("zeebrugge oostende", ZEEBRUGGE & having("oostende")),
])
def test_words_and_operators_find_exactly_the_records_that_hold_them(service, q, expected):
    assert found(service, q) == expected


@pytest.mark.parametrize("q, field, forms", [
    ("titel:walvis", "title", ("walvis", "walvissen")),
    ("vraag:walvis", "question", ("walvis", "walvissen")),
    ("antwoord:walvis", "answer", ("walvis", "walvissen")),
    ("titel:zeebrugge", "title", ("zeebrugge",)),
    ("antwoord:zeebrugge", "answer", ("zeebrugge",)),
])
def test_a_field_prefix_limits_a_word_to_that_field(service, q, field, forms):
    assert found(service, q) == having(*forms, field=field)


def test_a_field_before_a_group_applies_to_every_word_inside(service):
    expected = having("zeebrugge", "oostende", field="title")
    assert found(service, "titel:(zeebrugge OR oostende)") == expected


@pytest.mark.parametrize("phrase", ["blauwe walvis", "walvis blauwe", "het bos",
                                    "een walvis", "zorg in het dolfinarium",
                                    # 3's question holds both words the other way round,
                                    # its answer in this order
                                    "dolfijn heeft"])
def test_a_phrase_finds_its_words_in_that_order(service, phrase):
    assert found(service, f'"{phrase}"') == in_order(phrase)


def test_a_phrase_with_a_field_is_looked_for_in_that_field_only(service):
    assert found(service, 'antwoord:"in zeebrugge"') == in_order("in zeebrugge", "answer")
    assert found(service, 'vraag:"in zeebrugge"') == in_order("in zeebrugge", "question")


def test_a_phrase_keeps_its_stop_words_and_is_not_stemmed(service):
    assert found(service, '"walvissen"') == having("walvissen")
    assert found(service, '"het bos"') == in_order("het bos")
    assert found(service, '"bos"') == having("bos")


@pytest.mark.parametrize("phrase", ["sociaal-economische raad", "sociaaleconomische raad",
                                    "sociaal-economische", "sociaaleconomische"])
def test_a_phrase_finds_a_compound_written_solid_or_with_a_hyphen(service, phrase):
    spellings = {d.number for d in DOCS if re.search(r"sociaal-?economische raad"
                                                     if " " in phrase else
                                                     r"sociaal-?economische", d.text())}
    assert spellings == {11, 12}
    assert found(service, f'"{phrase}"') == spellings


def test_a_one_word_phrase_is_marked(service):
    assert "bossen" in marked(service, '"bossen"', 5)


def test_a_hyphenated_word_needs_both_its_parts(service):
    assert found(service, "dolfijn-walvis") == DOLFIJN & WALVIS


def test_a_hyphenated_word_with_a_stop_word_in_it_searches_the_other_part(service):
    assert found(service, "walvis-de") == WALVIS


def test_a_compound_searched_marks_only_itself(service):
    # 9 also holds `kinderen`, a word of the compound's first part: not marked
    assert marked(service, "kinderopvang", 9) == {"kinderopvang"}


def test_a_compound_of_an_excluded_word_is_not_marked(service):
    # 10 holds `opvang` and `klaar` and is excluded; 9 holds `kinderopvang` and is shown
    assert found(service, "plaatsen -(opvang klaar)") == {9}
    assert marked(service, "plaatsen -(opvang klaar)", 9) == {"plaatsen"}


def test_only_an_excluded_stop_word_finds_nothing_and_says_so(service):
    result = search(service, "-de")
    assert result.hits == []
    assert "De zoekvraag bevat geen zoekwoorden." in result.notices


def test_a_stop_word_as_one_side_of_or_leaves_the_other(service):
    result = search(service, "walvis OR de")
    assert {h.number for h in result.hits} == WALVIS
    assert any("stopwoord" in n for n in result.notices), result.notices


def test_words_inside_and_or_groups_are_marked(service):
    assert {"walvis", "zeebrugge"} <= marked(service, "walvis zeebrugge", 2)
    assert {"walvis", "zeebrugge"} <= marked(service, "(walvis OR x) (zeebrugge OR y)", 2)


def test_a_double_negation_finds_and_marks_the_word(service):
    assert found(service, "NOT NOT walvis") == WALVIS
    assert "walvis" in marked(service, "NOT NOT walvis", 2)


def test_a_phrase_can_be_excluded(service):
    assert found(service, 'walvis -"blauwe walvis"') == WALVIS - in_order("blauwe walvis")


def near(phrase: str, between: int) -> set[int]:
    """Records with the phrase's words in order in one field, each at most `between`
    other words after the one before it (any such chain, not only the nearest)."""
    wanted = phrase.lower().split()
    out = set()
    for doc in DOCS:
        for name in ("title", "question", "answer"):
            words = words_of(doc, name)
            ends = {i for i, w in enumerate(words) if w == wanted[0]}
            for word in wanted[1:]:
                ends = {j for j, w in enumerate(words) if w == word
                        and any(0 < j - i <= between + 1 for i in ends)}
            if ends:
                out.add(doc.number)
    return out


@pytest.mark.parametrize("phrase", ["noordzee walvis blauwe", "walvis de blauwe",
                                    "de walvis zwemt in"])
def test_a_phrase_whose_words_all_occur_but_not_in_that_order_finds_nothing(service, phrase):
    # record 1's answer holds all of them: "De blauwe walvis zwemt in de Noordzee."
    assert set(phrase.split()) <= set(words_of(BY_NUMBER[1], "answer"))
    assert found(service, f'"{phrase}"') == in_order(phrase) == set()


@pytest.mark.parametrize("phrase, between", [
    ("bos bos", 1), ("bos bos", 2), ("bos bos", 3),
    ("noordzee walvis blauwe", 2), ("blauwe zwemt noordzee", 1),
    ("blauwe zwemt noordzee", 3), ("walvis zeebrugge", 1), ("walvis zeebrugge", 2),
    ("de in", 4),
])
def test_a_near_phrase_finds_its_words_in_order_at_most_n_words_apart(service, phrase,
                                                                       between):
    # record 6's answer: "Het bos en het bos worden beheerd." (two words between)
    assert found(service, f'"{phrase}"~{between}') == near(phrase, between)


def test_a_near_phrase_with_a_repeated_word_needs_it_twice(service):
    assert near("bos bos", 1) == set() and near("bos bos", 2) == {6}
    assert found(service, '"bos bos"~1') == set()

@pytest.mark.parametrize("q, stem", [("dolf*", "dolf"), ("dolfina*", "dolfina"),
                                     ("walv*", "walv"), ("zeebr*", "zeebr")])
def test_a_prefix_finds_every_word_that_starts_with_it(service, q, stem):
    assert found(service, q) == {d.number for d in DOCS
                                 if any(w.startswith(stem) for w in words_of(d))}


def test_a_prefix_in_a_field_and_a_prefix_nothing_starts_with(service):
    assert found(service, "titel:dolf*") == {d.number for d in DOCS
                                            if any(w.startswith("dolf")
                                                   for w in words_of(d, "title"))}
    assert found(service, "titel:zeebr*") == {d.number for d in DOCS
                                              if any(w.startswith("zeebr")
                                                     for w in words_of(d, "title"))} == {2}
    assert found(service, "qqqzz*") == set()
    assert found(service, "walvis -dolf*") == WALVIS - DOLFIJN


# -- names in the query ----------------------------------------------------------------

def by_minister(last: str) -> set[int]:
    return {d.number for d in DOCS if d.minister.split()[-1].lower() == last}


def by_asker(last: str) -> set[int]:
    return {d.number for d in DOCS if d.asker.split()[-1].lower() == last}


@pytest.mark.parametrize("q, expected", [
    ("minister:pauwels", by_minister("pauwels")),
    ('minister:"Jo Maes"', by_minister("maes")),   # in both segments
    ("minister:MAES", by_minister("maes")),
    ("vraagsteller:claes", by_asker("claes")),
    ("vraagsteller:janssens", by_asker("janssens")),
    ("walvis minister:maes", WALVIS & by_minister("maes")),
    ("minister:maes OR minister:verbeke", by_minister("maes") | by_minister("verbeke")),
    ("-minister:maes", ALL - by_minister("maes")),
])
def test_names_in_the_query_select_ministers_and_askers(service, q, expected):
    result = search(service, q)
    assert {h.number for h in result.hits} == expected
    assert result.notices == []


@pytest.mark.parametrize("q, notice", [
    ("minister:onbekend", "Geen minister gevonden met de naam 'onbekend'."),
    ("vraagsteller:onbekend", "Geen vraagsteller gevonden met de naam 'onbekend'."),
    ("minister:jo", "Geen minister gevonden met de naam 'jo'."),
])
def test_a_name_that_selects_no_one_finds_nothing_and_says_so(service, q, notice):
    result = search(service, q)
    assert result.hits == []
    assert result.notices == [notice]


def test_the_minister_filter_selects_over_both_segments(service):
    assert found(service, ministers=["Jo Maes"]) == by_minister("maes")
    assert found(service, ministers=["maes", "pauwels"]) == \
        by_minister("maes") | by_minister("pauwels")
    assert found(service, asker="claes") == by_asker("claes")


# -- what cannot be searched ------------------------------------------------------------

@pytest.mark.parametrize("q", ["de", "de het een"])
def test_only_stop_words_find_nothing_and_say_so(service, q):
    result = search(service, q)
    assert result.hits == []
    assert any("stopwoord" in n for n in result.notices), result.notices
    assert any("geen zoekwoorden" in n for n in result.notices), result.notices


def test_a_stop_word_beside_a_real_word_is_skipped_with_a_notice(service):
    result = search(service, "de walvis")
    assert {h.number for h in result.hits} == WALVIS
    assert result.notices == ["'de' is een stopwoord en werd overgeslagen; zet het tussen "
                              "aanhalingstekens om er exact op te zoeken."]


def test_signs_only_find_nothing_and_say_so(service):
    result = search(service, "()")
    assert result.hits == [] and result.notices == ["De zoekvraag bevat geen zoekwoorden."]


def test_the_empty_query_lists_every_record_without_a_notice(service):
    result = search(service, "")
    assert {h.number for h in result.hits} == ALL and result.notices == []


def test_a_negated_stop_word_leaves_the_rest_of_the_query(service):
    assert found(service, "walvis -de") == WALVIS


# -- ranking --------------------------------------------------------------------------

def test_the_form_as_typed_ranks_above_another_form_of_the_word(service):
    # 5 holds `bossen` (twice), 6 holds `bos` (three times): each ranks first for itself
    assert order(service, "bossen")[0] == 5
    assert order(service, "bos")[0] == 6
    assert set(order(service, "bos")) == {5, 6}


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_text_only(service):
    # 2 has Zeebrugge in its title, question and answer; 7 only once, in its answer
    assert order(service, "zeebrugge") == [2, 7]
    assert order(service, "oostende")[0] == 7


def test_a_word_as_a_part_of_a_compound_is_found_and_ranks_below_the_word_itself(service):
    # 9 holds `kinderopvang` three times, 10 holds `opvang` twice
    assert found(service, "opvang") == OPVANG_PART == {9, 10}
    assert order(service, "opvang") == [10, 9]
    assert "kinderopvang" in marked(service, "opvang", 9)


def test_a_quoted_word_never_matches_it_as_a_part_of_a_compound(service):
    # 9 holds `kinderopvang` (indexed with the part `opvang`), 10 the word itself
    assert found(service, '"opvang"') == having("opvang") == {10}
    assert found(service, '"kinderopvang"') == having("kinderopvang") == {9}


def test_a_word_found_only_in_another_form_still_counts(service):
    # the plural `walvissen` is in 1 only; 2 and 3 hold only the singular
    assert order(service, "walvissen")[0] == 1
    assert set(order(service, "walvissen")) == WALVIS


def test_scores_fall_down_the_page(service):
    hits = search(service, "walvis OR dolfijn").hits
    scores = [h.score for h in hits]
    assert all(s > 0 for s in scores) and scores == sorted(scores, reverse=True)


# -- highlights -----------------------------------------------------------------------

def marked(service, q: str, number: int) -> set[str]:
    hit = next(h for h in search(service, q).hits if h.number == number)
    return {m.lower() for m in re.findall(r"<mark>(.*?)</mark>", hit.snippet)}


def test_snippets_mark_the_words_phrases_and_prefixes_searched(service):
    assert "walvis" in marked(service, "walvis", 2)
    assert {"blauwe", "walvis"} <= marked(service, '"blauwe walvis"', 1)
    assert "dolfinarium" in marked(service, "dolfina*", 4)
    assert "zorg" not in marked(service, "dolfijn -zeebrugge", 4)
    # an excluded word is not marked where it does occur (1 holds `blauwe`, not both)
    assert "blauwe" not in marked(service, "walvis -(blauwe zeebrugge)", 1)
    assert "blauwe" in marked(service, "walvis blauwe", 1)


def test_a_prefix_matching_more_words_than_the_limit_is_refused(service, monkeypatch):
    from search import compile as compile_module

    expansions = {w for d in DOCS for w in words_of(d) if w.startswith("dolf")}
    monkeypatch.setattr(compile_module, "MAX_PREFIX_TERMS", len(expansions))
    assert found(service, "dolf*") == DOLFIJN | having("dolfinarium")
    monkeypatch.setattr(compile_module, "MAX_PREFIX_TERMS", len(expansions) - 1)
    result = service.search(SearchRequest(q="dolf*"))
    assert result.hits == []
    assert result.error == (f"Het voorvoegsel 'dolf*' past op meer dan "
                            f"{len(expansions) - 1} woorden; maak het langer.")


def test_white_space_alone_lists_everything_without_a_notice(service):
    result = search(service, "   ")
    assert {h.number for h in result.hits} == ALL and result.notices == []


# -- facets ---------------------------------------------------------------------------

def facet(result, name: str) -> dict[str, int]:
    return {v.value: v.count for v in result.facets[name]}


def fourth_monday(year: int) -> D:
    mondays = [D(year, 9, d) for d in range(1, 31) if D(year, 9, d).weekday() == 0]
    return mondays[3]


def zittingsjaar(date: D) -> str:
    first = date.year if date >= fourth_monday(date.year) else date.year - 1
    return f"{first}-{first + 1}"


@pytest.mark.parametrize("q", ["", "walvis", "walvis OR dolfijn", "-walvis", "zeebrugge"])
def test_facets_count_the_matching_records(service, q):
    numbers = found(service, q)
    docs = [BY_NUMBER[n] for n in numbers]
    result = search(service, q)
    assert facet(result, "minister") == Counter(d.minister for d in docs)
    assert facet(result, "asker") == Counter(d.asker for d in docs)
    assert facet(result, "year") == Counter(str(d.date.year) for d in docs)
    assert facet(result, "month") == Counter(f"{d.date:%Y-%m}" for d in docs)
    assert facet(result, "session") == Counter(zittingsjaar(d.date) for d in docs)


def test_time_facets_run_in_time_order_with_dutch_month_labels(service):
    result = search(service, "")
    assert [v.value for v in result.facets["year"]] == sorted(facet(result, "year"))
    assert [v.value for v in result.facets["month"]] == sorted(facet(result, "month"))
    assert [v.value for v in result.facets["session"]] == sorted(facet(result, "session"))
    labels = {v.value: v.label for v in result.facets["month"]}
    assert labels["2023-03"] == "mrt 2023" and labels["2021-09"] == "sep 2021"
    assert labels["2024-01"] == "jan 2024" and labels["2022-11"] == "nov 2022"


def test_the_minister_facet_lists_the_most_questions_first(service):
    values = search(service, "").facets["minister"]
    counts = Counter(d.minister for d in DOCS)
    assert {(v.value, v.count) for v in values} == set(counts.items())
    assert values[0].value == max(counts, key=counts.get) == "Jo Maes"
    assert [v.count for v in values] == sorted(counts.values(), reverse=True)


def test_a_chosen_minister_is_ticked_and_the_others_keep_their_counts(service):
    result = search(service, "walvis OR dolfijn", ministers=["maes"])
    matches = WALVIS | DOLFIJN
    assert {h.number for h in result.hits} == matches & by_minister("maes")
    assert facet(result, "minister") == Counter(BY_NUMBER[n].minister for n in matches)
    assert {v.value for v in result.facets["minister"] if v.selected} == {"Jo Maes"}


def test_a_chosen_asker_is_ticked_and_the_asker_facet_counts_the_filtered_matches(service):
    result = search(service, "", asker="claes")
    assert {v.value for v in result.facets["asker"] if v.selected} == {"Tom Claes"}
    assert facet(result, "asker") == {"Tom Claes": len(by_asker("claes"))}


def test_no_facet_value_is_ticked_without_a_filter(service):
    result = search(service, "walvis")
    assert not any(v.selected for values in result.facets.values() for v in values)


def test_every_facet_is_there_under_its_documented_name(service):
    result = search(service, "walvis")
    assert set(result.facets) == {"minister", "asker", "year", "month", "session", "keyword",
                                  "theme", "status"}
    # the records carry no official themes: the theme facet is empty, not missing
    assert result.facets["theme"] == []
    # no answer dates either: each record counts once under a status
    assert sum(v.count for v in result.facets["status"]) == len(WALVIS)


MANY = [Doc(500 + i, f"Minister Nummer{chr(97 + i)}", f"Lid Vrager{chr(97 + i)}",
            title=f"Walvis - Vraag {i}") for i in range(14)]
# minister a asks twice more, b once more: the order of the top list is known
MANY += [Doc(600, "Minister Nummera", "Lid Vragera"), Doc(601, "Minister Nummera", "Lid Vragera"),
         Doc(602, "Minister Nummerb", "Lid Vragerb")]


@pytest.fixture(scope="module")
def many_names(tmp_path_factory):
    from crafted import build_index

    from search.service import SearchService

    tmp = tmp_path_factory.mktemp("many-names")
    service = SearchService(build_index(tmp / "docs", tmp / "index", MANY))
    yield service
    service.close()


def test_a_facet_lists_the_twelve_most_frequent_and_keeps_a_chosen_one_beyond_them(many_names):
    counts = Counter(d.minister for d in MANY)
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    last = ranked[-1]  # fourteen ministers: the last two fall outside the top twelve
    result = search(many_names, "", ministers=[last.split()[-1]])
    listed = [(v.value, v.count, v.selected) for v in result.facets["minister"]]
    assert listed[:12] == [(name, counts[name], False) for name in ranked[:12]]
    assert listed[12:] == [(last, counts[last], True)]
    askers = Counter(d.asker for d in MANY)
    result = search(many_names, "")
    assert [(v.value, v.count) for v in result.facets["asker"]] == \
        [(name, askers[name]) for name in sorted(askers, key=lambda n: (-askers[n], n))][:12]


LABELS = {"beantwoord": "Beantwoord", "laattijdig": "Laattijdig beantwoord",
          "open": "Open, termijn loopt", "te-laat": "Te laat, termijn verstreken"}


def test_the_status_facet_names_and_labels_each_status_and_keeps_a_chosen_empty_one(service):
    plain = search(service, "walvis").facets["status"]
    assert plain and all(v.label == LABELS[v.value] and not v.selected for v in plain)
    assert all(v.count > 0 for v in plain)
    present = {v.value for v in plain}
    absent = sorted(set(LABELS) - present)[0]
    chosen = search(service, "walvis", statuses=[absent])
    assert chosen.hits == []
    listed = {v.value: (v.count, v.selected) for v in chosen.facets["status"]}
    assert listed[absent] == (0, True)
    assert {k for k, (count, _) in listed.items() if count == 0} == {absent}


def test_a_search_past_its_time_limit_stops_with_a_message(service, monkeypatch):
    # a limit already passed when the search starts: no clock race, the first check stops it
    monkeypatch.setattr(service, "time_limit", -1.0)
    result = service.search(SearchRequest(q="walvis"))
    assert result.hits == [] and result.total == 0
    assert result.error == ("De zoekopdracht duurde te lang en werd gestopt; "
                            "maak ze specifieker.")
