"""The clean content of a question and its answers, as lists of tokens per paragraph.

Tokens never contain spaces; a paragraph's clean text is its tokens joined by single spaces.
Layouts and artefacts (layouts.py) only decide how tokens are printed, never what they are.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from synth.vocabulary import ACCENT_VARIANTS, AREAS, COMMON, SALAD, SALAD_CUM

Paragraph = list[str]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_INTRO = (
    "Uit cijfers van {P} blijkt dat {S} {P} {S}.",
    "Volgens {P} {L}.",
    "Sinds {Y} {S} {P} {L}.",
    "Het is belangrijk dat {P} {S} {P}.",
    "Daarom is inzetten op {P} nodig.",
    "Ook het decreet voorziet in {S} {P} {S}.",
    "Eerder dit jaar {L} {P}.",
    "Recent {S} {P}, {S} {P} {S}.",
    "Daarbij worden ook {P} als een cruciale partner gezien.",
    "Bovendien {L} {P}.",
    "Uit een bevraging bij {P} blijkt dat {N} {P} {S}.",
)
_QUESTION = (
    "Welke maatregelen neemt de minister om {P} {S} te {V}?",
    "Hoeveel {P} werden er in {Y} {S}?",
    "Kan de minister een overzicht geven van {P} per provincie, voor de jaren {Y} tot en met {Y2}?",
    "Is de minister op de hoogte van {S} {P}?",
    "Zal de minister {P} {S} {V}?",
    "Wat is de stand van zaken van {P}?",
    "Hoe evalueert de minister {P} {S}?",
    "Zijn er plannen om {P} {S} te {V}?",
    "Welke {P} {S} {P}?",
    "Hoe verlopen {P} {S}? Welke lessen kunnen we trekken uit {P}?",
    "Zijn er ondersteuningsmaatregelen vanuit de Vlaamse overheid om {P} {S} te {V}?",
    "Welke initiatieven zal de minister nemen om {P} te {V}?",
)
_ANSWER = (
    "In {Y} werden {N} {P} {S}.",
    "Het budget bedraagt {A} euro.",
    "Dat is een stijging van {PCT} procent ten opzichte van {Y}.",
    "Ik verwijs naar {P} {S}.",
    "Dit creëert {S} {P}.",
    "De aanpak wordt gecoördineerd door {P}.",
    "Op dit moment {L} {P}.",
    "Momenteel {S} {P} {S} {P}.",
    "Via {P} {S} {V}.",
    "Concreet gaat het om {N} {P} {S}.",
    "De samenwerking is de verantwoordelijkheid van {P} zelf.",
    "Zoals eerder meegedeeld, {L} {P}.",
    "Voor de beleids- en beheerscyclus {Y} - {Y2} werden {N} aanvragen {S} goedgekeurd.",
    "Ik zal {P} {S} blijven {V}.",
)
_STARTERS = _words(
    "De Het In Daarnaast Ook Voor Dit Er Zo Daarbij Bovendien Verder Tegelijk Hierbij Wij Ik "
    "Toch Daarom Vandaag Intussen"
)
_VERBS = _words(
    "versterken ondersteunen stimuleren verbeteren evalueren opvolgen uitbreiden motiveren "
    "vereenvoudigen bijsturen creëren"
)
_SUBTITLES = (
    "Betrokkenheid en rol {P}", "Stand van zaken", "Evolutie sinds {Y}", "Cijfers per provincie",
    "Ondersteuning van {P}", "Gevolgen voor {P}", "Aanpak", "Opvolging", "Evaluatie",
    "Bijkomende middelen", "Samenwerking met {P}", "Rol van {P}", "Wachtlijsten",
)
_ORGS = (
    "Statistiek Vlaanderen", "het Agentschap Opgroeien", "de VDAB", "het Departement Omgeving",
    "het Rekenhof", "de VVSG",
)
_PROVINCES = (
    "Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen",
)
_TOWNS = _words(
    "Aalst Antwerpen Brugge Dendermonde Genk Gent Hasselt Herentals Kortrijk Leuven Lier "
    "Lokeren Mechelen Mol Oostende Roeselare Ronse Sint-Niklaas Tienen Tongeren Turnhout "
    "Vilvoorde Waregem Wetteren Zottegem Geel Ieper Beveren"
)
_STATUS = ("goedgekeurd", "in behandeling", "afgewezen", "lopend")


def _parse(template: str) -> tuple[tuple[str, str], ...]:
    """Split a template into (slot or "", literal-or-suffix) pairs once."""
    parts = []
    for token in template.split():
        match = re.fullmatch(r"\{(\w+)\}(.*)", token)
        parts.append((match.group(1), match.group(2)) if match else ("", token))
    return tuple(parts)


_INTRO_T = tuple(_parse(t) for t in _INTRO)
_QUESTION_T = tuple(_parse(t) for t in _QUESTION)
_ANSWER_T = tuple(_parse(t) for t in _ANSWER)
_SUBTITLE_T = tuple(_parse(t) for t in _SUBTITLES)
_COMMON_T = tuple(tuple(p.split()) for p in COMMON)


def template_words() -> set[str]:
    """Lowercase words of all templates, for the lexicon."""
    words: set[str] = set()
    for text in (*_INTRO, *_QUESTION, *_ANSWER, *_SUBTITLES, *_STARTERS, *_VERBS, *_ORGS,
                 *_TOWNS, *_STATUS, "Een gecoördineerd antwoord zal worden verstrekt door "
                 "mevrouw de heer betreffende tot concreet gaat het om overzicht aantal "
                 "provincie gemeente dossiers status werkjaar percentage bedrag totaal bron zie "
                 "ook vindt u een in bijlage"):
        words.update(re.findall(r"[a-zàáâäçèéêëíîïñóôöúûü]+", text.lower()))
    return words


@dataclass
class Footnote:
    clean: Paragraph
    misreadable: bool = False  # holds `§n` and `Vl.` that extraction may misread


@dataclass
class Question:
    """The shared part of all files of one question."""

    title: Paragraph
    paragraphs: list[Paragraph]  # intro paragraphs, then numbered sub-questions
    subquestions: int
    footnotes: list[Footnote] = field(default_factory=list)


class Writer:
    """Builds clean paragraphs from one random stream, for one question's policy areas."""

    def __init__(self, rng: random.Random, areas: tuple[str, ...], year: int):
        self.rng = rng
        phrases: list[tuple[str, ...]] = []
        for area in areas:
            phrases += [tuple(p.split()) for p in AREAS[area][1]]
        self.phrases = phrases or list(_COMMON_T)
        self.topics = [t for area in areas for t in AREAS[area][0]] or ["Sociale economie"]
        self.year = year

    # -- words ---------------------------------------------------------------------------
    def _vary(self, tokens: tuple[str, ...] | list[str]) -> list[str]:
        out = []
        for token in tokens:
            if token in ACCENT_VARIANTS and self.rng.random() < 0.35:
                token = ACCENT_VARIANTS[token]
            out.append(token)
        return out

    def phrase(self) -> list[str]:
        rng = self.rng
        source = self.phrases if rng.random() < 0.65 else _COMMON_T
        return self._vary(source[int(rng.random() * len(source))])

    def filler(self, low: int, high: int) -> list[str]:
        return self.rng.choices(SALAD, cum_weights=SALAD_CUM, k=self.rng.randint(low, high))

    def _slot(self, slot: str) -> list[str]:
        rng = self.rng
        if slot == "P":
            return self.phrase()
        if slot == "S":
            return self.filler(2, 6)
        if slot == "L":
            return self.filler(6, 14)
        if slot == "V":
            return self._vary([rng.choice(_VERBS)])
        if slot == "Y":
            return [str(self.year - rng.randint(0, 4))]
        if slot == "Y2":
            return [str(self.year + rng.randint(0, 5))]
        if slot == "N":
            return [str(rng.randint(2, 400))]
        if slot == "A":
            return [f"{rng.randint(1, 99)}.{rng.randint(0, 999):03d}.{rng.randint(0, 999):03d}"]
        if slot == "PCT":
            return [f"{rng.randint(1, 40)},{rng.randint(0, 9)}"]
        raise KeyError(slot)

    def fill(self, template: tuple[tuple[str, str], ...]) -> list[str]:
        out: list[str] = []
        for slot, text in template:
            if not slot:
                if text in ACCENT_VARIANTS and self.rng.random() < 0.35:
                    text = ACCENT_VARIANTS[text]
                out.append(text)
                continue
            words = self._slot(slot)
            if text:
                words[-1] += text
            out += words
        return out

    # -- sentences -----------------------------------------------------------------------
    def free_sentence(self, end: str = ".") -> list[str]:
        rng = self.rng
        words = [rng.choice(_STARTERS), *self.filler(3, 10), *self.phrase(), *self.filler(2, 9)]
        if rng.random() < 0.5:
            words += [*self.phrase(), *self.filler(1, 5)]
        if rng.random() < 0.3:
            at = rng.randint(1, len(words) - 2)
            words[at] += ","
        words[-1] += end
        return words

    def sentence(self, templates: tuple, free: float = 0.5) -> list[str]:
        """A template sentence, or with chance `free` one of filler around phrases."""
        words = self.free_sentence() if self.rng.random() < free \
            else self.fill(self.rng.choice(templates))
        words[0] = words[0][:1].upper() + words[0][1:]
        return words

    def paragraph(self, templates: tuple, low: int, high: int) -> Paragraph:
        words: Paragraph = []
        for _ in range(self.rng.randint(low, high)):
            words += self.sentence(templates)
        return words

    # -- parts ---------------------------------------------------------------------------
    def title(self) -> Paragraph:
        rng = self.rng
        topic = rng.choice(self.topics).split()
        if rng.random() < 0.15:
            return topic + ["en", *self.phrase()]
        sub = self.fill(rng.choice(_SUBTITLE_T))
        sub[0] = sub[0][:1].upper() + sub[0][1:]
        return [*topic, "-", *sub]

    def footnote(self, number: int) -> Footnote:
        rng, y = self.rng, self.year
        kind = rng.random()
        if kind < 0.45:
            day, month = rng.randint(1, 28), rng.choice(("januari", "maart", "juni", "oktober"))
            law = ["Decr.", "Vl."] if rng.random() < 0.6 else ["Besl.", "Vl.", "Reg."]
            year = y - rng.randint(2, 12)
            words = [f"[{number}]", "Art.", f"{rng.randint(1, 60)},", f"§{rng.randint(1, 5)}",
                     *law, str(day), month, str(year), "betreffende", *self.phrase(),
                     *self.filler(2, 8), *self.phrase() + [","], "BS",
                     str(rng.randint(1, 28)), "april", f"{year}."]
            words = _fix_commas(words)
            return Footnote(words, misreadable=True)
        if kind < 0.65:
            path = "-".join(re.findall(r"[a-z]+", " ".join(self.phrase()).lower())) or "beleid"
            return Footnote([f"[{number}]", f"https://www.vlaanderen.be/{path}"])
        if kind < 0.85:
            org = rng.choice(_ORGS).split()
            return Footnote([f"[{number}]", "Bron:", *org[:-1], org[-1] + ",",
                             *self.phrase(), f"{y - 1}."])
        return Footnote([f"[{number}]", "Zie", "ook", *self.phrase(), *self.filler(2, 6)[:-1],
                         self.filler(1, 1)[0] + "."])

    def question(self) -> Question:
        rng = self.rng
        intro = [self.paragraph(_INTRO_T, 2, 5) for _ in range(rng.randint(1, 3))]
        footnotes: list[Footnote] = []
        if rng.random() < 0.4:  # markers after sentence ends, numbered in reading order
            ends = [(p, i) for p, para in enumerate(intro) for i, w in enumerate(para)
                    if w[-1] in ".?"]
            chosen = sorted(rng.sample(ends, min(len(ends), rng.randint(1, 3))))
            for number, (p, i) in enumerate(chosen, 1):
                intro[p][i] += f"[{number}]"
                footnotes.append(self.footnote(number))
        count = rng.randint(2, 8)
        subs = []
        for number in range(1, count + 1):
            words = [f"{number}.", *self.sentence(_QUESTION_T, free=0.0)]
            if rng.random() < 0.25:  # a sentence of context, then the question
                words[1:1] = self.sentence(_INTRO_T, free=0.5)
            subs.append(words)
        return Question(self.title(), intro + subs, count, footnotes)

    def answer(self, subquestions: int, annexes: int) -> list[Paragraph]:
        rng = self.rng
        paras: list[Paragraph] = []
        if rng.random() < 0.35:
            paras.append(self.paragraph(_ANSWER_T, 1, 3))
        if rng.random() < 0.2:  # an answer that does not number its replies
            paras += [self.paragraph(_ANSWER_T, 2, 5) for _ in range(rng.randint(2, 5))]
        else:
            first = 1
            while first <= subquestions:
                last = first
                if rng.random() < 0.25:
                    last = min(subquestions, first + rng.randint(1, 2))
                label = f"{first}." if last == first else f"{first}-{last}."
                paras += self._reply(label)
                first = last + 1
        if annexes:
            target = rng.choice([p for p in paras if len(p) > 3])
            target += ["In", "bijlage", "1", "vindt", "u", "een", "overzicht", "van",
                       *self.phrase()[:-1], self.phrase()[-1] + "."]
        if rng.random() < 0.2:
            paras.append(self.paragraph(_ANSWER_T, 1, 2))
        return paras

    def _reply(self, label: str) -> list[Paragraph]:
        rng = self.rng
        paras: list[Paragraph] = []
        paras.append([label, *self.paragraph(_ANSWER_T, 2, 5)])
        if rng.random() < 0.12:  # short bullet-like lines, each its own paragraph
            paras.append(["Concreet", "gaat", "het", "om:"])
            for _ in range(rng.randint(2, 5)):
                paras.append([str(rng.randint(2, 60)), *self.phrase()])
        for _ in range(rng.choices((0, 1, 2), (5, 3, 1))[0]):
            paras.append(self.paragraph(_ANSWER_T, 1, 4))
        return paras

    def annex(self, heading: str) -> list[list[str]]:
        """Rows of cells: the heading, a title, then a flattened table."""
        rng = self.rng
        kind = rng.random()
        phrase = " ".join(self.phrase())
        if kind < 0.4:
            title = f"Overzicht {phrase} per provincie"
            rows = [["Provincie", "Aantal", "Bedrag (euro)"]]
            for name in _PROVINCES:
                rows.append([name, str(rng.randint(1, 90)), _amount(rng)])
            rows.append(["Totaal", str(rng.randint(100, 400)), _amount(rng)])
        elif kind < 0.75:
            title = f"Overzicht goedgekeurde dossiers {self.year}"
            rows = [["Gemeente", "Dossiers", "Status"]]
            for name in rng.sample(_TOWNS, rng.randint(3, 12)):
                rows.append([name, str(rng.randint(1, 30)), rng.choice(_STATUS)])
        else:
            title = f"Aantal {phrase} per werkjaar"
            rows = [["Werkjaar", "Aantal", "Aandeel"]]
            for year in range(self.year - rng.randint(2, 5), self.year + 1):
                rows.append([f"Werkjaar {year}", str(rng.randint(10, 900)),
                             f"{rng.randint(1, 60)},{rng.randint(0, 9)}%"])
        return [[heading], [title], *rows]


