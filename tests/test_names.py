"""The one rule for names in filters (search/names.py): full or last name, any case or
accents; a first name alone, or part of a word, selects no one."""

from __future__ import annotations

import pytest

from search.names import name_key, name_selects, names_matching


@pytest.mark.parametrize("given", ["Bart Somers", "somers", "SOMERS", "Sómers",
                                   "  bart   somers ", "BART SÓMERS"])
def test_full_or_last_name_in_any_case_or_accents_selects(given):
    assert name_selects(given, "Bart Somers")


@pytest.mark.parametrize("given", ["bart", "Bart", "omers", "Somers Bart", "bart s", "", "  "])
def test_first_name_part_of_a_word_or_nothing_selects_no_one(given):
    assert not name_selects(given, "Bart Somers")


def test_a_double_last_name_is_selected_by_its_whole_last_part():
    assert name_selects("Van den Heuvel", "Jan Van den Heuvel")
    assert name_selects("heuvel", "Jan Van den Heuvel")
    assert not name_selects("van", "Jan Van den Heuvel")


def test_names_matching_gives_every_person_the_name_selects():
    keys = [name_key(n) for n in ["Bart Somers", "Hilde Crevits", "Wouter Somers"]]
    assert names_matching("somers", keys) == [0, 2]
    assert names_matching("bart", keys) == []
