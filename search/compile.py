"""Turn a parsed query tree into a plan (search/plan.py), and collect what to highlight.

Plain words are stemmed and expanded to every indexed exact word with that stem
(search/vocab.py), so all inflections match; phrases and prefixes go to the exact
fields as typed (not stemmed, stop words kept, with positions); the name fields are
resolved against the names the index holds, so `minister:somers` finds `Bart Somers`
whatever the case or accents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.analysis import analyze, fold, phrase_terms
from index.schema import EXACT_SUFFIX
from search import plan as p
from search.columns import Columns
from search.query import TEXT_FIELDS, And, Node, Not, Or, Phrase, QueryError, Word

MAX_PREFIX_TERMS = 1000


def stemmed_terms(text: str) -> list[str]:
    """Query terms of a plain word: compound parts only, stemmed."""
    return analyze(text, exact=False, mode="query")


def exact_terms(text: str) -> list[str]:
    """Terms of a quoted phrase, one per consecutive position."""
    return phrase_terms(text)


@dataclass
class Highlights:
    """What a snippet should mark: stems of words, exact words and exact sequences."""

    stems: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    phrases: list[list[str]] = field(default_factory=list)
    plain_words: list[str] = field(default_factory=list)


class Compiler:
    def __init__(self, reader, columns: Columns, vocabulary):
        self.reader = reader
        self.columns = columns
        self.vocabulary = vocabulary
        self.highlights = Highlights()
        self.notices: list[str] = []

    def compile(self, node: Node | None, typed: str = "") -> p.Plan:
        if node is None:
            if typed.strip():
                self.notices.append("De zoekvraag bevat geen zoekwoorden.")
                return p.Nothing()
            return p.Everything()
        result = self._node(node, positive=True)
        if result is None:  # only signs or stop words: say so rather than find nothing
            self.notices.append("De zoekvraag bevat geen zoekwoorden.")
            return p.Nothing()
        return result

    def _node(self, node: Node, positive: bool) -> p.Plan | None:
        if isinstance(node, Word):
            return self._word(node, positive)
        if isinstance(node, Phrase):
            return self._phrase(node, positive)
        if isinstance(node, Not):
            inner = self._node(node.child, not positive)
            return None if inner is None else p.Without(p.Everything(), inner)
        children = [self._node(child, positive) for child in node.children]
        children = [c for c in children if c is not None]
        if not children:
            return None
        if isinstance(node, Or):
            return children[0] if len(children) == 1 else p.AnyOf(children)
        assert isinstance(node, And)
        positives = [c for c in children if not _negated(c)]
        negatives = [c.exclude for c in children if _negated(c)]
        base = (positives[0] if len(positives) == 1 else p.AllOf(positives)) if positives \
            else p.Everything()
        if not negatives:
            return base
        return p.Without(base, negatives[0] if len(negatives) == 1 else p.AnyOf(negatives))

    # -- leaves
    def _fields(self, fieldname: str | None) -> tuple[str, ...]:
        names = (fieldname,) if fieldname in TEXT_FIELDS else TEXT_FIELDS
        return tuple(name + EXACT_SUFFIX for name in names)

    def _word(self, node: Word, positive: bool) -> p.Plan | None:
        if node.field in ("minister", "asker"):
            return self._name(node.field, node.text)
        if node.prefix:
            return self._prefix(node, positive)
        terms = stemmed_terms(node.text)
        if not terms:
            if exact_terms(node.text):
                self.notices.append(f"'{node.text}' is een stopwoord en werd overgeslagen; "
                                    f"zet het tussen aanhalingstekens om er exact op te zoeken.")
            return None
        if positive:
            self.highlights.stems.update(terms)
            self.highlights.plain_words.append(node.text)
        fields = self._fields(node.field)
        per_stem = [p.Words(fields, tuple(self.vocabulary.forms(stem)))
                    for stem in dict.fromkeys(terms)]
        return per_stem[0] if len(per_stem) == 1 else p.AllOf(per_stem)

    def _prefix(self, node: Word, positive: bool) -> p.Plan | None:
        text = fold(node.text)
        fields = self._fields(node.field)
        expanded: set[str] = set()
        for fieldname in fields:
            for term in self.reader.expand_prefix(fieldname, text):
                expanded.add(term.decode("utf-8") if isinstance(term, bytes) else term)
                if len(expanded) > MAX_PREFIX_TERMS:
                    raise QueryError(f"Het voorvoegsel '{node.text}*' past op meer dan "
                                     f"{MAX_PREFIX_TERMS} woorden; maak het langer.")
        if not expanded:
            return p.Nothing()
        if positive:
            self.highlights.prefixes.add(text)
        return p.Words(fields, tuple(sorted(expanded)))

    def _phrase(self, node: Phrase, positive: bool) -> p.Plan | None:
        if node.field in ("minister", "asker"):
            return self._name(node.field, node.text)
        words = exact_terms(node.text)
        if not words:
            return None
        fields = self._fields(node.field)
        if positive:
            if len(words) == 1:
                self.highlights.words.add(words[0])
            else:
                self.highlights.phrases.append(words)
        if len(words) == 1:
            return p.Words(fields, (words[0],))
        return p.Sequence(fields, tuple(words), node.slop + 1)

    def _name(self, fieldname: str, value: str) -> p.Plan:
        if fieldname == "minister":
            codes, label = self.columns.minister_codes(value), "minister"
        else:
            codes, label = self.columns.asker_codes(value), "vraagsteller"
        if not codes:
            self.notices.append(f"Geen {label} gevonden met de naam '{value}'.")
            return p.Nothing()
        return p.Names(fieldname, tuple(codes))


def _negated(plan: p.Plan) -> bool:
    return isinstance(plan, p.Without) and isinstance(plan.base, p.Everything)
