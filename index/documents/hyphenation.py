"""Line-end hyphenation for one document: its own spelling first, then the lexicon."""

from __future__ import annotations

import re
from collections.abc import Callable

from index.documents.lexicon import default_lexicon

_WORD = re.compile(r"[^\W\d_][\w’'-]*[^\W\d_]|[^\W\d_]")


def document_resolver(text: str) -> Callable[[str, str, str | None], str]:
    """Hyphenation decided first by the words this document itself spells unbroken.

    A document that writes `diensteneconomie` once and breaks it once settles its own
    case; only what it leaves open goes to the shared Dutch lexicon. Keeping the
    document's vocabulary local makes the result independent of file order.
    """
    own = {w.lower() for w in _WORD.findall(text)}
    lexicon = default_lexicon()

    def resolve(left: str, right: str, next_word: str | None) -> str:
        core = right.rstrip(".,;:!?)”’'\"")
        if core.lower() not in ("en", "of"):
            if f"{left}-{core}".lower() in own:
                return f"{left}-{right}"
            if f"{left}{core}".lower() in own and core[:1].islower():
                return f"{left}{right}"
        return lexicon.resolve_break(left, right, next_word)

    return resolve
