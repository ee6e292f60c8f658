"""Turn a parsed query tree into a plan (search/plan.py), and collect what to highlight.

Plain words are stemmed and expanded to every indexed exact word with that stem
(search/vocab.py), so all inflections match, and to the index's marked part terms of
that stem (`+opvang`), so compounds that hold the word match too; phrases and prefixes
go to the exact fields as typed (not stemmed, stop words kept, with positions); the
name fields are resolved against the names the index holds, so `minister:somers` finds
`Bart Somers` whatever the case or accents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.indexing.analysis import analyze, fold, is_part_term, phrase_terms
from index.indexing.schema import EXACT_SUFFIX, TEXT_FIELDS
from search import plan as p
from search.columns import Columns
from search.phrases import phrase_variants
from search.query import NAME_FIELDS, And, Node, Not, Or, Phrase, QueryError, Word

MAX_PREFIX_TERMS = 1000
# What one occurrence of another form of the word's stem (inflections, lemma-map
# conflations such as `lid` for `leden`) counts for, against 1 for the form as typed ...
CONFLATION_WEIGHT = 0.2
# ... and one occurrence of a compound that holds the word only as a part
# (`kinderopvang` for `opvang`): whole-word matches rank first.
PART_WEIGHT = 0.15


def stemmed_terms(text: str) -> list[str]:
    """Query terms of a plain word: compound parts only, stemmed."""
    return analyze(text, exact=False, mode="query")


def exact_terms(text: str) -> list[str]:
    """Terms of a quoted phrase, one per consecutive position."""
    return phrase_terms(text)


@dataclass
class Highlights:
    """What a snippet should mark: stems of words, exact words and exact sequences, and
    the words that hold a part term (`+opvang`: search/service.py finds where)."""

    stems: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    parts: set[str] = field(default_factory=set)
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
        if node.field in NAME_FIELDS:
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
        typed = exact_terms(node.text)
        if len(typed) != len(terms):
            typed = [""] * len(terms)  # stop words inside a hyphenated word: no bonus
        stems = dict(zip(terms, typed, strict=True))
        per_stem = [self._stem(fields, stem, word, positive) for stem, word in stems.items()]
        return per_stem[0] if len(per_stem) == 1 else p.AllOf(per_stem)

    def _stem(self, fields: tuple[str, ...], stem: str, typed: str, positive: bool) -> p.Plan:
        """The indexed forms of a stem and its compound part terms, in one pass: the form
        as typed counts in full, other forms count CONFLATION_WEIGHT of an occurrence,
        parts PART_WEIGHT, so whole words rank first."""
        forms = tuple(self.vocabulary.forms(stem))
        parts = tuple(self.vocabulary.part_terms(stem))
        if positive and parts:
            self.highlights.parts.update(parts)
        boosts = tuple(1.0 if form == typed else CONFLATION_WEIGHT for form in forms)
        return p.Words(fields, forms + parts, boosts + (PART_WEIGHT,) * len(parts))

    def _prefix(self, node: Word, positive: bool) -> p.Plan | None:
        text = fold(node.text)
        fields = self._fields(node.field)
        expanded: set[str] = set()
        for fieldname in fields:
            for term in self.reader.expand_prefix(fieldname, text):
                term = term.decode("utf-8") if isinstance(term, bytes) else term
                if is_part_term(term):
                    continue  # `+opv*` typed: the index's part terms are no words
                expanded.add(term)
                if len(expanded) > MAX_PREFIX_TERMS:
                    raise QueryError(f"Het voorvoegsel '{node.text}*' past op meer dan "
                                     f"{MAX_PREFIX_TERMS} woorden; maak het langer.")
        if not expanded:
            return p.Nothing()
        if positive:
            self.highlights.prefixes.add(text)
        return p.Words(fields, tuple(sorted(expanded)))

    def _phrase(self, node: Phrase, positive: bool) -> p.Plan | None:
        if node.field in NAME_FIELDS:
            return self._name(node.field, node.text)
        words = exact_terms(node.text)
        if not words:
            return None
        fields = self._fields(node.field)
        variants = phrase_variants(node.text, self.vocabulary.has_word) or [tuple(words)]
        plans = []
        for variant in variants:
            if positive:
                if len(variant) == 1:
                    self.highlights.words.add(variant[0])
                else:
                    self.highlights.phrases.append(list(variant))
            plans.append(p.Words(fields, variant) if len(variant) == 1
                         else p.Sequence(fields, variant, node.slop + 1))
        return plans[0] if len(plans) == 1 else p.AnyOf(plans)

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
