"""Records with official metadata, made for tests, and a way to index them directly.

The harvester fills `themes`, `asked`, `answered`, `on_time` and `session` from the
parliament's open data; these tests build such records themselves. Every record is made
for an intended status, with dates far enough from the edges that the intent does not
depend on the working-day rule under test: answered within 25 calendar days (at most
19 weekdays) is in time, after 40 or more (over 27 weekdays, so over 20 working days
whatever the holidays) is late; asked within the last 14 calendar days is open, 45 or
more days ago overdue. About one record in twenty has no metadata at all.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from index.documents.dates import session_year
from index.documents.model import JointMinister, Record, record_id
from index.indexing.commit import CommitWriter
from index.indexing.keywords import salient_words
from index.indexing.schema import document_fields
from index.indexing.store import open_index

TODAY = dt.date(2024, 6, 14)  # a Friday
MINISTERS = {
    "Hilde Crevits": [(dt.date(2000, 1, 1), "VICEMINISTER-PRESIDENT VAN DE VLAAMSE REGERING, "
                       "VLAAMS MINISTER VAN ECONOMIE, INNOVATIE, WERK, SOCIALE ECONOMIE EN "
                       "LANDBOUW"),
                      (dt.date(2023, 1, 1), "VLAAMS MINISTER VAN WELZIJN, VOLKSGEZONDHEID EN "
                       "GEZIN")],
    "Bart Somers": [(dt.date(2000, 1, 1), "VLAAMS MINISTER VAN BINNENLANDS BESTUUR, "
                     "BESTUURSZAKEN, INBURGERING EN GELIJKE KANSEN")],
    "Jan Jambon": [(dt.date(2000, 1, 1), "MINISTER-PRESIDENT VAN DE VLAAMSE REGERING")],
    "Zuhal Demir": [(dt.date(2000, 1, 1), "VLAAMS MINISTER VAN JUSTITIE EN HANDHAVING, "
                     "OMGEVING, ENERGIE EN TOERISME")],
    "Ben Weyts": [(dt.date(2000, 1, 1), "VLAAMS MINISTER VAN ONDERWIJS, SPORT, "
                   "DIERENWELZIJN EN VLAAMSE RAND")],
}
ASKERS = ["Allessia Claes", "Freya Perdaens", "Jan Laeremans", "Els Robeyns",
          "Stijn Bex", "Katrien Schryvers", "Chris Steenwegen", "Maurits Vande Reyde"]
THEMES = ["Onderwijs en Vorming", "Economie", "Welzijn", "Mobiliteit en Openbare Werken",
          "Binnenlands Bestuur", "Sociale economie", "Cultuur", "Leefmilieu en Natuur",
          "Energie", "Gezondheid"]
WORDS = ["kinderopvang", "armoede", "lokale", "besturen", "subsidies", "wachtlijsten",
         "fietspaden", "scholen", "leerkrachten", "windmolens", "erfgoed", "verkeer",
         "zorgpersoneel", "werkloosheid", "innovatie", "renovatie", "waterbeheer"]
INTENTS = ("beantwoord", "laattijdig", "open", "te-laat")
FIRST_ASKED = dt.date(2022, 10, 1)


def portfolio_of(minister: str, on: dt.date) -> str:
    return [p for start, p in MINISTERS[minister] if start <= on][-1]


def make_records(count: int, seed: int = 1, today: dt.date = TODAY,
                 joint_share: float = 0.1) -> tuple[list[Record], dict[str, str]]:
    """`count` questions (a joint one has a record per minister) and the intended status
    of each record id ("geen-metadata-..." for records without metadata)."""
    rng = random.Random(seed)
    numbers = dict.fromkeys(MINISTERS, 0)
    records, intent = [], {}
    for _ in range(count):
        label = rng.choices(INTENTS, weights=(5, 2, 1, 2))[0]
        without = rng.random() < 0.05
        asked, answered, on_time = _dates(rng, label, today)
        ministers = rng.sample(sorted(MINISTERS), 2 if rng.random() < joint_share else 1)
        for name in ministers:
            numbers[name] += 1
        joint = [JointMinister(m, numbers[m]) for m in ministers] if len(ministers) > 1 \
            else []
        asker = rng.choice(ASKERS)
        themes = rng.sample(THEMES, rng.choice((1, 1, 2, 3)))
        words = rng.sample(WORDS, 3)
        title = f"{words[0].capitalize()} - {words[1]} en {words[2]}"
        for name in ministers:
            answer = "" if label in ("open", "te-laat") else \
                f"Het antwoord over {words[0]} en {words[2]} volgt hier."
            record = Record(
                id=record_id(asked.isoformat(), name, numbers[name]), number=numbers[name],
                date=asked.isoformat(), asker=asker, minister=name,
                portfolio=portfolio_of(name, asked), title=title,
                question=f"Mijn vraag gaat over {' en '.join(words)}.", answer=answer,
                answer_kind="answer" if answer else "none", joint=joint)
            if without:
                intent[record.id] = "geen-metadata-" + ("beantwoord" if answer else "open")
            else:
                record.themes = list(themes)
                record.asked = asked.isoformat()
                record.answered = answered.isoformat() if answered else None
                record.on_time = on_time
                record.session = session_year(asked)
                record.parliament_id = str(rng.randrange(10**6, 10**7))
                intent[record.id] = label
            records.append(record)
    return records, intent


def _dates(rng: random.Random, label: str, today: dt.date):
    """(asked, answered, official on_time) for an intended status (see module doc)."""
    if label == "open":
        return today - dt.timedelta(days=rng.randint(1, 14)), None, None
    if label == "te-laat":
        return today - dt.timedelta(days=rng.randint(45, 400)), None, None
    latest = (today - FIRST_ASKED).days - 120
    asked = FIRST_ASKED + dt.timedelta(days=rng.randint(0, latest))
    if label == "beantwoord":
        answered = asked + dt.timedelta(days=rng.randint(3, 25))
        return asked, answered, rng.choice((True, True, None))
    answered = asked + dt.timedelta(days=rng.randint(40, 90))
    return asked, answered, rng.choice((False, False, None))


def write_records(index_dir: Path, records: list[Record]) -> None:
    """Index records as the writer would index them from files (same fields), replacing
    any with the same id, through the writer's own commit path: records with chosen
    official metadata, without going through files."""
    ix = open_index(Path(index_dir), create=True)
    writer = CommitWriter(ix)
    try:
        for record in records:
            writer.delete_by_term("id", record.id)
            words = salient_words(f"{record.title}\n{record.question}\n{record.answer}")
            writer.add_document(**document_fields(record, "0" * 40, f"test:{record.id}",
                                                  words))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


REFERRAL_ID = "2024-02-05-bart-somers-900"
COORDINATED_ID = "2024-02-05-hilde-crevits-901"


def referral_pair(coordinated_answered: str | None = "2024-02-26") -> list[Record]:
    """A joint question: Somers refers to the coordinated answer that Crevits gives."""
    joint = [JointMinister("Hilde Crevits", 901), JointMinister("Bart Somers", 900)]
    common = dict(date="2024-02-05", asker="Allessia Claes", title="Sociale economie - "
                  "rol van de lokale besturen", question="Welke besturen doen mee?",
                  joint=joint, themes=["Sociale economie"], asked="2024-02-05",
                  session="2023-2024")
    referral = Record(id=REFERRAL_ID, number=900, minister="Bart Somers",
                      portfolio=portfolio_of("Bart Somers", dt.date(2024, 2, 5)),
                      answer="Het gecoördineerd antwoord wordt gegeven door minister "
                             "Hilde Crevits.", answer_kind="referral",
                      coordinator="Hilde Crevits", answered="2024-02-07", on_time=True,
                      **common)
    coordinated = Record(id=COORDINATED_ID, number=901, minister="Hilde Crevits",
                         portfolio=portfolio_of("Hilde Crevits", dt.date(2024, 2, 5)),
                         answer="GECOÖRDINEERD ANTWOORD: alle besturen doen mee."
                         if coordinated_answered else "",
                         answer_kind="coordinated" if coordinated_answered else "none",
                         answered=coordinated_answered,
                         on_time=True if coordinated_answered else None, **common)
    return [referral, coordinated]
