"""Dutch words for the synthetic corpus: word frequencies from wordfreq plus policy phrases.

Text is frequency-weighted filler mixed with domain phrases, so that searches behave as on
real answers: common phrases ("lokale besturen", "op de hoogte") recur, and inflected forms
(lokaal/lokale, bestuur/besturen, vraag/vragen) make stemming matter.
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache

import wordfreq

# Letters that Windows-1252 can encode: every word must survive a cp1252 file.
_WORD = re.compile(r"[a-zàáâäçèéêëíîïñóôöúûü]+")
_NOT_DUTCH = frozenset(str.split(
    "the you and to it i my me this that with for on are be have your just like love so all "
    "lol ok oh what if can do no yes not one out up get"
))
SALAD_SIZE = 20000

#: Every word wordfreq knows for Dutch, with its frequency: the hyphenation oracle.
FREQ: dict[str, float] = wordfreq.get_frequency_dict("nl")


def _salad() -> tuple[list[str], list[float]]:
    english = wordfreq.get_frequency_dict("en")  # web text mixes in English words and names
    words = [
        w for rank, w in enumerate(wordfreq.top_n_list("nl", SALAD_SIZE + 4000))
        if _WORD.fullmatch(w) and (len(w) > 1 or w == "u") and w not in _NOT_DUTCH
        and (rank < 150 or english.get(w, 0.0) < 3 * FREQ[w])
    ][:SALAD_SIZE]
    return words, list(itertools.accumulate(FREQ[w] for w in words))


#: Frequency-weighted filler words and their cumulative weights (for random.choices).
SALAD, SALAD_CUM = _salad()

#: Spelling variants printed in real answers; both forms stay in the clean text as printed.
ACCENT_VARIANTS = {
    "gecoördineerd": "gecoordineerd",
    "gecoördineerde": "gecoordineerde",
    "coördinatie": "coordinatie",
    "creëert": "creéert",
    "creëren": "creeren",
    "ideeën": "ideeen",
    "efficiënt": "efficient",
    "financiële": "financiele",
    "oriëntatie": "orientatie",
    "zorgcoördinatoren": "zorgcoordinatoren",
}

#: Phrases used in every policy area, with inflected forms side by side.
COMMON = str.split(
    "lokale besturen|lokale besturen|lokaal bestuur|de lokale besturen|het lokaal bestuur|"
    "sociale economie|de sociale economie|lokale sociale economie|op de hoogte|op de hoogte|"
    "de Vlaamse Regering|de Vlaamse Regering|de Vlaamse overheid|werkings- en projectsubsidies|"
    "de beleids- en beheerscyclus|steden en gemeenten|gemeenten|gemeentes|de gemeente|"
    "de middelen|subsidies|een subsidie|maatregelen|deze maatregel|de samenwerking|"
    "samenwerkingen|organisaties|de organisatie|deze vraag|de vragen|een evaluatie|"
    "de ondersteuning|in het kader van|per provincie|de voorbije jaren|ter beschikking|"
    "de kinderopvang|leerlingen|de regelgeving|het decreet|personeelsleden|het budget|"
    "de procedure|dossiers|het dossier|aanvragen|een aanvraag|centrumsteden|een centrumstad|"
    "samenwerkingsverbanden|de gecoördineerde aanpak|financiële ondersteuning|nieuwe ideeën|"
    "efficiënt beleid|het Vlaams Parlement|de lokale overheden|bestuurlijke",
    "|",
)

#: Policy areas: (title topics, phrases). Keys are the items of a printed portfolio.
AREAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _area(keys: str, topics: str, phrases: str) -> None:
    data = (tuple(topics.split("|")), tuple(phrases.split("|")))
    for key in keys.split("|"):
        AREAS[key] = data


_area("buitenlandse zaken", "Handelsmissies|Vlaamse vertegenwoordiging in het buitenland|"
      "Europese middelen", "een handelsmissie|handelsmissies|de Vlaamse vertegenwoordiging|"
      "internationale samenwerking|de Europese Unie|Europese middelen|partnerlanden|"
      "ontwikkelingssamenwerking|het buitenlands beleid")
_area("cultuur", "Cultuurcentra|Kunstendecreet|Bibliotheken|Amateurkunsten",
      "cultuurcentra|het cultuurcentrum|kunstenaars|de kunstenaar|musea|het museum|"
      "bibliotheken|de bibliotheek|cultuurparticipatie|werkings- en projectsubsidies|"
      "het Kunstendecreet|amateurkunsten|sociaal-culturele organisaties")
_area("digitalisering|facilitair management", "Digitale dienstverlening|Cyberveiligheid|"
      "Kantoorgebouwen Vlaamse overheid", "de digitalisering|digitale dienstverlening|"
      "cyberveiligheid|de overheidsgebouwen|het e-loket|open data|kantoorruimte|"
      "de datastrategie|digitale vaardigheden")
_area("economie|innovatie|industrie", "Kmo-portefeuille|Bedrijfsinvesteringen|"
      "Economische steunmaatregelen|Innovatiebeleid", "kmo's|een kmo|ondernemingen|"
      "de onderneming|bedrijven|het bedrijf|economische groei|steunmaatregelen|investeringen|"
      "de kmo-portefeuille|ondernemerschap|de Vlaamse economie|innovatie|innovatieve "
      "projecten|onderzoek en ontwikkeling|de industrie|industriële sites")
_area("werk", "Werkzoekenden|Knelpuntberoepen|Arbeidsmarkt", "werkzoekenden|een werkzoekende|"
      "de VDAB|de arbeidsmarkt|knelpuntberoepen|werkgelegenheid|opleidingen|"
      "loopbaanbegeleiding|tijdelijke werkloosheid|activering|werknemers")
_area("sociale economie", "Sociale economie|Lokale diensteneconomie|Maatwerkbedrijven",
      "sociale economie|lokale sociale economie|maatwerkbedrijven|een maatwerkbedrijf|"
      "doelgroepwerknemers|de regierol|regisseurs|diensteneconomie|lokale diensteneconomie|"
      "sociaal-economische organisaties|sociale economie-ondernemingen|"
      "samenwerkingsverbanden|het Ondersteuningsdecreet|sociaal ondernemerschap")
_area("landbouw|visserij", "Landbouwbedrijven|Mestbeleid|Visserijsector|Korte keten",
      "landbouwers|landbouwbedrijven|de mestproblematiek|stikstof|land- en tuinbouw|"
      "het Mestactieplan|de visserij|vissers|biologische landbouw|de korte keten|"
      "landbouwgrond")
_area("binnenlands bestuur|bestuurszaken", "Lokale besturen|Gemeentefusies|Gemeentefonds|"
      "Meerjarenplannen", "lokale besturen|lokaal bestuur|de lokale besturen|gemeentefusies|"
      "fusiegemeenten|het Gemeentefonds|OCMW’s|de beleids- en beheerscyclus|meerjarenplannen|"
      "het meerjarenplan|ambtenaren|personeelsleden|het Agentschap Binnenlands Bestuur|"
      "bestuurlijk toezicht|lokale mandatarissen|de ambtenaar")
_area("inburgering|integratie", "Inburgering|Nederlands als tweede taal|Nieuwkomers",
      "inburgeraars|het inburgeringstraject|inburgeringstrajecten|Nederlands als tweede taal|"
      "nieuwkomers|maatschappelijke oriëntatie|anderstaligen|het agentschap Integratie en "
      "Inburgering|taallessen")
_area("gelijke kansen", "Discriminatie|Toegankelijkheid|Diversiteit", "discriminatie|"
      "gelijke kansen|toegankelijkheid|personen met een handicap|diversiteit|"
      "het Gelijkekansendecreet|praktijktesten")
_area("financiën|begroting", "Vlaamse begroting|Registratierechten|Erfbelasting",
      "de begroting|een begrotingsaanpassing|de Vlaamse begroting|de schuldgraad|"
      "de registratierechten|erfbelasting|belastingen|belastingplichtigen|"
      "de Vlaamse Belastingdienst|kredieten|vastleggingskredieten|financiële middelen")
_area("wonen", "Sociale woningen|Huurpremie|Woonmaatschappijen|Leegstand", "sociale woningen|"
      "een sociale woning|huurders|de huurpremie|wachtlijsten|de wachtlijst|"
      "woonmaatschappijen|renovatie|woningkwaliteit|leegstand|kandidaat-huurders")
_area("onroerend erfgoed", "Beschermd erfgoed|Erfgoedpremies|Restauratie", "beschermd erfgoed|"
      "monumenten|een monument|erfgoedpremies|de restauratie|het agentschap Onroerend Erfgoed")
_area("onderwijs", "Lerarentekort|Leerlingenbegeleiding|Schoolgebouwen|Eindtermen",
      "leerlingen|de leerling|scholen|de school|leerkrachten|een leerkracht|het lerarentekort|"
      "kleuter- en lager onderwijs|secundair onderwijs|het secundair onderwijs|"
      "buitengewoon onderwijs|leerlingenbegeleiding|de onderwijsinspectie|eindtermen|"
      "schoolgebouwen|zorgcoördinatoren|schoolbesturen")
_area("sport", "Sportinfrastructuur|Sportclubs|Topsport", "sportclubs|een sportclub|"
      "sportverenigingen|een jeugd- of sportvereniging|sportinfrastructuur|Sport Vlaanderen|"
      "topsport|sportbeoefening|sporthallen")
_area("dierenwelzijn", "Dierenwelzijn|Dierenasielen|Zwerfkatten", "dierenwelzijn|dierenasielen|"
      "zwerfkatten|het Dierenwelzijnsdecreet|huisdieren|dierenartsen|een dierenasiel")
_area("vlaamse rand", "Vlaamse Rand|Faciliteitengemeenten", "de Vlaamse Rand|randgemeenten|"
      "faciliteitengemeenten|het Nederlandstalig karakter")
_area("welzijn", "Jeugdhulp|Woonzorgcentra|Persoonsvolgend budget|Mantelzorg", "welzijn|"
      "jeugdhulp|woonzorgcentra|het woonzorgcentrum|bewoners|zorgverleners|thuiszorg|"
      "de wachtlijsten|personen met een handicap|het persoonsvolgend budget|mantelzorgers")
_area("volksgezondheid", "Huisartsen|Vaccinatie|Geestelijke gezondheidszorg|Eerstelijnszones",
      "huisartsen|de huisarts|vaccinatie|de vaccinatiegraad|preventie|"
      "geestelijke gezondheidszorg|ziekenhuizen|de eerstelijnszones|zorgpersoneel")
_area("gezin", "Kinderopvang|Groeipakket|Opvangplaatsen", "kinderopvang|de kinderopvang|"
      "kinderbegeleiders|opvangplaatsen|het Groeipakket|gezinnen|ouders|kinderopvanglocaties|"
      "een opvangplaats")
_area("armoedebestrijding", "Kinderarmoede|Armoedebestrijding|Energiearmoede", "armoede|"
      "kinderarmoede|armoedebestrijding|het leefloon|kwetsbare gezinnen|"
      "het Vlaams Actieplan Armoedebestrijding|energiearmoede")
_area("mobiliteit|openbare werken|havens", "Openbaar vervoer|Basisbereikbaarheid|"
      "Fietspaden|Verkeersveiligheid|Havens", "De Lijn|het openbaar vervoer|"
      "basisbereikbaarheid|de vervoerregio|vervoerregio’s|fietspaden|een fietspad|"
      "verkeersveiligheid|het Agentschap Wegen en Verkeer|gewestwegen|bouw- en renovatiewerken|"
      "rotondes|zwarte punten|de havens|havenbedrijven")
_area("justitie|handhaving", "Slachtofferhulp|Justitiehuizen|Elektronisch toezicht",
      "handhaving|de bestuurlijke geldboetes|slachtofferhulp|justitiehuizen|"
      "elektronisch toezicht|jeugddelinquentie|gevangenissen|de milieu-inspectie")
_area("omgeving|natuur", "Omgevingsvergunningen|Natuurgebieden|Bouwshift|Waterbeleid",
      "de omgevingsvergunning|omgevingsvergunningen|vergunningsaanvragen|natuurgebieden|"
      "bebossing|ruimtelijke ordening|de bouwshift|het waterbeleid|droogte|overstromingen|"
      "bodemsanering|natuurbeheer")
_area("energie|klimaat", "Zonnepanelen|Energiepremies|Klimaatplan", "energie|zonnepanelen|"
      "warmtepompen|energiepremies|de energiefactuur|het Klimaatplan|klimaatdoelstellingen|"
      "renovatiepremies|windturbines|de energietransitie")
_area("toerisme", "Toerisme Vlaanderen|Logiesaanbod|Kusttoerisme", "toerisme|Toerisme Vlaanderen|"
      "toeristen|het logiesaanbod|de kust|overnachtingen")
_area("brussel", "Brusselse Vlamingen|Vlaams Brusselfonds", "Brussel|de Brusselse Vlamingen|"
      "Nederlandstalige voorzieningen|het Brussels Hoofdstedelijk Gewest|"
      "het Vlaams Brusselfonds")
_area("jeugd", "Jeugdwerk|Jeugdlokalen|Speelpleinwerking", "jeugdwerk|jeugdbewegingen|"
      "jeugdverenigingen|jeugdlokalen|de speelpleinwerking|jongeren")
_area("media", "Regionale omroepen|Mediawijsheid|Beheersovereenkomst VRT", "de VRT|"
      "regionale omroepen|mediawijsheid|lokale media|de beheersovereenkomst|journalisten")


@cache
def portfolio_areas(roles: tuple[str, ...]) -> tuple[str, ...]:
    """The area keys named in a portfolio (`... van Onderwijs, Sport en Vlaamse Rand`)."""
    keys: list[str] = []
    for role in roles:
        if " van " not in role or "Vlaamse Regering" in role:
            continue
        items = re.split(r", | en ", role.split(" van ", 1)[1].lower())
        joined = role.split(" van ", 1)[1].lower()
        for item in items:
            key = item if item in AREAS else None
            if key is None:  # two-word items joined by "en": "justitie en handhaving"
                key = next((k for k in AREAS if k in joined and item in k), None)
            if key is None:
                raise KeyError(f"no area for portfolio item {item!r}")
            keys.append(key)
    return tuple(dict.fromkeys(keys))


def _phrase_words() -> set[str]:
    words: set[str] = set()
    texts = [*COMMON, *ACCENT_VARIANTS, *ACCENT_VARIANTS.values()]
    for topics, phrases in AREAS.values():
        texts += [*topics, *phrases]
    for text in texts:
        words.update(_WORD.findall(text.lower()))
    return words


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """Every lowercase word the generator can print unbroken (filler, phrases, templates)."""
    from synth import text  # templates live there; imported late to avoid a cycle

    return frozenset(SALAD) | _phrase_words() | text.template_words()


_VOWELS = frozenset("aeiouyàáâäèéêëíîïóôöúûü")
# Consonant clusters that may open a Dutch syllable: `aan-bren-gen`, `ge-schreven`.
_ONSETS = frozenset(str.split(
    "bl br ch cl cr dr fl fr gl gr kl kn kr pl pr sch schr sl sm sn sp spr st str tr vl vr wr zw"
))


@cache
def split_points(word: str) -> tuple[int, ...]:
    """Where a line end may break `word` (lowercase letters) with a hyphen that must vanish.

    Breaks fall before the consonants that open a syllable (`eco-nomie`, `aan-bren-gen`).
    Only words wordfreq knows, and never where both halves are words themselves: a reader
    (or parser) seeing `samen-` / `werking` could not tell that from a true compound.
    """
    if len(word) < 8 or word not in FREQ:
        return ()
    vowel = [c in _VOWELS or (c == "j" and i and word[i - 1] == "i") for i, c in enumerate(word)]
    points = []
    for v in range(1, len(word)):
        if not vowel[v] or vowel[v - 1]:
            continue
        start = v - 1
        while start > 0 and not vowel[start - 1]:
            start -= 1
        if start == 0:
            continue  # no vowel before: still the first syllable
        cluster = word[start:v]
        onset = next((cluster[i:] for i in range(len(cluster)) if cluster[i:] in _ONSETS),
                     cluster[-1])
        cut = v - len(onset)
        if 3 <= cut <= len(word) - 3 and not (word[:cut] in FREQ and word[cut:] in FREQ):
            points.append(cut)
    return tuple(points)


@cache
def compound_cut(word: str) -> int:
    """Where a true hyphenated compound (`sociaal-economische`) may break after its hyphen.

    Returns the index just after the hyphen, or 0 when it must not break there: both halves
    must be words and the two halves written together must not be, so that keeping the
    hyphen is the only sensible reading.
    """
    head, dash, tail = word.partition("-")
    if not dash or "-" in tail or not _WORD.fullmatch(head.lower()) \
            or not _WORD.fullmatch(tail.lower()):
        return 0
    head, tail = head.lower(), tail.lower()
    joined = head + tail
    if head in FREQ and tail in FREQ and joined not in FREQ and joined not in lexicon():
        return len(head) + 1
    return 0
