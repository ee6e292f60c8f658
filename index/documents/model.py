"""The document model: one record per question put to one minister, with its answer.

A question put to several ministers at once becomes one record per minister; the
records share a ``group`` key so that search can show the question once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field

from index.documents.dates import session_year

ANSWER_KINDS = ("answer", "coordinated", "referral", "none")

# Field order of the public JSON contract of `vraagbaak parse --json`.
RECORD_FIELDS = (
    "id", "number", "date", "asker", "minister", "portfolio", "title", "question",
    "answer", "answer_kind", "coordinator", "joint", "footnotes", "annexes", "source",
    # Added later; only ever appended to the contract (nullable, or empty lists).
    "warnings", "parliament_id", "url", "themes", "asked", "answered", "on_time", "session",
)

# Defaults for the fields a stored record or an older JSON file may lack.
_OPTIONAL_DEFAULTS = {
    "coordinator": None, "footnotes": [], "annexes": [], "source": "", "warnings": [],
    "parliament_id": None, "url": None, "themes": [], "asked": None, "answered": None,
    "on_time": None, "session": None,
}


class DocumentError(Exception):
    """A file that cannot become records; the message is a one-line reason."""


class ReadError(DocumentError):
    """The file could not be read or decoded."""


class ParseError(DocumentError):
    """The text was read but a required field could not be found."""


@dataclass(frozen=True)
class JointMinister:
    """One addressee of a joint question, with the number it got from that minister."""

    minister: str
    number: int


@dataclass
class Record:
    id: str
    number: int
    date: str
    asker: str
    minister: str
    portfolio: str
    title: str
    question: str
    answer: str
    answer_kind: str
    coordinator: str | None = None
    joint: list[JointMinister] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    annexes: list[str] = field(default_factory=list)
    source: str = ""
    # What the parser was unsure of: one short sentence each; empty when sure.
    warnings: list[str] = field(default_factory=list)
    # Official metadata from the parliament's open data (None / empty without it).
    parliament_id: str | None = None
    url: str | None = None
    themes: list[str] = field(default_factory=list)
    asked: str | None = None
    answered: str | None = None
    on_time: bool | None = None
    session: str | None = None

    def __post_init__(self) -> None:
        # The zittingsjaar follows from the date by rule; official metadata may set it instead.
        if self.session is None and self.date:
            self.session = session_year(dt.date.fromisoformat(self.date))

    @property
    def group(self) -> str:
        """Key shared by the records of one joint question (its own id otherwise)."""
        return group_key(self.date, self.asker, self.joint) or self.id

    def to_json(self) -> dict:
        data = asdict(self)
        return {name: data[name] for name in RECORD_FIELDS}

    @classmethod
    def from_json(cls, data: dict) -> Record:
        values = {
            name: data[name] if name in data else _copy_default(name) for name in RECORD_FIELDS
        }
        values["joint"] = [
            JointMinister(j["minister"], int(j["number"])) for j in data.get("joint") or []
        ]
        return cls(**values)


def _copy_default(name: str):
    if name not in _OPTIONAL_DEFAULTS:
        raise KeyError(name)
    value = _OPTIONAL_DEFAULTS[name]
    return list(value) if isinstance(value, list) else value


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: URL-safe and stable."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def record_id(date: str, minister: str, number: int) -> str:
    """Date, minister and number together are unique; each alone repeats."""
    return f"{date}-{slug(minister)}-{number}"


def group_key(date: str, asker: str, joint: list[JointMinister]) -> str | None:
    if not joint:
        return None
    members = ";".join(sorted(f"{slug(j.minister)}:{j.number}" for j in joint))
    digest = hashlib.sha1(members.encode(), usedforsecurity=False).hexdigest()[:10]
    return f"{date}-{slug(asker)}-{digest}"
