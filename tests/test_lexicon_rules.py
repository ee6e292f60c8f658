"""The lexicon's word sources and break rules, each on text whose right answer is known.

A tiny hunspell dictionary written here (hand-made affix rules, a dozen stems) shows
what the dictionary reader must accept and refuse; the break rules are checked on Dutch
word pairs whose spelling the Dutch rules (and the parliament's documents) settle, with
the expected text written by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.documents import lexicon as lexicon_module
from index.documents.lexicon import (
    Hunspell,
    Lexicon,
    corpus_words,
    default_lexicon,
    find_hunspell,
    load_hunspell,
    normalise,
)

needs_hunspell = pytest.mark.skipif(find_hunspell() is None, reason="hunspell-nl not installed")

AFF = """\
# a comment line, and directives the reader does not use
SET UTF-8
FLAG long
TRY aeio
FORBIDDENWORD Fw
ONLYINCOMPOUND Cx
SFX Zb Y 3
SFX Zb 0 en/Ch [^e]
SFX Zb 0 s- .
SFX Zb 0 er/CaCx .
SFX Zv N 1
SFX Zv f ven f
SFX Zs N 1
SFX Zs 0 s .
SFX Zc Y 1
SFX Zc 0 's .
SFX Zk N 1
SFX Zk 0 en ĳ
SFX Aa Y 1
SFX Aa 0 e [^e]
PFX Pb Y 1
PFX Pb 0 be .
PFX Po N 1
PFX Po 0 on [^o]
PFX Pq N 1
PFX Pq 0 on o
PFX Pa N 1
PFX Pa 0 a .
"""

DIC = """\
14
boom/ZbZs\tpo:noun
brief/Zv
kade/Zb
rood/C1Aa
bĳ/Zb
werk/PbPoZb
oog/Po
dak/Zb
dak/Pb
boomen/Fw
fout-woord/Fw
los/CxZb
groen/ZAab
btw/Cl
abc/ZClb
twee woorden/Zb
werknemers\tst:werknemer
a/Zc
rĳ/Zk
ophoudelijk/Pq
sociaal/Pa
ondernemers\tst:ondernemer\tpo:noun
"""


@pytest.fixture
def tiny(tmp_path) -> Path:
    (tmp_path / "xx.aff").write_text(AFF, encoding="utf-8")
    (tmp_path / "xx.dic").write_text(DIC, encoding="utf-8")
    return tmp_path / "xx.dic"


@pytest.fixture
def hs(tiny) -> Hunspell:
    return Hunspell(tiny)


def test_normalise_folds_case_ligature_apostrophe_and_composition():
    assert normalise("Ĳzer’s") == "ijzer's"
    assert normalise("bee\u0308indigen") == "beëindigen"  # e + combining diaeresis -> ë
    assert len(normalise("BEE\u0308INDIGEN")) == len("beëindigen")


def test_stems_and_suffix_rules(hs):
    assert hs.known("boom") and hs.known("boomen") is False  # forbidden beats the rule
    assert hs.known("booms") and hs.known("werken") and hs.known("daken")
    assert hs.known("brieven") and not hs.known("briefven") and not hs.known("brie")
    # the rule's condition is checked on the stem: `kade` ends in e, `[^e]` refuses it
    assert hs.known("kade") and not hs.known("kadeen")
    # a suffix needs the flag on the stem: `rood` has no Zb, `brief` no Zs
    assert not hs.known("rooden") and not hs.known("briefs")
    assert hs.known("roode")
    assert hs.known("a's")  # a one-letter stem: OpenTaal lists letters so
    assert hs.known("rijen")  # a condition with the `ĳ` ligature

def test_prefix_rules_alone_and_crossed_with_a_suffix(hs):
    assert hs.known("bewerk") and hs.known("onwerk")
    assert hs.known("bewerken")  # Pb is cross (Y): prefix and suffix together
    assert not hs.known("onwerken")  # Po is not (N)
    assert not hs.known("onoog")  # its condition `[^o]` is on the stem's start
    assert hs.known("onophoudelijk")  # the next `on` rule, whose condition holds
    assert hs.known("asociaal")  # a one-letter prefix
    assert not hs.known("bewerkenen") and not hs.known("beboom")


def test_duplicate_stem_lines_add_their_flags(hs):
    assert hs.known("daken") and hs.known("bedak")


def test_forbidden_compound_only_and_compound_forms_are_not_words(hs):
    assert not hs.known("fout-woord")
    assert not hs.known("los") and not hs.known("losen")
    assert not hs.known("booms-") and not hs.known("boomer")  # `s-` and a Cx form


def test_entry_count_tab_fields_spaces_and_ligatures(hs):
    assert not hs.known("14")  # the first line counts the entries
    assert hs.known("boom") and hs.known("booms") and hs.known("werknemers")
    assert hs.known("ondernemers")  # two tab fields after the word
    assert not hs.known("twee woorden") and not hs.known("twee")
    assert hs.known("bij") and hs.known("bijen")  # `ĳ` spelled out


def test_flags_are_read_two_characters_at_a_time(hs):
    assert hs.is_letterword("btw") and not hs.is_letterword("abc")  # `ZClb` is Z C, l b
    assert not hs.is_letterword("boom") and not hs.is_letterword("onbekend")
    assert hs.is_adjective("rood", inflected=False)  # `C1Aa`: the second pair is Aa
    assert not hs.is_adjective("groen", inflected=False)  # `ZAab`: ZA, ab
    assert not hs.is_adjective("roode", inflected=False)
    assert hs.is_adjective("roode", inflected=True)
    assert not hs.is_adjective("boomen", inflected=True)
    assert not hs.is_adjective("boom", inflected=True)


def test_an_unreadable_byte_does_not_lose_the_dictionary(tmp_path):
    (tmp_path / "yy.aff").write_bytes(AFF.encode("utf-8") + b"# caf\xe9\n")
    (tmp_path / "yy.dic").write_bytes(b"3\ncaf\xe9/Zb\nboom/Zb\nwerk/Zb\n")
    hs = load_hunspell(tmp_path / "yy.dic")
    assert hs is not None and hs.known("bomen") is False and hs.known("boomen")
    assert load_hunspell(tmp_path / "missing.dic") is None


def test_an_empty_dictionary_knows_no_word(tmp_path):
    (tmp_path / "ee.aff").write_text(AFF, encoding="utf-8")
    (tmp_path / "ee.dic").write_text("", encoding="utf-8")
    assert Hunspell(tmp_path / "ee.dic").known("boom") is False


def test_a_dictionary_without_forbidden_or_compound_flags(tmp_path):
    (tmp_path / "zz.aff").write_text("SET UTF-8\nFLAG long\nSFX Zb Y 1\nSFX Zb 0 en .\n",
                                     encoding="utf-8")
    (tmp_path / "zz.dic").write_text("2\nboom/Zb\nlos/Cx\n", encoding="utf-8")
    hs = Hunspell(tmp_path / "zz.dic")
    assert hs.known("boomen") and hs.known("los")


# --- the lexicon's sources ----------------------------------------------------------


@pytest.fixture
def freq(monkeypatch, tmp_path):
    """A lexicon whose only list is a small frequency table (no hunspell-nl)."""
    table = {"beleids": 3e-7, "nemers": 2.9e-7, "werknemers": 1e-5}
    monkeypatch.setattr(lexicon_module, "load_wordfreq", lambda: table)
    return Lexicon(tmp_path / "missing" / "nl.dic")


def test_a_rare_token_is_known_solid_but_is_no_word_part(freq):
    assert freq.is_word("beleids") and freq.is_known("beleids")
    assert not freq.is_word("nemers") and freq.is_known("nemers")
    assert not freq.is_known("nemer") and not freq.is_word("nemer")
    assert freq.is_word("Werknemers")  # looked up in the normalised form


def test_sources_and_the_warning_say_what_is_installed(freq, tiny):
    assert freq.sources == ("wordfreq", "corpus")
    assert "hunspell-nl is not installed" in freq.warning
    assert Lexicon(tiny, use_wordfreq=False).sources == ("hunspell-nl", "corpus")
    assert Lexicon(tiny, use_wordfreq=False).warning is None
    assert Lexicon(freq.hunspell_path, use_wordfreq=False).sources == ("corpus",)


def test_corpus_words_count_in_a_child_and_its_parent(tiny):
    parent = Lexicon(tiny, use_wordfreq=False)
    parent.add_text("Het Kwarktaartfeest en het kwarktaartfeest.")
    child = parent.with_text("Kwarktaartfeest")
    assert child.corpus_count("KWARKTAARTFEEST") == 3
    assert child.is_known("kwarktaartfeest") and child.is_word("kwarktaartfeest")
    assert child.is_known("boomen") is False and child.is_word("bijen")


def test_a_word_seen_once_in_the_corpus_is_a_word(tiny):
    lex = Lexicon(tiny, use_wordfreq=False)
    lex.add_text("Het kwarktaartfeest.")
    assert lex.is_word("kwarktaartfeest") and lex.is_known("kwarktaartfeest")


def test_a_hidden_word_is_unknown_to_every_source(tiny):
    lex = Lexicon(tiny, use_wordfreq=False)
    lex.add_text("kwarktaart")
    lex._hidden = frozenset({"kwarktaart", "booms"})
    assert not lex.is_known("kwarktaart") and not lex.is_word("kwarktaart")
    assert not lex.is_known("booms") and not lex.is_word("booms") and lex.is_word("boom")


def test_corpus_words_skip_a_break_with_a_space_after_its_hyphen():
    assert corpus_words("een dienstenecono- \nmie project") == ["een", "project"]
    assert corpus_words("de ex-minister en\nzijn opvolger") == [
        "de", "ex-minister", "en", "zijn", "opvolger"]


def test_the_domain_vocabulary_is_known_and_its_comments_are_not():
    lex = default_lexicon()
    # the first and last word of a line of index/documents/data/domain_words.txt
    for word in ("e-loket", "kmo's", "kmo-portefeuille", "kinderbegeleiders", "regierol"):
        assert lex.corpus_count(word) >= 1, word
    assert lex.corpus_count("spelled") == 0 and lex.corpus_count("vocabulary") == 0


# --- break rules on real Dutch pairs -------------------------------------------------


@pytest.fixture(scope="module")
def full() -> Lexicon:
    return Lexicon()


@pytest.mark.parametrize(("left", "right", "next_word", "joined"), [
    # `werken` is a word, but a word follows `en`: an elliptic `werk- en e-mailadres`
    ("werk", "en", "e-mailadres", "werk- en"),
    ("land", "of", "tuinbouw", "land- of"),
    # a number after `en` starts no word: the break is a plain one
    ("vergadering", "en", "12", "vergaderingen"),
    ("vergadering", "en", None, "vergaderingen"),
    ("vergadering", "en,", None, "vergaderingen,"),
])
def test_en_and_of_after_a_break(full, left, right, next_word, joined):
    assert full.resolve_break(left, right, next_word) == joined


@needs_hunspell
def test_a_letterword_with_a_vowel_keeps_its_hyphen(full):
    # `fte` carries OpenTaal's letterword flag; `fteverdeling` is no word of any list
    assert full.explain_break("fte", "verdeling", None) == (
        "fte-verdeling", "hyphen-pair:letterword")


# --- each rule of RULES on a lexicon of hand-picked words ---------------------------

RULE_DIC = """\
30
werk/PbZb
werknemers
werking
economie
economisch/Aa
sociaal-economisch/Aa
regionaal/Aa
blauw/Aa
groen/Aa
zee/Zb
egel/Zb
btw
fte/Cl
abc/ZClb
tarief/Zb
verdeling/Zb
minister/Zb
directeur/Zb
portefeuille/Zb
auto/Zb
ongeluk/Zb
zo
verbinding
beëindigen
coördinatie
efficiënt
raad/Zb
formaat/Zb
pensioen/Zb
norm/Zb
"""


@pytest.fixture
def words(tmp_path) -> Lexicon:
    """Hand-picked Dutch words in a dictionary, no frequency list, an empty corpus."""
    (tmp_path / "rr.aff").write_text(AFF, encoding="utf-8")
    (tmp_path / "rr.dic").write_text(RULE_DIC, encoding="utf-8")
    return Lexicon(tmp_path / "rr.dic", use_wordfreq=False)


@pytest.mark.parametrize(("left", "right", "next_word", "joined", "rule"), [
    ("werkings", "en", "projectsubsidies", "werkings- en", "ellipsis"),
    ("werkings", "en", None, "werkings- en", "ellipsis"),  # `werkingsen` is no word
    ("land", "of", "tuinbouw", "land- of", "ellipsis"),
    ("gemeente", "als", "provinciewegen", "gemeente- als", "ellipsis"),
    ("kleuter", "tot", "secundair", "kleuter- tot", "ellipsis"),
    ("gemeente", "noch", "provinciebesturen", "gemeente- noch", "ellipsis"),
    ("werkings", "en,", None, "werkings- en,", "ellipsis"),
    ("pensioen", "en", None, "pensioenen", "known-solid"),  # a word, and no head follows
    ("pensioen", "en", "12", "pensioenen", "known-solid"),
    ("2020", "2025", None, "2020-2025", "digits"),
    ("A4", "formaat", None, "A4-formaat", "digits"),
    ("COVID", "19-crisis", None, "COVID-19-crisis", "digits"),
    ("Oost", "Vlaanderen", None, "Oost-Vlaanderen", "capital"),
    ("OCMW", "raad", None, "OCMW-raad", "acronym"),
    ("ECONO", "MIE", None, "ECONOMIE", "known-solid"),
    ("sociaal", "economische", None, "sociaal-economische", "hunspell-hyphen"),
    ("regionaal", "economische", None, "regionaal-economische", "adjective-endings"),
    ("be", "eindigen", None, "beëindigen", "trema"),
    ("BE", "EINDIGEN", None, "BEËINDIGEN", "trema"),
    ("Be", "eindigen", None, "Beëindigen", "trema"),
    ("co", "ordinatie", None, "coördinatie", "trema"),
    ("effici", "ent", None, "efficiënt", "trema"),
    ("werk", "nemers", None, "werknemers", "known-solid"),
    ("kmo-porte", "feuille", None, "kmo-portefeuille", "known-solid"),
    ("Noord-Zuid-verbin", "ding", None, "Noord-Zuid-verbinding", "known-solid"),
    ("werk", "nemers-zelfstandigen-overleg", None, "werknemers-zelfstandigen-overleg",
     "known-solid"),
    ("mp3", "speler", None, "mp3-speler", "digits"),
    ("type", "1-diabetes", None, "type-1-diabetes", "digits"),
    ("oud", "minister", None, "oud-minister", "hyphen-pair:fixed"),
    ("interim", "directeur", None, "interim-directeur", "hyphen-pair:fixed"),
    ("secretaris", "generaal", None, "secretaris-generaal", "hyphen-pair:fixed"),
    ("zee", "egel", None, "zee-egel", "hyphen-pair:vowels"),
    ("auto", "ongeluk", None, "auto-ongeluk", "hyphen-pair:vowels"),
    ("zo", "ologie", None, "zoologie", "fallback-join"),  # `ologie` is no word
    ("btw", "tarief", None, "btw-tarief", "hyphen-pair:letterword"),
    ("fte", "verdeling", None, "fte-verdeling", "hyphen-pair:letterword"),
    ("abc", "verdeling", None, "abcverdeling", "fallback-join"),
    ("blauw", "groene", None, "blauw-groene", "hyphen-pair:adjectives"),
    ("blauw", "groen", None, "blauw-groen", "hyphen-pair:adjectives"),
    ("groen", "norm", None, "groennorm", "fallback-join"),  # an adjective, then a noun
    ("blauwe", "groene", None, "blauwegroene", "fallback-join"),  # the left one inflected
    ("ide", "aal", None, "ideaal", "fallback-join"),  # vowels meet, but no parts are words
    ("werk", "verdeling", None, "werkverdeling", "fallback-join"),
    ("%", "norm", None, "%-norm", "no-word"),
    ("-", "2025", None, "- 2025", "no-word"),
    ("(economie", "raad)", None, "(economieraad)", "fallback-join"),
    ("sociaal-", "economische.", None, "sociaal-economische.", "hunspell-hyphen"),
])
def test_each_rule_on_hand_picked_words(words, left, right, next_word, joined, rule):
    assert words.explain_break(left, right, next_word) == (joined, rule)
    assert words.resolve_break(left, right, next_word) == joined


def test_the_corpus_decides_by_count_and_keeps_the_hyphen_on_a_tie(words):
    words.add_text("de werk-verdeling")
    assert words.explain_break("werk", "verdeling", None) == ("werk-verdeling", "corpus")
    words.add_text("de werkverdeling")
    assert words.explain_break("werk", "verdeling", None) == ("werk-verdeling", "corpus")
    words.add_text("de werkverdeling")
    assert words.explain_break("werk", "verdeling", None) == ("werkverdeling", "corpus")


def test_the_trema_form_must_be_the_commoner(monkeypatch, tmp_path):
    table = {"beëindigen": 1e-5, "beeindigen": 1e-7, "coördinatie": 1e-7,
             "coordinatie": 1e-5, "naäpen": 1e-6, "naapen": 1e-6}
    monkeypatch.setattr(lexicon_module, "load_wordfreq", lambda: table)
    lex = Lexicon(tmp_path / "missing.dic")
    assert lex.explain_break("be", "eindigen", None) == ("beëindigen", "trema")
    assert lex.explain_break("co", "ordinatie", None) == ("coordinatie", "known-solid")
    assert lex.explain_break("na", "apen", None) == ("naäpen", "trema")  # a tie: the trema