def _amount(rng: random.Random) -> str:
    return f"{rng.randint(1, 999)}.{rng.randint(0, 999):03d}"


def _fix_commas(words: list[str]) -> list[str]:
    """Join a stray "," token onto the word before it."""
    out: list[str] = []
    for word in words:
        if word == "," and out:
            out[-1] += ","
        else:
            out.append(word)
    return out


def referral(female: bool, name: str, portfolio: str, rng: random.Random) -> Paragraph:
    """`Een gecoördineerd antwoord zal worden verstrekt door mevrouw X, <portfolio>.`"""
    coordinated = "gecoördineerd" if rng.random() < 0.7 else "gecoordineerd"
    names = name.split()
    return ["Een", coordinated, "antwoord", "zal", "worden", "verstrekt", "door",
            *(["mevrouw"] if female else ["de", "heer"]), *names[:-1], names[-1] + ",",
            *portfolio.split()[:-1], portfolio.split()[-1] + "."]


def joint_sentence(members: list[tuple[str, int]]) -> Paragraph:
    """`Deze vraag werd gesteld aan de ministers A (1), B (2) en C (3).`"""
    words = ["Deze", "vraag", "werd", "gesteld", "aan", "de", "ministers"]
    for index, (name, number) in enumerate(members):
        if index == len(members) - 1:
            words.append("en")
        words += name.split()
        tail = "." if index == len(members) - 1 else ("," if index < len(members) - 2 else "")
        words.append(f"({number}){tail}")
    return words


