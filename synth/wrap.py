"""Line wrapping as PDF extraction leaves it: ragged widths, words split at line ends.

Splits made here are the only hyphens at line ends the cleaner has to judge:
- a word split inside (`dienstenecono-` / `mie`): the word is in wordfreq's Dutch list and
  the two halves are not both words (vocabulary.split_points);
- a true compound split after its own hyphen (`sociaal-` / `economische`): both halves are
  words and the halves written together are not (vocabulary.compound_cut);
- an elliptic compound (`werkings-` / `en projectsubsidies`): the next word is `en` or `of`.
A line never starts with a token that begins with a digit, and never ends in a lone `-`,
so no line of running text is a bare number or looks like a numbered item or a page number.
"""

from __future__ import annotations

import random
import re

from synth.vocabulary import compound_cut, split_points

_TRAILING = ".,;:?!)"
_LOWER_WORD = re.compile(r"[a-zàáâäçèéêëíîïñóôöúûü]+")


def _core(token: str) -> str:
    return token.rstrip(_TRAILING)


def _glued(word: str, previous: str) -> bool:
    """No line break may fall between previous and word."""
    return word[0].isdigit() or word == "-" or previous == "-"


def _split(token: str, room: int, rng: random.Random, hyphenate: float) -> tuple[str, str] | None:
    """(head ending in `-`, tail) fitting `room` characters, or None."""
    core = _core(token)
    if "-" in core:
        cut = compound_cut(core)
        if cut and cut <= room and rng.random() < 0.9:
            return token[:cut], token[cut:]
        return None
    if hyphenate and _LOWER_WORD.fullmatch(core) and rng.random() < hyphenate:
        points = [p for p in split_points(core) if p + 1 <= room]
        if points:
            cut = points[-1] if rng.random() < 0.7 else rng.choice(points)
            return token[:cut] + "-", token[cut:]
    return None


def wrap(tokens: list[str], width: int, rng: random.Random, hyphenate: float = 0.0,
         jitter: int = 5) -> list[list[str]]:
    """Greedy wrap into lines of tokens; `hyphenate` is the chance to split a long word."""
    lines: list[list[str]] = []
    line: list[str] = []
    length = 0
    limit = width
    count = len(tokens)
    splits: set[int] = set()  # lines whose last token is the head of a split word
    for index, token in enumerate(tokens):
        if not line:
            line, length = [token], len(token)
            continue
        if length + 1 + len(token) <= limit or _glued(token, line[-1]):
            line.append(token)
            length += 1 + len(token)
            if token[-1] == "-" and index + 1 < count and tokens[index + 1] in ("en", "of") \
                    and length > limit - 14:
                lines.append(line)  # elliptic compound at a line end: `werkings-` / `en`
                line, length = [], 0
                limit = width - jitter + int(rng.random() * (jitter + 4))
            continue
        parts = _split(token, limit - length - 1, rng, hyphenate)
        if parts:
            line.append(parts[0])
            splits.add(len(lines))
            token = parts[1]
        lines.append(line)
        line, length = [token], len(token)
        limit = width - jitter + int(rng.random() * (jitter + 4))
    if line:
        lines.append(line)
    _fix_widow(lines, splits)
    return lines


def _fix_widow(lines: list[list[str]], splits: set[int]) -> None:
    """Avoid a last line of one word (it could pass for a name or a running header):
    move the previous line's last word down, with any words glued to it (`bedraagt 54.191`)."""
    if len(lines) < 2 or len(lines[-1]) != 1 or len(lines) - 2 in splits:
        return
    previous = lines[-2]
    cut = len(previous) - 1
    while cut > 0 and _glued(previous[cut], previous[cut - 1]):
        cut -= 1
    if cut < 2 or previous[cut][-1] == "-" or _glued(lines[-1][0], previous[-1]):
        return
    lines[-1][:0] = previous[cut:]
    del previous[cut:]


def simple_wrap(words: list[str], width: int) -> list[list[str]]:
    """Wrap at spaces only (headers, portfolios): no splits, no jitter."""
    lines: list[list[str]] = []
    for word in words:
        if lines and sum(map(len, lines[-1])) + len(lines[-1]) + len(word) <= width:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines
