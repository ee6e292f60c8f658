"""Constants and helpers shared by the web tests (imported by name: tests/webui is on
sys.path when pytest collects this folder)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[2]
SEED_COORDINATED = ROOT / "corpus" / "000_a5f8e81f83ddaffe.txt"
SEED_REFERRAL = ROOT / "corpus" / "002_fefc31c8e2672c2d.txt"
# two real 2025-2026 documents: footnotes at page ends, bullets, tables
REAL_FOOTNOTES = ROOT / "corpus" / "vp_2025-2026_sv28_faraji_diependaele.txt"
REAL_TABLES = ROOT / "corpus" / "vp_2025-2026_sv177_pieters_diependaele.txt"
FOOTNOTES_ID = "2025-10-02-matthias-diependaele-28"
TABLES_ID = "2026-01-19-matthias-diependaele-177"
SYNTH_COUNT = 300
SYNTH_SEED = 11
HOSTILE_ID = "2020-09-25-hilde-crevits-852"
HOSTILE_TITLE = "=HYPERLINK(\"http://evil.example\") <script>alert('xss')</script> verkeersborden"
COORDINATED_ID = "2020-09-25-hilde-crevits-851"
REFERRAL_ID = "2020-09-25-bart-somers-378"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; scripts/install-system-deps.sh
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


def hostile_text() -> str:
    """The coordinated seed turned into a single question with markup in its text."""
    text = SEED_COORDINATED.read_text(encoding="utf-8")
    text = text.replace("Sociale economie - Betrokkenheid en rol lokale besturen", HOSTILE_TITLE)
    text = text.replace("vraag nr. 851", "vraag nr. 852")
    text = text.replace("Deze vraag werd gesteld aan de ministers Hilde Crevits (851) en "
                        "Bart Somers (378).", "")
    text = text.replace("GECOORDINEERD ANTWOORD", "ANTWOORD")
    return text.replace("Werk is voor ons allemaal", "Werk <script>alert(1)</script> is voor "
                                                     "ons allemaal")


def watch(page):
    """Record what must never happen on a page: script errors, console errors (a CSP
    violation is one) and dialogs (an injected alert would be one)."""
    page.problems = []
    page.set_default_timeout(10_000)
    page.on("pageerror", lambda error: page.problems.append(f"pageerror: {error}"))
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(
        f"console: {msg.text}"))

    def dialog(d):
        page.problems.append(f"dialog: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    return page


def shoot(page, name: str, full_page: bool = True) -> Path:
    """Save a screenshot for a person to look at (tests/screenshots/, gitignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[dict] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            anchor = {**dict(attrs), "text": ""}
            self.found.append(anchor)
            self._open.append(anchor)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for anchor in self._open:
            anchor["text"] += data


def anchors(html: str, within: str | None = None) -> list[dict]:
    """The <a> elements of a page (attributes plus collapsed text), optionally only those
    after the first occurrence of `within` (e.g. '<aside')."""
    if within is not None:
        html = html[html.index(within):]
    parser = _Anchors()
    parser.feed(html)
    for anchor in parser.found:
        anchor["text"] = " ".join(anchor["text"].split())
    return parser.found


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)
