"""Turn the cleaned text of one document into records.

Three header layouts occur (see DESIGN.md); each header may come out on one line or
spread over several, so the header patterns match words separated by any whitespace
rather than fixed lines. A document holds one question and, usually, one minister's
answer to it; that is one record. When a required field cannot be found, ParseError
says which: no value is ever guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.documents.cleaner import Resolver, clean_document, reflow
from index.documents.dates import parse_dutch_date
from index.documents.model import JointMinister, ParseError, Record, record_id

_UP = "A-ZÀ-ÖØ-Þ"
# a word in capitals ends where a lowercase letter would go on (`VRIES Zie`: not `VRIES Z`)
_CAPS_WORD = rf"[{_UP}][{_UP}'’.\-]*(?![a-zß-öø-ÿ])"
_CAPS_NAME = rf"{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,6}}"
# A name in a header may wrap. Before `datum:` any whitespace may separate its words;
# at the end of the answer header a word on the next line belongs to the name only when
# that line holds nothing but capitals (the answer text follows after it).
_NAME_BEFORE_DATE = rf"{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,6}}"
_NAME_AT_END = rf"{_CAPS_WORD}(?:(?:[ ]|\n(?={_CAPS_NAME}(?:\n|$))){_CAPS_WORD}){{0,6}}"
_DATE = r"\d{1,2}\s+[a-z]+\s+\d{4}"

ANSWER_HEADER = re.compile(
    rf"(?P<coord>GECO[OÖ]RDINEERD\s+)?ANTWOORD\s+(?i:op\s+vraag\s+nr\.?)\s*(?P<number>\d+)"
    rf"\s+van\s+(?P<date>{_DATE})\s+van\s+(?P<asker>{_NAME_AT_END})"
)
ANSWER_WORD = re.compile(r"^(?:GECO[OÖ]RDINEERD\s+)?ANTWOORD\b")
QUESTION_HEADER = re.compile(
    rf"SCHRIFTELIJKE\s+VRAAG\s+(?i:nr\.?)\s*(?P<number>\d+)\s+van\s+(?P<asker>{_NAME_BEFORE_DATE})"
    rf"\s+(?i:datum)\s*:?\s*(?P<date>{_DATE})"
)
PORTFOLIO_START = re.compile(
    r"(?:VICE-?MINISTER-PRESIDENT|MINISTER-PRESIDENT|VLAAMS\s+MINISTER|MINISTER\s+VAN)\b"
)
JOINT_SENTENCE = re.compile(
    r"Deze\s+vraag\s+werd\s+gesteld\s+aan\s+(?P<list>.+?\(\s*\d+\s*\))\s*\.", re.DOTALL
)
JOINT_ENTRY = re.compile(r"(?P<name>[^,()]+?)\s*\(\s*(?P<number>\d+)\s*\)")
ROLE_WORDS = re.compile(
    r"^(?:(?:en|de|het|ministers?|minister-president|viceminister-president|vlaams|"
    r"viceministers-president|ministers-president)\s+)+",
    re.IGNORECASE,
)
REFERRAL = re.compile(
    r"geco[oö]rdineerde?\s+antwoord\b.{0,80}?\bdoor\s+"
    r"(?:(?:mevrouw|de\s+heer|heer|minister|viceminister-president|minister-president|"
    r"vlaams\s+minister)\s+)*(?P<name>[^,.;(]+)",
    re.IGNORECASE | re.DOTALL,
)
FOOTNOTE_START = re.compile(r"^\[(\d{1,3})\]\s*")
# `BIJLAGE`, `Bijlage 2: ...`, and with a document reference before it: `SV 209 – Bijlage 1`.
ANNEX_HEADING = re.compile(
    r"^(?:BIJLAGE[N]?\b.*|(?:[A-Z]{1,5}\s+\d{1,5}\s*[-–]\s*)?Bijlage\s+\d+\b(?:\s*[:.\-–].*)?)$"
)
TITLE_MAX_WORDS = 25
_MARKER_REF = re.compile(r"\[(\d{1,3})\]")


@dataclass
class MinisterBlock:
    first_line: int
    last_line: int
    name: str
    portfolio: str
    # the name was taken from the capitals after the date, with no `aan` or line of its own
    inferred: bool = False


def display_name(caps: str, known: list[str] = ()) -> str:
    """`SAM VAN ROOY` -> `Sam Van Rooy`, preferring a spelling the document gives."""
    caps = " ".join(caps.split())
    for name in known:
        if name.casefold() == caps.casefold():
            return name
    return " ".join(_title_word(word) for word in caps.split(" "))


def _title_word(word: str) -> str:
    parts = re.split(r"([\-'’])", word.lower())
    return "".join(part[:1].upper() + part[1:] for part in parts)


def _is_caps_name(text: str) -> bool:
    text = text.strip()
    return bool(re.fullmatch(_CAPS_NAME, text)) and len(text.split()) <= 6 \
        and not PORTFOLIO_START.search(text) and not ANSWER_WORD.match(text)


def _trailing_caps_name(text: str) -> str:
    """`... datum: 30 september 2024 JAN DE SMET` -> `JAN DE SMET` (headers run together)."""
    words = text.split()
    name: list[str] = []
    while words and re.fullmatch(_CAPS_WORD, words[-1]) and len(name) < 5:
        name.insert(0, words.pop())
    if len(name) < 2 or not words or words[-1].lower() == "van":
        return ""
    return " ".join(name)


def _strip_aan(text: str) -> str:
    return re.sub(r"^aan\s+", "", text.strip(), flags=re.IGNORECASE)


def find_minister_blocks(lines: list[str]) -> list[MinisterBlock]:
    """Minister name in capitals followed by the portfolio in capitals."""
    blocks = []
    i = 0
    while i < len(lines):
        line = lines[i]
        match = PORTFOLIO_START.search(line)
        if not match or re.search(r"[a-zà-ÿ]", line[match.start():].split(" ANTWOORD")[0]):
            i += 1
            continue
        before = _strip_aan(line[: match.start()])
        inferred = False
        if before:
            if not _is_caps_name(before):
                before = _trailing_caps_name(before)
                inferred = True
            if not before:
                i += 1
                continue
            name, first = before, i
        else:
            j = i - 1
            while j >= 0 and not lines[j]:
                j -= 1
            if j < 0 or i - j > 2 or not _is_caps_name(_strip_aan(lines[j])):
                i += 1
                continue
            name, first = _strip_aan(lines[j]), j
            k = j - 1
            while k >= 0 and not lines[k]:
                k -= 1
            if k >= 0 and lines[k].lower() == "aan":
                first = k
        portfolio_parts = [line[match.start():]]
        k = i + 1
        while k < len(lines) and lines[k] and not re.search(r"[a-zà-ÿ]", lines[k]) \
                and not ANSWER_WORD.match(lines[k]) and not lines[k].startswith("SCHRIFTELIJKE"):
            portfolio_parts.append(lines[k])
            k += 1
        portfolio = " ".join(portfolio_parts)
        portfolio = re.split(r"\s(?=(?:GECO[OÖ]RDINEERD\s+)?ANTWOORD\b)", portfolio)[0]
        blocks.append(MinisterBlock(first, k - 1, name, " ".join(portfolio.split()), inferred))
        i = k
    return blocks


class _Doc:
    """Cleaned lines plus offsets, so a regex over the text maps back to lines."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.text = "\n".join(lines)
        self.starts = []
        pos = 0
        for line in lines:
            self.starts.append(pos)
            pos += len(line) + 1

    def line_of(self, offset: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo


def _iso(date_text: str, what: str) -> str:
    date = parse_dutch_date(date_text)
    if date is None:
        raise ParseError(f"{what} date '{date_text}' is not a valid Dutch date")
    return date.isoformat()


def parse_text(text: str, source: str, resolve: Resolver) -> list[Record]:
    """Records for one document's text; ParseError names what is missing."""
    cleaned = clean_document(text, resolve)
    lines, logical = cleaned.lines, cleaned.continuation
    warnings: list[str] = []
    if not any(lines):
        raise ParseError("empty document")
    doc = _Doc(lines)
    blocks = find_minister_blocks(lines)
    qheader = QUESTION_HEADER.search(doc.text)
    answer = ANSWER_HEADER.search(doc.text)
    if answer is None and re.search(r"(?m)^(?:GECO[OÖ]RDINEERD\s+)?ANTWOORD\s*$", doc.text):
        raise ParseError("answer header is incomplete (no 'op vraag nr. N van DATE van ASKER')")

    # -- where the question starts (after its header) and where it ends
    first_content = next(i for i, line in enumerate(lines) if line)
    q_block = None
    if qheader is not None:
        q_start = doc.line_of(qheader.end()) + 1
        after = [b for b in blocks if b.first_line >= q_start - 1
                 and not any(lines[q_start:b.first_line])]
        if after:
            q_block = after[0]
            q_start = q_block.last_line + 1
    elif blocks and blocks[0].first_line == first_content and (
            answer is None or doc.line_of(answer.start()) > blocks[0].last_line + 1):
        q_block = blocks[0]
        q_start = q_block.last_line + 1
    else:
        q_start = first_content

    # -- metadata
    if answer is not None:
        number = int(answer.group("number"))
        date = _iso(answer.group("date"), "answer header")
        asker_caps = answer.group("asker")
    elif qheader is not None:
        number = int(qheader.group("number"))
        date = _iso(qheader.group("date"), "question header")
        asker_caps = qheader.group("asker")
    elif not blocks:
        raise ParseError("unknown layout: no question header, minister block or answer header")
    else:
        raise ParseError("no question number found: neither an answer header "
                         "nor a 'SCHRIFTELIJKE VRAAG nr.' header")
    if qheader is not None and answer is not None and int(qheader.group("number")) != number:
        raise ParseError(f"question header says nr. {qheader.group('number')}, "
                         f"answer header nr. {number}")

    if answer is not None:
        a_line = doc.line_of(answer.start())
        before = [b for b in blocks if b.last_line < a_line and b is not q_block
                  and b.first_line >= q_start]
        a_block = before[-1] if before else None
        q_end = a_block.first_line if a_block else a_line
    else:
        a_block = None
        q_end = len(lines)
    minister_block = a_block or q_block
    if minister_block is None:
        raise ParseError("no minister found (no name and portfolio in capitals)")

    # -- question part: title, body, footnotes, joint sentence
    q_lines = lines[q_start:q_end]
    q_text = "\n".join(q_lines)
    joint: list[JointMinister] = []
    joint_match = JOINT_SENTENCE.search(q_text)
    if joint_match:
        joint = _joint_list(joint_match.group("list"))
        q_text = q_text[: joint_match.start()]
    title, body_lines, footnotes = _split_question(q_text.split("\n"), logical)
    if not title:
        raise ParseError("no title found")
    if len(title.split()) > TITLE_MAX_WORDS:
        words = len(title.split())
        # No line-end sign and no blank line after the title: the question ran into it.
        # Its first line is the best reading (a title ends where its line ends).
        title, body_lines, footnotes = _split_question(q_text.split("\n"), True)
        warnings.append(f"title block has {words} words (over {TITLE_MAX_WORDS}): took its "
                        "first line as the title")
    if minister_block.inferred:
        warnings.append("minister read from the capitals after the date (no 'aan' before it)")

    known = [j.minister for j in joint]
    minister = display_name(minister_block.name, known)
    asker = display_name(asker_caps)
    question = "\n\n".join(reflow(body_lines, logical, warnings))
    if not question:
        raise ParseError("question text is empty")

    # -- answer part
    kind, coordinator, answer_text, annexes = "none", None, "", []
    if answer is not None:
        a_lines = lines[doc.line_of(answer.end()) + 1:]
        rest_of_header_line = doc.text[answer.end(): doc.starts[doc.line_of(answer.end())]
                                       + len(lines[doc.line_of(answer.end())])].strip()
        if rest_of_header_line:
            a_lines = [rest_of_header_line, *a_lines]
        body, annexes = _split_annexes(a_lines)
        answer_text = "\n\n".join(reflow(body, logical, warnings))
        if answer.group("coord"):
            kind = "coordinated"
        else:
            referral = REFERRAL.search(answer_text) if len(answer_text) < 800 else None
            if referral:
                kind = "referral"
                coordinator = display_name(" ".join(referral.group("name").split()), known)
            else:
                kind = "answer"
    footnotes += cleaned.notes
    warnings += _footnote_warnings(f"{question}\n{answer_text}", footnotes)
    return [Record(
        id=record_id(date, minister, number), number=number, date=date, asker=asker,
        minister=minister, portfolio=minister_block.portfolio, title=title,
        question=question, answer=answer_text, answer_kind=kind, coordinator=coordinator,
        joint=joint, footnotes=footnotes, annexes=annexes, source=source, warnings=warnings,
    )]


def _footnote_warnings(text: str, footnotes: list[str]) -> list[str]:
    """Markers without a footnote, footnotes without a marker."""
    marked = {int(n) for n in _MARKER_REF.findall(text)}
    noted = {int(m.group(1)) for note in footnotes if (m := FOOTNOTE_START.match(note))}
    return [f"footnote marker [{n}] has no footnote text" for n in sorted(marked - noted)] + \
        [f"footnote [{n}] has no marker in the text" for n in sorted(noted - marked)]


def _joint_list(text: str) -> list[JointMinister]:
    entries = []
    for match in JOINT_ENTRY.finditer(" ".join(text.split())):
        name = ROLE_WORDS.sub("", match.group("name").strip(" ,"))
        name = re.sub(r"^(?:en\s+)", "", name).strip()
        entries.append(JointMinister(name, int(match.group("number"))))
    return entries


def _split_question(lines: list[str], logical: bool = False
                    ) -> tuple[str, list[str], list[str]]:
    """Title, body lines, and footnotes (`[n] ...` lines at the end).

    The title is the first block up to a blank line; with logical lines (an extraction
    that ends each line that goes on with a space) it is the first line, since the
    question may follow it at once: the title ends where its line ends."""
    i = 0
    while i < len(lines) and not lines[i]:
        i += 1
    title_lines = []
    while i < len(lines) and lines[i]:
        title_lines.append(lines[i])
        i += 1
        if logical:
            break
    body, notes = [], []
    for line in lines[i:]:
        if FOOTNOTE_START.match(line):
            notes.append([line])
        elif notes and line:
            notes[-1].append(line)
        elif not notes:
            body.append(line)
    title = " ".join(" ".join(title_lines).split())
    return title, body, [" ".join(" ".join(n).split()) for n in notes]


def _split_annexes(lines: list[str]) -> tuple[list[str], list[str]]:
    """Answer body lines, and each annex as its heading line plus its rows."""
    body: list[str] = []
    annexes: list[list[str]] = []
    for line in lines:
        if len(line) <= 80 and ANNEX_HEADING.match(line):
            if annexes and len(annexes[-1]) == 1 and re.fullmatch(r"BIJLAGEN?", annexes[-1][0]):
                # `BIJLAGE` / `SV 209 – Bijlage 1`: the section heading names its annex
                annexes[-1].append(line)
                continue
            annexes.append([line])
        elif annexes:
            if line:
                annexes[-1].append(line)
        else:
            body.append(line)
    return body, ["\n".join(annex) for annex in annexes]
