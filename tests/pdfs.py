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
