"""The Dutch lexicon and its line-end hyphenation rules.

Run as a script for the accuracy figures in docs/cleaning.md:
    .venv/bin/python tests/test_lexicon.py [cases-per-category]
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import pytest

from index.documents import lexicon as lexicon_module
from index.documents.lexicon import Hunspell, Lexicon, corpus_words, find_hunspell

HAS_HUNSPELL = find_hunspell() is not None
needs_hunspell = pytest.mark.skipif(not HAS_HUNSPELL, reason="hunspell-nl not installed")


@pytest.fixture(scope="module")
def full() -> Lexicon:
    return Lexicon()


@pytest.fixture
def bare(monkeypatch, tmp_path) -> Lexicon:
    """A lexicon on a machine without hunspell-nl."""
    monkeypatch.setattr(lexicon_module, "HUNSPELL_CANDIDATES", (tmp_path / "missing" / "nl.dic",))
    return Lexicon()


@pytest.fixture(params=["full", "bare"])
def lex(request) -> Lexicon:
    """The rules below must hold with and without hunspell-nl."""
    return request.getfixturevalue(request.param)


def test_true_compound_keeps_hyphen(lex):
    assert lex.resolve_break("sociaal", "economische", "organisaties?") == "sociaal-economische"


def test_typesetter_break_is_joined(lex):
    assert lex.resolve_break("dienstenecono", "mie", None) == "diensteneconomie"


@pytest.mark.parametrize("left", ["werkings", "beleids", "land"])
@pytest.mark.parametrize("conj", ["en", "of"])
def test_elliptic_compound_keeps_hyphen_and_space(lex, left, conj):
    assert lex.resolve_break(left, conj, "projectsubsidies") == f"{left}- {conj}"


def test_elliptic_compound_even_when_solid_form_is_a_word(lex):
    # `pensioenen` exists, but a head word follows: `pensioen- en ziekteverzekering`.
    assert lex.resolve_break("pensioen", "en", "ziekteverzekering") == "pensioen- en"


def test_known_solid_word_is_joined_though_both_halves_are_words(lex):
    assert lex.resolve_break("werk", "nemers", None) == "werknemers"


def test_capitalised_right_part_keeps_hyphen(lex):
    assert lex.resolve_break("Vlaams", "Brabant", None) == "Vlaams-Brabant"


def test_digits_keep_hyphen(lex):
    assert lex.resolve_break("2020", "2025", None) == "2020-2025"
    assert lex.resolve_break("COVID", "19-crisis", None) == "COVID-19-crisis"


def test_acronym_keeps_hyphen(lex):
    assert lex.resolve_break("OCMW", "verenigingen", None) == "OCMW-verenigingen"


def test_vowel_clash_keeps_hyphen(lex):
    assert lex.resolve_break("economie", "ondernemingen", "op") == "economie-ondernemingen"


@pytest.mark.parametrize("tail", [",", ".", ");", ":"])
def test_trailing_punctuation_on_right_part(lex, tail):
    assert lex.resolve_break("dienstenecono", f"mie{tail}", None) == f"diensteneconomie{tail}"


def test_left_with_its_hyphen_and_leading_punctuation(lex):
    assert lex.resolve_break("(sociaal-", "economische)", None) == "(sociaal-economische)"


def test_all_capitals_heading_is_decided_by_the_words(lex):
    assert lex.resolve_break("ECONO", "MIE", None) == "ECONOMIE"


def test_dash_at_line_end_is_not_a_word(lex):
    assert lex.resolve_break("-", "2025", None) == "- 2025"


def test_trema_dropped_at_the_break_is_restored(lex):
    assert lex.resolve_break("be", "eindigen", None) == "beëindigen"


def test_hyphen_prefix(lex):
    assert lex.resolve_break("oud", "minister", None) == "oud-minister"


def test_unknown_compound_of_two_words_is_joined(lex):
    assert lex.resolve_break("doelgroep", "werknemers", None) == "doelgroepwerknemers"


def test_corpus_spelling_wins():
    lex = Lexicon(use_wordfreq=False)
    assert lex.resolve_break("kwark", "taart", None) == "kwarktaart"
    lex.add_text("De kwark-taart en nog een kwark-taart.")
    assert lex.explain_break("kwark", "taart", None) == ("kwark-taart", "corpus")


def test_with_text_is_a_child_that_leaves_its_parent_alone():
    parent = Lexicon(use_wordfreq=False)
    parent.add_text("zonnebloemveld")
    child = parent.with_text("xyzkwibus")
    assert child.corpus_count("zonnebloemveld") == 1
    assert child.corpus_count("xyzkwibus") == 1
    assert parent.corpus_count("xyzkwibus") == 0


def test_corpus_words_leave_out_both_halves_of_a_break():
    text = "een lokale dienstenecono-\nmie project en sociaal-economische\nwerking"
    assert corpus_words(text) == [
        "een", "lokale", "project", "en", "sociaal-economische", "werking",
    ]
    assert corpus_words("de periode 2020 -\nwerking") == ["de", "periode", "werking"]


def test_without_hunspell_corpus_and_wordfreq_still_join(bare):
    assert "hunspell-nl" not in bare.sources
    assert "hunspell-nl" in bare.warning
    bare.add_text("De diensteneconomie is belangrijk.")
    assert bare.explain_break("dienstenecono", "mie", None) == ("diensteneconomie", "corpus")
    alone = Lexicon(bare.hunspell_path, use_wordfreq=False)
    assert alone.resolve_break("dienstenecono", "mie", None) == "diensteneconomie"
    assert bare.resolve_break("economisch", "georiënteerd", None) == "economischgeoriënteerd"


RULE_EXAMPLES = [
    ("werkings", "en", "projectsubsidies", "werkings- en", "ellipsis"),
    ("2020", "2025", None, "2020-2025", "digits"),
    ("Vlaams", "Brabant", None, "Vlaams-Brabant", "capital"),
    ("OCMW", "verenigingen", None, "OCMW-verenigingen", "acronym"),
    ("sociaal", "economische", None, "sociaal-economische", "hunspell-hyphen"),
    ("regionaal", "economische", None, "regionaal-economische", "adjective-endings"),
    ("be", "eindigen", None, "beëindigen", "trema"),
    ("werk", "nemers", None, "werknemers", "known-solid"),
    ("economie", "ondernemingen", None, "economie-ondernemingen", "hyphen-pair:vowels"),
    ("doelgroep", "werknemers", None, "doelgroepwerknemers", "fallback-join"),
]


@needs_hunspell
@pytest.mark.parametrize(("left", "right", "next_word", "joined", "rule"), RULE_EXAMPLES)
def test_each_rule_on_an_example(full, left, right, next_word, joined, rule):
    assert full.explain_break(left, right, next_word) == (joined, rule)


def test_rule_examples_cover_the_documented_rules():
    named = {rule.split(":")[0] for *_, rule in RULE_EXAMPLES} | {"corpus"}
    assert named == {name for name, _ in lexicon_module.RULES}


@needs_hunspell
def test_hunspell_is_reported_and_knows_the_forms_that_matter(full):
    assert full.sources[0] == "hunspell-nl" and full.warning is None
    hs = full.hunspell
    # Both spellings are listed: the hyphen check (rule 6) must come before rule 9.
    assert hs.known("sociaal-economische") and hs.known("sociaaleconomische")
    assert hs.known("werknemers") and hs.known("ondernemingen") and hs.known("gewerkt")
    # Compound-only forms are not words of their own.
    assert not hs.known("werkings") and not hs.known("werkingsen")


def test_hunspell_parser_on_a_tiny_dictionary(tmp_path):
    (tmp_path / "xx.aff").write_text(
        "SET UTF-8\nFLAG long\nFORBIDDENWORD Fw\nONLYINCOMPOUND Cx\n"
        "SFX Zb Y 2\nSFX Zb 0 en [^e]\nSFX Zb 0 en-/CaCp [^e]\n"
        "SFX Ch Y 1\nSFX Ch 0 s/CaCx .\n"
        "SFX Aa Y 1\nSFX Aa 0 e [^e]\n"
        "PFX Pj Y 1\nPFX Pj 0 af .\n", encoding="utf-8")
    (tmp_path / "xx.dic").write_text(
        "5\nboom/ZbCh\nrood/Aa\nbĳ/Zb\nwerk/PjZb\nfout-woord/Fw\nlos/Cx\n", encoding="utf-8")
    hs = Hunspell(tmp_path / "xx.dic")
    assert hs.known("bomen") is False and hs.known("boomen")  # rules, not grammar
    assert hs.known("bij") and hs.known("rode") is False and hs.known("roode")
    assert hs.known("afwerk") and hs.known("afwerken")
    assert not hs.known("booms") and not hs.known("fout-woord") and not hs.known("los")
    assert hs.is_adjective("rood", inflected=False) and hs.is_adjective("roode", inflected=True)


@needs_hunspell
@pytest.mark.slow  # builds its cases from the whole word lists: seconds, on every mutant
def test_accuracy_on_a_small_sample(full):
    results = evaluate(full, per_category=40)
    for category, (right, total) in results.items():
        assert right / total >= 0.8, (category, right, total)


# --- evaluation: cases built from the word lists, see docs/cleaning.md -------------

_V = set("aeiouyáàâäéèêëíïóöúü")


def split_points(word: str) -> list[int]:
    """Syllable-ish break points: before the consonant (or `ch`, `sch`) that opens a syllable."""
    points = []
    for i in range(2, len(word) - 2):
        if word[i] in _V or word[i + 1] not in _V or not _V & set(word[:i]):
            continue
        if word[i] == "j" and word[i - 1] == "i":
            continue
        start = i - 1 if word[i - 1:i + 1] == "ch" else i
        start = start - 1 if word[start - 1:start + 1] == "sc" else start
        if start >= 2 and _V & set(word[:start]) and _V & set(word[start:]):
            points.append(start)
    return sorted(set(points))


def build_cases(lex: Lexicon, per_category: int) -> list[tuple[str, str, str, str | None, str]]:
    """(category, left, right, next_word, expected) from hunspell-nl and wordfreq."""
    hs = lex.hunspell
    solid = sorted(w for w, f in lex.frequencies.items()
                   if 1e-8 <= f <= 1e-4 and len(w) >= 9 and w.isalpha() and hs.known(w))
    cases = []
    for word in _spread(solid, per_category):
        points = split_points(word)
        if points:
            cut = points[zlib.crc32(word.encode()) % len(points)]
            cases.append(("solid word, syllable break", word[:cut], word[cut:], None, word))
    compounds = []
    for word in _spread(solid, per_category * 20):
        for cut in range(3, len(word) - 3):
            left, right = word[:cut], word[cut:]
            if len(left) >= 4 and len(right) >= 4 and hs.known(left) and hs.known(right):
                compounds.append(("solid compound, break at the seam", left, right, None, word))
                break
    cases += _spread(compounds, per_category)
    hyphened, heads = [], []
    for line in hs_lines(lex.hunspell_path):
        word, _, flags = line.replace("ĳ", "ij").partition("/")
        pairs = {flags[i:i + 2] for i in range(0, len(flags), 2)}
        if "Fw" in pairs or "Cx" in pairs:
            continue
        parts = word.split("-")
        if len(parts) == 2 and all(len(p) >= 2 and p.isalpha() for p in parts):
            hyphened.append(("hyphenated word, break at the hyphen", *parts, None, word))
        if "Ch" in pairs and word.isalpha():
            heads.append(word + "s")
    cases += _spread(hyphened, per_category)
    for i, head in enumerate(_spread(heads, per_category)):
        conj = ("en", "of")[i % 2]
        cases.append(("elliptic compound", head, conj, "beleid", f"{head}- {conj}"))
    return cases


def hs_lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        next(handle)
        return [line.split("\t")[0].strip() for line in handle if " " not in line.split("/")[0]]


def _spread(items: list, n: int) -> list:
    """n items spread evenly over a sorted list: deterministic, not clustered by letter."""
    if len(items) <= n:
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def evaluate(lex: Lexicon, per_category: int, held_out: bool = False, judge: Lexicon | None = None
             ) -> dict[str, tuple[int, int]]:
    """Right and total per category of `judge` (default `lex`) on cases built from `lex`.

    `held_out` hides the tested word from every source, as for a word no list knows.
    """
    results: dict[str, list[int]] = {}
    cases = build_cases(lex, per_category)
    lex = judge or lex
    for category, left, right, next_word, expected in cases:
        if held_out:
            lex._hidden = frozenset({(left + right).lower(), f"{left}-{right}".lower()})
        got = lex.resolve_break(left, right, next_word)
        lex._hidden = frozenset()
        tally = results.setdefault(category, [0, 0])
        tally[0] += got == expected
        tally[1] += 1
    return {k: (v[0], v[1]) for k, v in results.items()}


def _report(per_category: int) -> None:
    lex = Lexicon()
    if lex.hunspell is None:
        sys.exit("hunspell-nl is needed to build the evaluation cases")
    bare = Lexicon(Path("/nonexistent/nl.dic"))
    runs = (("full lexicon", False, None), ("without hunspell-nl", False, bare),
            ("held out", True, None))
    for name, held_out, judge in runs:
        results = evaluate(lex, per_category, held_out, judge)
        right = sum(r for r, _ in results.values())
        total = sum(t for _, t in results.values())
        print(name, f"{right}/{total} = {right / total:.1%}")
        for category, (r, t) in results.items():
            print(f"  {category}: {r}/{t} = {r / t:.1%}")


if __name__ == "__main__":
    _report(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
