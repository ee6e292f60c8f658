#!/usr/bin/env bash
# Installs the Debian packages that a fresh Debian 12 (Python 3.11 and base packages only)
# lacks for `make test` and `make serve`, and skips what is already there:
#   make                the README's commands run through the Makefile
#   python3-venv        `python3 -m venv .venv` (Debian splits venv/ensurepip off python3)
#   fonts-dejavu-core   a Unicode font for the PDFs the tests generate (tests/pdfs.py)
#   poppler-utils       pdftotext, the PDF reader
#   hunspell-nl         the Dutch word list for hyphenation
#   chromium            the browser the Playwright tests drive (tests/webui)
# Needs root or sudo to install; says which packages and how otherwise.
# VRAAGBAAK_SYSTEM_ROOT (tests only) prefixes the file checks, so a test can pose as a
# machine that has nothing.
set -euo pipefail
root="${VRAAGBAAK_SYSTEM_ROOT:-}"
python="${PYTHON:-python3}"
need=()
command -v make >/dev/null 2>&1 || need+=(make)
"$python" -c 'import ensurepip, venv' >/dev/null 2>&1 || need+=(python3-venv)
[ -e "$root/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" ] || need+=(fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -e "$root/usr/share/hunspell/nl.dic" ] || need+=(hunspell-nl)
[ -x "$root/usr/bin/chromium" ] || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "install-system-deps: these Debian packages are missing: ${need[*]}" >&2
    echo "install-system-deps: run as root (no sudo here): apt-get install ${need[*]}" >&2
    exit 1
fi
echo "install-system-deps: installing ${need[*]}"
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${need[@]}"