class Table(list):
    """A table paragraph: `rows` of cells (header first). As a Paragraph it holds all
    cells in reading order, so code that counts words still works."""

    def __init__(self, rows: list[list[str]]):
        super().__init__(word for row in rows for cell in row for word in cell.split())
        self.rows = rows


def clean(paragraph: Paragraph) -> str:
    """The clean text of a paragraph: a table is one row a line, cells ` | `-separated."""
    if isinstance(paragraph, Table):
        return "\n".join(" | ".join(row) for row in paragraph.rows)
    return " ".join(paragraph)


_TABLE_HEADS = (("Jaar", "Aantal dossiers", "Bedrag (euro)", "Aandeel"),
                ("Provincie", "Aantal", "Bedrag (euro)"),
                ("Jaar", "Aanvragen", "Goedgekeurd", "Percentage goedgekeurd"))


def _table_value(column: str, rng: random.Random) -> str:
    if "Bedrag" in column:
        return f"{rng.randint(1, 999)}.{rng.randint(0, 999):03d},00"
    if "Aandeel" in column or "Percentage" in column:
        return f"{rng.randint(0, 99)},{rng.randint(0, 99):02d}%"
    return str(rng.randint(0, 2000))


def modern_answer(writer: Writer, paragraphs: list[Paragraph], subquestions: int
                  ) -> tuple[list[Paragraph], list[Footnote]]:
    """What 2024-2026 answers add: a table after a caption, a bullet list, footnotes
    with markers glued to a word (`bedrag[1]` in clean form). Returns the answer and
    its footnotes (`[n] text`)."""
    rng = writer.rng
    paras = [list(p) for p in paragraphs]
    # a table goes where the next paragraph cannot pass for a cell (long, or numbered)
    spots = [i for i in range(1, len(paras) + 1) if i == len(paras)
             or len(" ".join(paras[i])) > 60 or re.fullmatch(r"\d+(-\d+)?\.", paras[i][0])]
    if rng.random() < 0.35 and spots:
        at = rng.choice(spots)
        head = rng.choice(_TABLE_HEADS)
        caption = ["Tabel", f"{rng.randint(1, 4)}:", "overzicht", "van", *writer.phrase()]
        caption[-1] += "."
        rows = [list(head)]
        first = writer.year - rng.randint(3, 6)
        keys = [str(y) for y in range(first, writer.year + 1)] if head[0] == "Jaar" \
            else list(_PROVINCES)
        for key in keys:
            row = [key]
            for name in head[1:]:
                row.append("" if rng.random() < 0.04 else _table_value(name, rng))
            if not any(row[1:]):  # a row has at least one value
                row[-1] = _table_value(head[-1], rng)
            rows.append(row)
        if head[0] == "Jaar" and rng.random() < 0.5:
            rows.append(["Eindtotaal", *[_table_value(name, rng) for name in head[1:]]])
        if not rows[-1][-1]:  # an empty last cell would leave no line behind
            rows[-1][-1] = _table_value(head[-1], rng)
        paras[at:at] = [caption, Table(rows)]
    if rng.random() < 0.3 and paras:
        at = rng.randint(1, len(paras))
        intro = writer.sentence(_ANSWER_T, free=0.0)
        intro[-1] = intro[-1].rstrip(".") + ":"
        items = [["-", *writer.phrase(), *writer.filler(2, 8)] for _ in range(rng.randint(2, 4))]
        paras[at:at] = [intro, *items]
    notes: list[Footnote] = []
    if rng.random() < 0.3:
        candidates = [(p, i) for p, para in enumerate(paras) if not isinstance(para, Table)
                      for i, word in enumerate(para)
                      if re.fullmatch(r"[a-zà-ÿ]{4,}[.,]?", word)]
        for number, (p, i) in enumerate(
                sorted(rng.sample(candidates, min(len(candidates), rng.randint(1, 2)))), 1):
            word = paras[p][i]
            core = word.rstrip(".,")
            paras[p][i] = f"{core}[{number}]{word[len(core):]}"
            note = writer.footnote(number)
            notes.append(note)
    return paras, notes
