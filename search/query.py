"""The query language: parse what a user typed into a small tree, forgivingly.

    sociale economie            all words required (stemmed, in title, question, answer)
    kinderopvang OR crèche      either
    NOT armoede, -armoede       without
    (a OR b) c                  grouping
    "op de hoogte"              exact phrase: in order, not stemmed, stop words kept
    "lokale economie"~3         the words in order, at most 3 other words between each
    onderw*                     prefix (at least 3 letters) of an unstemmed word
    titel: vraag: antwoord:     limit a word, phrase or group to one text field
    minister: vraagsteller:     questions to a minister / by an asker (name or last name)

Malformed input never raises: an unbalanced quote runs to the end, a missing `)` is
closed, a stray `)` or lone operator is dropped, an unknown `veld:` is searched as text.
Each repair adds a notice for the user. Only input that cannot be answered at a sane
cost (too long, too many terms, a leading wildcard, a too short prefix) raises QueryError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 1000
MAX_TERMS = 64
MIN_PREFIX = 3

FIELD_ALIASES = {
    "titel": "title", "title": "title",
    "vraag": "question", "question": "question",
    "antwoord": "answer", "answer": "answer",
    "minister": "minister",
    "vraagsteller": "asker", "asker": "asker", "indiener": "asker",
}
NAME_FIELDS = ("minister", "asker")


class QueryError(ValueError):
    """A query that is refused, with a message meant for the user."""


@dataclass
class Word:
    text: str
    field: str | None = None
    prefix: bool = False


@dataclass
class Phrase:
    text: str
    field: str | None = None
    slop: int = 0


@dataclass
class Not:
    child: Node


@dataclass
class And:
    children: list[Node]


@dataclass
class Or:
    children: list[Node]


Node = Word | Phrase | Not | And | Or


@dataclass
class ParsedQuery:
    tree: Node | None
    notices: list[str] = field(default_factory=list)


_TOKEN = re.compile(
    r'''(?P<phrase>"(?P<ptext>[^"]*)(?P<close>"?)(?:~(?P<slop>\d+))?)
      | (?P<lparen>\()
      | (?P<rparen>\))
      | (?P<minus>-(?=["(\w]))
      | (?P<field>(?P<fname>[^\W\d_]+):(?=\S|$))
      | (?P<word>[^\s()"]+)''',
    re.VERBOSE,
)


@dataclass
class _Tok:
    kind: str
    text: str = ""
    slop: int = 0


def _tokenize(text: str, notices: list[str]) -> list[_Tok]:
    tokens: list[_Tok] = []
    for match in _TOKEN.finditer(text):
        if match.group("phrase"):
            if not match.group("close"):
                notices.append("Aanhalingsteken niet gesloten: de zin loopt tot het einde.")
            slop = int(match.group("slop")) if match.group("slop") else 0
            tokens.append(_Tok("phrase", match.group("ptext"), min(slop, 50)))
        elif match.group("lparen"):
            tokens.append(_Tok("("))
        elif match.group("rparen"):
            tokens.append(_Tok(")"))
        elif match.group("minus"):
            tokens.append(_Tok("not"))
        elif match.group("field"):
            name = match.group("fname").lower()
            if name in FIELD_ALIASES:
                tokens.append(_Tok("field", FIELD_ALIASES[name]))
            else:
                notices.append(f"Onbekend veld '{name}:' werd als gewone tekst gezocht.")
                tokens.append(_Tok("word", name))
        else:
            word = match.group("word")
            if word in ("AND", "OR", "NOT", "EN", "OF", "NIET"):
                kind = {"AND": "and", "EN": "and", "OR": "or", "OF": "or"}.get(word, "not")
                tokens.append(_Tok(kind, word))
            else:
                tokens.append(_Tok("word", word))
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Tok], notices: list[str]):
        self.tokens = tokens
        self.pos = 0
        self.notices = notices

    def peek(self) -> _Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Tok:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node | None:
        nodes = []
        while self.peek() is not None:
            node = self.parse_or()
            if node is not None:
                nodes.append(node)
            if self.peek() is not None and self.peek().kind == ")":
                self.take()
                self.notices.append("Een overtollig ')' werd genegeerd.")
        return _and(nodes)

    def parse_or(self, fieldname: str | None = None) -> Node | None:
        children = [self.parse_and(fieldname)]
        while self.peek() is not None and self.peek().kind == "or":
            tok = self.take()
            children.append(self.parse_and(fieldname))
            if children[-2] is None or children[-1] is None:
                self.notices.append(f"'{tok.text}' zonder woord ervoor of erna werd "
                                    "genegeerd.")
        children = [c for c in children if c is not None]
        if len(children) < 2:
            return children[0] if children else None
        return Or(children)

    def parse_and(self, fieldname: str | None = None) -> Node | None:
        """Words side by side; a field before a group applies to every word inside."""
        children = []
        while (tok := self.peek()) is not None and tok.kind not in ("or", ")"):
            if tok.kind == "and":
                self.take()
                continue
            node = self.parse_unary(fieldname)
            if node is not None:
                children.append(node)
        return _and(children)

    def parse_unary(self, fieldname: str | None) -> Node | None:
        tok = self.peek()
        if tok is not None and tok.kind == "not":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("or", "and", ")"):
                self.notices.append(f"'{tok.text or '-'}' zonder woord erna werd genegeerd.")
                return None
            child = self.parse_unary(fieldname)
            return Not(child) if child is not None else None
        return self.parse_atom(fieldname)

    def parse_atom(self, fieldname: str | None) -> Node | None:
        tok = self.take()
        if tok.kind == "(":
            inner = self.parse_or(fieldname)
            if self.peek() is not None and self.peek().kind == ")":
                self.take()
            else:
                self.notices.append("Een ontbrekend ')' werd toegevoegd.")
            return inner
        if tok.kind == "field":
            if fieldname is not None:
                self.notices.append("Een veld binnen een veld werd genegeerd.")
            nxt = self.peek()
            if nxt is None or nxt.kind in ("or", "and", ")"):
                self.notices.append("Een veld zonder waarde werd genegeerd.")
                return None
            return self.parse_unary(tok.text)
        if tok.kind == "phrase":
            if not tok.text.strip():
                return None
            return Phrase(tok.text, fieldname, tok.slop)
        if tok.kind == "word":
            text = tok.text
            if "*" in text or "?" in text:
                return Word(text[:-1] if text.endswith("*") else text, fieldname, prefix=True)
            return Word(text, fieldname)
        self.notices.append(f"'{tok.text}' op die plaats werd genegeerd.")
        return None

def _and(children: list[Node]) -> Node | None:
    if not children:
        return None
    return children[0] if len(children) == 1 else And(children)


def count_leaves(node: Node | None) -> int:
    if node is None:
        return 0
    if isinstance(node, (Word, Phrase)):
        return 1
    if isinstance(node, Not):
        return count_leaves(node.child)
    return sum(count_leaves(child) for child in node.children)


def parse_query(text: str) -> ParsedQuery:
    """Parse a user's query; raises QueryError only for queries refused on cost."""
    text = text or ""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"De zoekvraag is te lang ({len(text)} tekens; hoogstens "
                         f"{MAX_QUERY_LENGTH}).")
    notices: list[str] = []
    tree = _Parser(_tokenize(text.strip(), notices), notices).parse()
    if count_leaves(tree) > MAX_TERMS:
        raise QueryError(f"De zoekvraag heeft te veel termen (hoogstens {MAX_TERMS}).")
    _check_prefixes(tree)
    return ParsedQuery(tree, notices)


def _check_prefixes(node: Node | None) -> None:
    if isinstance(node, Word) and node.prefix:
        stem = node.text
        if "*" in stem or "?" in stem or not stem:
            raise QueryError("Jokertekens vooraan of midden in een woord worden niet "
                             "ondersteund; gebruik een voorvoegsel zoals onderw*.")
        if len(stem) < MIN_PREFIX:
            raise QueryError(f"Een voorvoegsel moet minstens {MIN_PREFIX} letters hebben "
                             f"('{stem}*' is te kort).")
    elif isinstance(node, Not):
        _check_prefixes(node.child)
    elif isinstance(node, (And, Or)):
        for child in node.children:
            _check_prefixes(child)
