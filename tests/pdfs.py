"""Generate small PDFs for tests, so no binary fixture has to live in the repository.

Uses fpdf2 with a Unicode TrueType font (DejaVu, found at run time) and falls back to
the core Helvetica font, which only covers Latin-1, when no such font is installed.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

from fpdf import FPDF

_FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
)


@cache
def unicode_font() -> str | None:
    """Path of a TrueType font with Dutch accents and curly quotes, or None."""
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}", "DejaVu Sans"],
                capture_output=True, text=True, timeout=10, check=False,
            ).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            found = ""
        if found.lower().endswith(".ttf") and Path(found).is_file():
            return found
    return next((p for p in _FONT_PATHS if Path(p).is_file()), None)


def make_pdf(
    path: Path,
    pages: str | list[str],
    *,
    user_password: str | None = None,
    owner_password: str | None = None,
) -> Path:
    """Write `pages` (text, one string per page; lines kept as lines) to a PDF at `path`."""
    pdf = FPDF(format="A4")
    font = unicode_font()
    if font:
        pdf.add_font("Body", fname=font)
        pdf.set_font("Body", size=11)
    else:
        pdf.set_font("Helvetica", size=11)
    if owner_password is not None or user_password is not None:
        pdf.set_encryption(owner_password=owner_password or "owner",
                           user_password=user_password or "")
    for page in [pages] if isinstance(pages, str) else pages:
        pdf.add_page()
        for line in page.split("\n"):
            if not font:
                line = line.replace("’", "'").encode("latin-1", "replace").decode("latin-1")
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def make_image_only_pdf(path: Path) -> Path:
    """A page with drawing but no text, like a scan."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_fill_color(80, 80, 80)
    for i in range(10):
        pdf.rect(20, 20 + 12 * i, 150, 6, style="F")
    pdf.output(str(path))
    return path


class ModernPdf:
    """A PDF laid out like the parliament's 2024-2026 documents: header lines, the title
    followed at once by the body, justified paragraphs whose lines keep the space at
    their end (as word processors write them), bullets, a table, footnotes at the foot
    of a page."""

    def __init__(self):
        self.pdf = FPDF(format="A4")
        font = unicode_font()
        if font:
            self.pdf.add_font("Body", fname=font)
            self.pdf.set_font("Body", size=11)
        else:
            self.pdf.set_font("Helvetica", size=11)
        self.pdf.set_auto_page_break(False)
        self.pdf.add_page()

    def line(self, text: str) -> None:
        self.pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")

    def paragraph(self, text: str, indent: float = 0.0, bullet: str | None = None) -> None:
        """Justified: each line but the last spread to the margin, word by word."""
        pdf = self.pdf
        left = pdf.l_margin + indent
        width = pdf.epw - indent
        pdf.set_x(left)
        lines = pdf.multi_cell(width, 6, text, dry_run=True, output="LINES")
        for index, line in enumerate(lines):
            y = pdf.get_y()
            if bullet and index == 0:
                pdf.text(pdf.l_margin, y + 4.5, bullet)
            words = line.split()
            if index < len(lines) - 1 and len(words) > 1:
                gap = (width - sum(pdf.get_string_width(w) for w in words)) / (len(words) - 1)
                x = left
                for k, word in enumerate(words):
                    pdf.text(x, y + 4.5, word + (" " if k == len(words) - 1 else ""))
                    x += pdf.get_string_width(word) + gap
            else:
                pdf.text(left, y + 4.5, line)
            pdf.set_y(y + 6)

    def table(self, rows: list[list[str]]) -> None:
        from fpdf.fonts import FontFace

        with self.pdf.table(width=120, align="LEFT", headings_style=FontFace()) as table:
            for cells in rows:
                row = table.row()
                for cell in cells:
                    row.cell(cell)

    def footnote(self, text: str) -> None:
        """At the foot of the current page; the next text goes on a new page."""
        pdf = self.pdf
        pdf.set_y(-25)
        pdf.set_font_size(8)
        pdf.cell(0, 4, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font_size(11)
        pdf.add_page()

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path
