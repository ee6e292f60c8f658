"""Official metadata for synthetic questions, in the open-data services' shapes.

`official(record, file_index, seed)` gives what the Document Search API would list for
the question (an id, a page URL, metatags) and what the detail service would send,
consistent with the text: the same number, date, asker, minister and title. Themes follow
the minister's portfolio; about one in six answers comes after the 20 working days a
minister has, and questions without an answer have no answer date. The forms vary as
the real services' do: the detail at the top level or wrapped in `result`, `tijdig` as a
boolean or "J"/"N", ids with and without `/pfls/`, names as `{voornaam, naam}` in the
detail and as `"Achternaam, Voornaam"` in the metatags.
"""

from __future__ import annotations

import datetime as dt
import random

from index.documents.dates import session_year
from index.documents.model import Record

ANSWER_DAYS = 20  # working days a minister has to answer
PAGE_URL = "https://www.vlaamsparlement.be/parlementaire-documenten/schriftelijke-vragen/{}"
# Official themes, each with words of a portfolio that lead to it.
THEMES = (
    ("Onderwijs en vorming", ("onderwijs",)),
    ("Welzijn, gezondheid en gezin", ("welzijn", "gezondheid", "gezin", "volksgezondheid")),
    ("Mobiliteit en openbare werken", ("mobiliteit", "openbare werken")),
    ("Economie", ("economie", "innovatie")),
    ("Werk en sociale economie", ("werk", "sociale economie")),
    ("Energie", ("energie", "klimaat")),
    ("Cultuur", ("cultuur",)),
    ("Media", ("media",)),
    ("Sport", ("sport",)),
    ("Landbouw en visserij", ("landbouw", "visserij")),
    ("Leefmilieu en natuur", ("omgeving", "natuur", "leefmilieu")),
    ("Wonen", ("wonen",)),
    ("Binnenlands bestuur", ("binnenlands", "bestuurszaken", "gelijke kansen")),
    ("Financiën en begroting", ("financiën", "begroting")),
    ("Buitenlands beleid", ("buitenlandse", "internationale")),
    ("Justitie en handhaving", ("justitie", "handhaving")),
    ("Armoedebestrijding", ("armoede",)),
    ("Toerisme", ("toerisme",)),
    ("Brussel en Vlaamse Rand", ("brussel", "vlaamse rand")),
    ("Inburgering en integratie", ("inburgering", "integratie")),
)


def parliament_id(seed: int, file_index: int) -> str:
    return str(1_500_000 + seed * 100_000_000 + file_index)


def add_working_days(day: dt.date, count: int) -> dt.date:
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _first_last(name: str) -> tuple[str, str]:
    first, _, last = name.partition(" ")
    return first, last


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+0{1 if day.month in (1, 2, 3, 11, 12) else 2}00"


def themes_for(record: Record, rng: random.Random) -> list[str]:
    portfolio = record.portfolio.lower()
    found = [theme for theme, words in THEMES if any(word in portfolio for word in words)]
    if not found:
        found = [rng.choice(THEMES)[0]]
    rng.shuffle(found)
    return sorted(found[: rng.choice((1, 1, 2, 3))])


def official(record: Record, file_index: int, seed: int) -> tuple[dict, dict, Record]:
    """(search result, detail as sent, the record with its official fields filled)."""
    rng = random.Random(f"vraagbaak/{seed}/metadata/{file_index}")
    qid = parliament_id(seed, file_index)
    asked = dt.date.fromisoformat(record.date)
    session = session_year(asked)
    themes = themes_for(record, random.Random(f"vraagbaak/{seed}/themes/{record.group}"))
    answered = on_time = None
    if record.answer_kind != "none":
        late = rng.random() < 0.17
        days = rng.randint(ANSWER_DAYS + 1, 3 * ANSWER_DAYS) if late \
            else rng.randint(4, ANSWER_DAYS)
        answered = add_working_days(asked, days)
        on_time = not late
    status = "Beantwoord" if answered else "Vraag gesteld aan de minister"
    steps = [{"status": "Vraag gesteld aan de minister", "datum": _stamp(asked)}]
    if answered:
        steps.append({"status": "Tijdig beantwoord" if on_time else "Laattijdig beantwoord",
                      "datum": _stamp(answered)})
    asker_first, asker_last = _first_last(record.asker)
    minister_first, minister_last = _first_last(record.minister)
    pdf_id = str(4_000_000 + seed * 100_000_000 + file_index)
    pdf_url = f"https://docs.vlaamsparlement.be/files/pfile?id={pdf_id}"
    detail = {
        "id": int(qid), "vraagnummer": record.number, "titel": record.title,
        "onderwerp": record.title, "zittingsjaar": session,
        "thema": themes,
        "vraagsteller": {"id": 100 + len(asker_last), "voornaam": asker_first,
                         "naam": asker_last},
        "minister": {"id": 10 + len(minister_last), "voornaam": minister_first,
                     "naam": minister_last},
        "soort-antwoord": {"coordinated": "Gecoördineerd antwoord",
                           "referral": "Verwijzing"}.get(record.answer_kind, "Antwoord"),
        "procedureverloop": steps,
        "bestand-ordered": [{"URL": pdf_url, "naam": "Vraag en antwoord"}] if answered else [],
    }
    if on_time is not None:
        detail["tijdig"] = ("J" if on_time else "N") if rng.random() < 0.5 else on_time
    if rng.random() < 0.5:
        detail = {"result": detail}
    tags = [("soort", "SCHV"), ("opendata", f"http://ws.vlpar.be/e/opendata/schv/{qid}"),
            ("titel", record.title), ("onderwerp", record.title),
            ("aggregaattype", "Schriftelijke vraag"), ("zittingsjaar", session),
            ("nummer", str(record.number)), ("publicatiedatum", _stamp(answered or asked)),
            ("themadatum", _stamp(asked)), ("status", status),
            ("minister", f"{minister_last}, {minister_first}"),
            ("vraagsteller", f"{asker_last}, {asker_first}"),
            ("last_modified", _stamp(answered or asked))]
    tags += [("thema", theme) for theme in themes]
    if answered:
        tags += [("statusdatumSchvBeantwoord", _stamp(answered)), ("document", pdf_url)]
    raw_id = f"http://be.vlp.feed/{qid}/pfls/{pdf_id}" if rng.random() < 0.6 \
        else f"http://be.vlp.feed/{qid}"
    hit = {"id": raw_id, "date": _stamp(answered or asked), "mimetype": "application/pdf",
           "title": record.title, "url": PAGE_URL.format(qid),
           "metatags": {"metatag": [{"name": n, "value": v} for n, v in tags]}}
    filled = Record.from_json({
        **record.to_json(), "parliament_id": qid, "url": PAGE_URL.format(qid),
        "themes": themes, "asked": asked.isoformat(),
        "answered": answered.isoformat() if answered else None, "on_time": on_time,
        "session": session})
    return hit, detail, filled


def sidecar(record: Record, file_index: int, seed: int) -> tuple[dict, Record]:
    """The `<name>.json` sidecar as `vraagbaak harvest` writes it, and the filled record."""
    hit, detail, filled = official(record, file_index, seed)
    search = {"id": hit["id"].split("/")[3], "url": hit["url"], "title": hit["title"],
              "metatags": hit["metatags"]["metatag"]}
    meta = {"format": 1, "fetched": None, "file": record.source, "synthetic": True}
    return {"vraagbaak": meta, "search": search, "opendata": detail}, filled
