"""The answer term in working days, checked against dates counted by hand on a calendar
(weekends, Belgian public holidays and 11 July skipped), and the status rules built on it."""

from __future__ import annotations

import datetime as dt

import pytest

from index.documents.model import Record
from index.documents.workdays import deadline, holidays_for, working_days_between
from search.status import timing

D = dt.date


@pytest.mark.parametrize(("asked", "expected", "why"), [
    # Dec 21,22 | 25 Christmas | 26-29 | 1 Jan New Year | Jan 2-5, 8-12, 15-19 -> 20th on 19 Jan
    (D(2023, 12, 20), D(2024, 1, 19), "year end: Christmas and New Year skipped"),
    # Mar 25-29 | 1 Apr Easter Monday | Apr 2-5, 8-12, 15-19, 22 -> 20th on 22 Apr
    (D(2024, 3, 22), D(2024, 4, 22), "Easter Monday skipped"),
    # Jul 2-5, 8-10 | 11 Jul | 12, 15-19, 22-26, 29, 30 (21 Jul 2024 is a Sunday)
    (D(2024, 7, 1), D(2024, 7, 30), "a term that crosses 11 July"),
    # Jul 2-4, 7-10 | 11 Jul (Fri) | 14-18 | 21 Jul (Mon) | 22-25, 28-31
    (D(2025, 7, 1), D(2025, 7, 31), "11 and 21 July both on weekdays"),
    # asked on a holiday (11 Nov, Monday): counting starts on 12 Nov -> 20th on 9 Dec
    (D(2024, 11, 11), D(2024, 12, 9), "asked on a public holiday"),
    (D(2024, 11, 8), D(2024, 12, 9), "asked the Friday before that holiday: same term"),
    (D(2024, 11, 9), D(2024, 12, 9), "asked on the Saturday between: same term"),
    # asked on All Saints (Friday): Nov 4-8 | 11 Nov | 12-15, 18-22, 25-29, Dec 2
    (D(2024, 11, 1), D(2024, 12, 2), "asked on a holiday with another holiday in the term"),
    # May 2024: 1 May, 9 May (Ascension), 20 May (Whit Monday)
    # Apr 29, 30 | 1 May | 2, 3, 6-8 | 9 May | 10, 13-17 | 20 May | 21-24, 27-29
    (D(2024, 4, 26), D(2024, 5, 29), "Labour Day, Ascension and Whit Monday"),
])
def test_deadline_counted_by_hand(asked, expected, why):
    assert deadline(asked) == expected, why


def test_days_between_skip_the_same_days():
    assert working_days_between(D(2023, 12, 20), D(2024, 1, 19)) == 20
    assert working_days_between(D(2024, 3, 28), D(2024, 4, 2)) == 2  # Good Friday works
    assert working_days_between(D(2024, 7, 10), D(2024, 7, 12)) == 1  # 11 July off
    assert working_days_between(D(2024, 5, 3), D(2024, 5, 3)) == 0
    assert working_days_between(D(2024, 5, 10), D(2024, 5, 3)) == 0  # never negative


def test_calendar_names_the_flemish_holiday_and_belgian_ones():
    days = holidays_for(range(2024, 2025))
    assert D(2024, 7, 11) in days and D(2024, 7, 21) in days and D(2024, 4, 1) in days
    assert D(2024, 3, 29) not in days  # Good Friday is no public holiday in Belgium


def record(**metadata) -> Record:
    answer = metadata.pop("answer", "")
    return Record(id="x", number=1, date="2023-12-20", asker="A B", minister="C D",
                  portfolio="", title="t", question="q", answer=answer,
                  answer_kind="answer" if answer else "none", **metadata)


def test_open_until_the_last_day_of_the_term_then_overdue():
    asked = record(asked="2023-12-20")
    on_deadline = timing(asked, D(2024, 1, 19))
    assert (on_deadline.status, on_deadline.working_days) == ("open", 20)
    weekend_after = timing(asked, D(2024, 1, 21))  # no working day has passed since
    assert weekend_after.status == "open"
    day_after = timing(asked, D(2024, 1, 22))
    assert (day_after.status, day_after.working_days, day_after.days_late) == \
        ("te-laat", 21, 1)
    assert day_after.deadline == "2024-01-19"


def test_answered_in_time_or_late_by_the_count_unless_the_official_flag_says():
    today = D(2024, 6, 1)
    in_time = timing(record(asked="2023-12-20", answered="2024-01-19", answer="a"), today)
    late = timing(record(asked="2023-12-20", answered="2024-01-22", answer="a"), today)
    assert (in_time.status, in_time.working_days) == ("beantwoord", 20)
    assert (late.status, late.working_days, late.days_late) == ("laattijdig", 21, 1)
    official = timing(record(asked="2023-12-20", answered="2024-01-22", on_time=True,
                             answer="a"), today)
    assert official.status == "beantwoord"  # the parliament's own flag wins
    official = timing(record(asked="2023-12-20", answered="2024-01-02", on_time=False,
                             answer="a"), today)
    assert official.status == "laattijdig"


def test_answer_date_in_metadata_counts_as_answered_without_text():
    answered = timing(record(asked="2023-12-20", answered="2024-01-10"), D(2024, 6, 1))
    assert answered.status == "beantwoord" and answered.working_days == 13


def test_without_metadata_nothing_is_guessed():
    old_open = timing(record(), D(2030, 1, 1))  # dated 2023 in its text, no answer
    assert old_open.status == "open"
    assert old_open.working_days is None and old_open.deadline is None
    answered = timing(record(answer="Het antwoord."), D(2030, 1, 1))
    assert answered.status == "beantwoord" and answered.working_days is None
