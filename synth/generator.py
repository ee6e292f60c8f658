"""Deterministic synthetic corpus: N question files plus `facts.jsonl`, their expected parse.

`generate(count, seed, out_dir)` writes `count` files named `NNNNNN_<16 hex>.txt` and
`facts.jsonl` (one line per file, in file order: `{"file": name, "records": [record]}`, each
record exactly `Record.to_json()` with `source` = the file name). Same count and seed give
byte-identical output: every random stream is seeded from a string (never `hash()`, time or
set order), so files can be written by several processes.

A file is one question as addressed to one minister, with that minister's answer. A joint
question to k ministers gives k files; one holds the coordinated answer and the others a
referral to it (or, rarely, all hold plain answers). About 5% of questions, mostly recent
ones, are not answered yet: the file ends after the question part (always layout 3 then,
the only layout whose header names number, date and asker before the answer).

Clean-text conventions (what a correct parser returns, and what the facts hold):
- `title`: one line, whitespace collapsed to single spaces.
- `question`: intro paragraphs then numbered sub-questions, without title, headers, footnotes
  or joint sentence. Each paragraph on one line: line breaks inside it become one space,
  hyphenation resolved, whitespace collapsed, footnote markers (`gemeente.[1]`) kept.
  Paragraphs are joined by "\\n\\n". Paragraphs are separated by blank (or whitespace-only)
  lines, except that numbered sub-questions may follow each other on consecutive lines: a line
  starting `N. ` always starts a new paragraph (no wrapped line starts with a digit).
- `answer`: the body after the answer header up to the first annex heading, same paragraph
  convention; "" for answer_kind `none`; for a referral, the referral sentence. A reply label
  (`1.`, `2-4.`) alone on its line, then a blank line, then its text, is one paragraph
  `1. text` (as in seed 000); short bullet-like lines are separated by blank lines and are
  paragraphs of their own. A paragraph never ends without `.?:]` punctuation and is then
  followed by one starting in lowercase (bullets and titles end bare but are followed by a
  digit, a capital or a header).
- `footnotes`: `[n] text`, one per footnote, reflowed to one line. A footnote starts on a line
  beginning `[n] `; footnotes may be on consecutive lines.
- `annexes`: one string per annex, from its heading line (`BIJLAGE` or `Bijlage N`, alone on
  its line) to the next heading or the end: its non-blank lines, whitespace collapsed, joined
  by "\\n" (table rows stay rows; annex lines are never wrapped or hyphenated).
- `date`: ISO; `number`: int; `asker`, `minister`, `coordinator`: display form, which is
  always `CAPITALS.title()`; `portfolio`: the capitals as printed, lines joined by one space.
- `answer_kind`: `coordinated` (header `GECOORDINEERD ANTWOORD` or `GECOÖRDINEERD ANTWOORD`),
  `referral` (header `ANTWOORD`, body `Een gecoördineerd antwoord zal worden verstrekt door
  mevrouw|de heer <Name>, <portfolio>.`, `gecoordineerd` also occurs; `coordinator` is that
  name), `answer` (`ANTWOORD`), `none` (no answer block). `coordinator` is None unless referral.
- `joint`: the ministers of `Deze vraag werd gesteld aan de ministers A (n1), B (n2) en C (n3).`
  in sentence order; [] when there is no such sentence (single-minister questions).
- Spelling variants (`gecoördineerd`/`gecoordineerd`, `creëert`/`creéert`, ...) stay as printed.

Artefacts the cleaner must undo (see wrap.py and layouts.py for the exact rules): lines wrapped
at 75-95 characters; words split at line ends (join), true compounds split after their hyphen
(keep the hyphen), elliptic `werkings-` / `en` (keep `- `); doubled, trailing and leading
spaces and whitespace-only lines; page-number lines and the running header
`Vlaams Parlement — Schriftelijke vraag nr. N` at page breaks, also inside paragraphs; in
footnotes `§1` printed as `81` (only right after `Art. N, `) and `Vl.` as `VI.` (only in
`Decr. Vl.` / `Besl. Vl. Reg.`); about 10% of files in Windows-1252, the rest UTF-8.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import math
import multiprocessing
import os
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from index.documents.dates import session_year
from index.documents.model import JointMinister, Record, record_id
from synth import metadata, text
from synth.layouts import FileSpec, Style, render
from synth.people import FIRST_DAY, LAST_DAY, Person, Seat, askers_on, sitting
from synth.vocabulary import portfolio_areas

CHUNK = 200  # questions per unit of work


@dataclass
class Summary:
    files: int
    questions: int
    seconds: float
    out_dir: Path
    stats: Counter = field(default_factory=Counter)  # per layout, encoding and answer kind
    stale: int = 0  # other .txt files already in out_dir, not described by facts.jsonl


@dataclass
class Plan:
    """One question before its text exists: who, when, which numbers, which answers."""

    index: int
    date: dt.date
    asker: Person
    seats: tuple[Seat, ...]  # in the order of the joint sentence
    mode: str  # single, coordinated, plain, none
    coordinator: int  # index into seats, or -1
    primary: int  # the seat whose policy areas the question is about
    numbers: list[int] = field(default_factory=list)
    first_file: int = 0


def _day_weights() -> tuple[list[dt.date], list[float]]:
    days, weights = [], []
    day = FIRST_DAY
    while day <= LAST_DAY:
        weight = (1.0, 1.0, 1.0, 1.0, 0.8, 0.0, 0.0)[day.weekday()]
        if day.month in (7, 8):
            weight *= 0.35
        if (day.month, day.day) >= (12, 22) or (day.month, day.day) <= (1, 3):
            weight *= 0.15
        if dt.date(2024, 5, 15) <= day <= dt.date(2024, 9, 29):  # elections and formation
            weight *= 0.2
        if weight:
            days.append(day)
            weights.append(weight)
        day += dt.timedelta(days=1)
    return days, list(itertools.accumulate(weights))


_DAYS, _DAY_CUM = _day_weights()
_JOINT_SIZES = (2, 3, 4, 5, 6, 7, 8, 9)
_JOINT_WEIGHTS = (60, 18, 7, 4, 3, 2, 2, 4)


def _seat_weight(seat: Seat) -> float:
    return 1.0 + 0.35 * len(portfolio_areas(seat.roles))


def plan(count: int, seed: int) -> list[Plan]:
    """Questions in date order, with numbers per minister and zittingsjaar, `count` files."""
    rng = random.Random(f"vraagbaak/{seed}/plan")
    drafts: list[tuple[dt.date, int, Plan]] = []
    files = 0
    while files < count:
        date = rng.choices(_DAYS, cum_weights=_DAY_CUM)[0]
        seats = sitting(date)
        size = 1 if rng.random() < 0.88 else rng.choices(_JOINT_SIZES, _JOINT_WEIGHTS)[0]
        size = min(size, count - files)
        chosen: list[Seat] = []
        pool = list(seats)
        while len(chosen) < size:
            seat = rng.choices(pool, [_seat_weight(s) for s in pool])[0]
            pool.remove(seat)
            chosen.append(seat)
        primary_seat = chosen[0]
        ordered = tuple(sorted(chosen, key=lambda s: s.rank))
        primary = ordered.index(primary_seat)
        days_left = (LAST_DAY - date).days
        if rng.random() < 0.015 + 0.9 * math.exp(-days_left / 100):
            mode, coordinator = "none", -1
        elif size == 1:
            mode, coordinator = "single", -1
        elif rng.random() < 0.12:
            mode, coordinator = "plain", -1
        else:
            mode = "coordinated"
            coordinator = primary if rng.random() < 0.7 else rng.randrange(size)
        askers = askers_on(date)
        asker = askers[min(int(rng.paretovariate(0.9)) - 1, len(askers) - 1)] \
            if rng.random() < 0.3 else rng.choice(askers)
        drafts.append((date, len(drafts),
                       Plan(0, date, asker, ordered, mode, coordinator, primary)))
        files += size
    drafts.sort(key=lambda item: (item[0], item[1]))
    counters: Counter = Counter()
    plans, first_file = [], 0
    for index, (date, _, item) in enumerate(drafts):
        item.index, item.first_file = index, first_file
        session = session_year(date)
        for seat in item.seats:
            counters[seat.person.name, session] += 1
            item.numbers.append(counters[seat.person.name, session])
        first_file += len(item.seats)
        plans.append(item)
    return plans


def file_name(seed: int, index: int, width: int = 6) -> str:
    digest = hashlib.sha256(f"vraagbaak/{seed}/file/{index}".encode()).hexdigest()[:16]
    return f"{index:0{width}d}_{digest}.txt"


def _layout(kind: str, date: dt.date, rng: random.Random) -> int:
    """Layout 4, the 2024-2026 PDF extraction, is what recent documents look like."""
    if kind == "none":
        return 4 if date.year >= 2025 or (date.year == 2024 and rng.random() < 0.5) else 3
    if date.year >= 2025:
        weights = (5, 5, 10, 80)
    elif date.year == 2024:
        weights = (10, 10, 45, 35)
    else:
        weights = (55, 40, 5, 0)
    return rng.choices((1, 2, 3, 4), weights)[0]


def build(item: Plan, seed: int, width: int) -> Iterator[tuple[str, bytes, Record, Counter]]:
    """The files of one question: (name, bytes, expected record, statistics)."""
    qrng = random.Random(f"vraagbaak/{seed}/question/{item.index}")
    primary = item.seats[item.primary]
    writer = text.Writer(qrng, portfolio_areas(primary.roles), item.date.year)
    question = writer.question()
    pairs = list(zip(item.seats, item.numbers, strict=True))
    members = [(seat.person.name, number) for seat, number in pairs]
    joint = text.joint_sentence(members) if len(members) > 1 else None
    iso = item.date.isoformat()
    for position, (seat, number) in enumerate(pairs):
        file_index = item.first_file + position
        rng = random.Random(f"vraagbaak/{seed}/file/{file_index}")
        kind = {"none": "none", "single": "answer", "plain": "answer"}.get(item.mode)
        if kind is None:
            kind = "coordinated" if position == item.coordinator else "referral"
        coordinator = None
        annexes: list[list[list[str]]] = []
        if kind == "referral":
            lead = item.seats[item.coordinator]
            coordinator = lead.person.name
            answer = [text.referral(lead.person.female, lead.person.name, lead.referral_form, rng)]
        elif kind == "none":
            answer = []
        else:
            author = text.Writer(rng, portfolio_areas(seat.roles), item.date.year)
            count = 0 if rng.random() < 0.88 else rng.choices((1, 2, 3), (8, 2, 1))[0]
            answer = author.answer(question.subquestions, count)
            headings = ["BIJLAGE"] if count == 1 and rng.random() < 0.6 else \
                [f"Bijlage {n}" for n in range(1, count + 1)]
            annexes = [author.annex(heading) for heading in headings]
        layout = _layout(kind, item.date, rng)
        style = Style.draw(rng)
        notes: list = []
        if layout == 4 and kind in ("answer", "coordinated"):
            answer, notes = text.modern_answer(author, answer, question.subquestions)
            reference = ["SV", str(rng.randint(1, 999)), "–"]
            annexes = [[["BIJLAGE"], [*reference, "Bijlage", "1"]]] if annexes else []
            annexes += [[[*reference, "Bijlage", str(n)]] for n in range(2, count + 1)]
        spec = FileSpec(layout, number, item.date, item.asker, seat, kind, question, joint,
                        answer, annexes)
        printed = render(spec, style, rng, notes)
        encoding = "cp1252" if rng.random() < 0.1 else "utf-8"
        name = file_name(seed, file_index, width)
        record = Record(
            id=record_id(iso, seat.person.name, number), number=number, date=iso,
            asker=item.asker.name, minister=seat.person.name, portfolio=seat.portfolio,
            title=" ".join(question.title),
            question="\n\n".join(" ".join(p) for p in question.paragraphs),
            answer="\n\n".join(text.clean(p) for p in answer), answer_kind=kind,
            coordinator=coordinator,
            joint=[JointMinister(m, n) for m, n in members] if joint else [],
            footnotes=[" ".join(note.clean) for note in [*question.footnotes, *notes]],
            annexes=["\n".join(" ".join(row) for row in annex) for annex in annexes],
            source=name,
        )
        stats = Counter({f"layout{layout}": 1, encoding: 1, kind: 1})
        yield name, printed.encode(encoding), record, stats


def _work(job: tuple[int, str, int, list[Plan], bool]) -> tuple[list[str], Counter]:
    """Write the files of some questions (and their metadata sidecars when asked);
    return their facts lines in file order."""
    seed, out_dir, width, items, with_metadata = job
    lines, stats = [], Counter()
    for item in items:
        for position, (name, data, record, counts) in enumerate(build(item, seed, width)):
            with open(os.path.join(out_dir, name), "wb") as handle:
                handle.write(data)
            if with_metadata:
                sidecar, record = metadata.sidecar(record, item.first_file + position, seed)
                stem = os.path.join(out_dir, name.rsplit(".", 1)[0])
                with open(stem + ".json", "w", encoding="utf-8", newline="\n") as handle:
                    json.dump(sidecar, handle, ensure_ascii=False, indent=1)
            lines.append(json.dumps({"file": name, "records": [record.to_json()]},
                                    ensure_ascii=False))
            stats.update(counts)
    return lines, stats


def generate(count: int, seed: int, out_dir: str | Path, jobs: int = 1,
             with_metadata: bool = False) -> Summary:
    """Write `count` files and `facts.jsonl` into out_dir (created if missing); with
    `with_metadata`, a `<name>.json` sidecar per file too (synth/metadata.py), and the
    facts hold the official fields the sidecars give."""
    if count < 1:
        raise ValueError("count must be at least 1")
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    plans = plan(count, seed)
    width = max(6, len(str(count - 1)))
    work = [(seed, str(out), width, plans[i:i + CHUNK], with_metadata)
            for i in range(0, len(plans), CHUNK)]
    stats: Counter = Counter()
    with open(out / "facts.jsonl", "w", encoding="utf-8", newline="\n") as facts:
        if jobs > 1 and len(work) > 1:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            with multiprocessing.get_context(method).Pool(jobs) as pool:
                results = pool.imap(_work, work)
                for lines, counts in results:
                    facts.write("".join(line + "\n" for line in lines))
                    stats.update(counts)
        else:
            for job in work:
                lines, counts = _work(job)
                facts.write("".join(line + "\n" for line in lines))
                stats.update(counts)
    written = {file_name(seed, index, width) for index in range(count)}
    stale = sum(1 for entry in os.scandir(out) if entry.name.endswith(".txt")
                and entry.name not in written)
    return Summary(count, len(plans), time.perf_counter() - started, out, stats, stale)


__all__ = ["Summary", "generate", "plan", "build", "file_name"]
