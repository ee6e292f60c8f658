"""Turn a parsed query tree into a Whoosh query, and collect what to highlight.

Plain words go through the stemmed analyzer into the stemmed text fields; phrases and
prefixes go to the exact fields (not stemmed, stop words kept, with positions); the
name fields are resolved against the names the index holds, so `minister:somers`
finds `Bart Somers` whatever the case or accents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh import query as wq

from index.analysis import analyze, fold, phrase_terms
from index.schema import EXACT_SUFFIX
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
    def __init__(self, reader, columns: Columns):
        self.reader = reader
        self.columns = columns
        self.highlights = Highlights()
        self.notices: list[str] = []

    def compile(self, node: Node | None, typed: str = "") -> wq.Query:
        if node is None:
            if typed.strip():
                self.notices.append("De zoekvraag bevat geen zoekwoorden.")
                return wq.NullQuery
            return wq.Every()
        result = self._node(node, positive=True)
        return result if result is not None else wq.NullQuery

    def _node(self, node: Node, positive: bool) -> wq.Query | None:
        if isinstance(node, Word):
            return self._word(node, positive)
        if isinstance(node, Phrase):
            return self._phrase(node, positive)
        if isinstance(node, Not):
            inner = self._node(node.child, not positive)
            return None if inner is None else wq.Not(inner)
        children = [self._node(child, positive) for child in node.children]
        children = [c for c in children if c is not None]
        if not children:
            return None
        if isinstance(node, Or):
            return children[0] if len(children) == 1 else wq.Or(children)
        assert isinstance(node, And)
        positives = [c for c in children if not isinstance(c, wq.Not)]
        negatives = [c.query for c in children if isinstance(c, wq.Not)]
        base = (positives[0] if len(positives) == 1 else wq.And(positives)) if positives \
            else wq.Every()
        if not negatives:
            return base
        return wq.AndNot(base, negatives[0] if len(negatives) == 1 else wq.Or(negatives))

    # -- leaves
    def _fields(self, fieldname: str | None) -> tuple[str, ...]:
        return (fieldname,) if fieldname in TEXT_FIELDS else TEXT_FIELDS

    def _word(self, node: Word, positive: bool) -> wq.Query | None:
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
        per_term = [wq.Or([wq.Term(f, t) for f in fields]) if len(fields) > 1
                    else wq.Term(fields[0], t) for t in dict.fromkeys(terms)]
        return per_term[0] if len(per_term) == 1 else wq.And(per_term)

    def _prefix(self, node: Word, positive: bool) -> wq.Query | None:
        text = fold(node.text)
        fields = [f + EXACT_SUFFIX for f in self._fields(node.field)]
        expanded = set()
        for fieldname in fields:
            for term in self.reader.expand_prefix(fieldname, text):
                expanded.add(term)
                if len(expanded) > MAX_PREFIX_TERMS:
                    raise QueryError(f"Het voorvoegsel '{node.text}*' past op meer dan "
                                     f"{MAX_PREFIX_TERMS} woorden; maak het langer.")
        if not expanded:
            return wq.NullQuery
        if positive:
            self.highlights.prefixes.add(text)
        return wq.Or([wq.Prefix(f, text) for f in fields])

    def _phrase(self, node: Phrase, positive: bool) -> wq.Query | None:
        if node.field in ("minister", "asker"):
            return self._name(node.field, node.text)
        words = exact_terms(node.text)
        if not words:
            return None
        fields = [f + EXACT_SUFFIX for f in self._fields(node.field)]
        if positive:
            if len(words) == 1:
                self.highlights.words.add(words[0])
            else:
                self.highlights.phrases.append(words)
        if len(words) == 1:
            parts = [wq.Term(f, words[0]) for f in fields]
        else:
            parts = [wq.Phrase(f, words, slop=node.slop + 1) for f in fields]
        return parts[0] if len(parts) == 1 else wq.Or(parts)

    def _name(self, fieldname: str, value: str) -> wq.Query:
        if fieldname == "minister":
            codes, values = self.columns.minister_codes(value), self.columns.minister_values
            label = "minister"
        else:
            codes, values = self.columns.asker_codes(value), self.columns.asker_values
            label = "vraagsteller"
        if not codes:
            self.notices.append(f"Geen {label} gevonden met de naam '{value}'.")
            return wq.NullQuery
        terms = [wq.Term(fieldname, values[code]) for code in codes]
        return terms[0] if len(terms) == 1 else wq.Or(terms)
