#!/usr/bin/env bash
# Installs the Debian packages that Vraagbaak's tests and PDF reading use:
# poppler-utils (pdftotext), hunspell-nl (Dutch word list for hyphenation),
# chromium and chromium-driver (browser tests). Skips what is already there.
set -euo pipefail
need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -e /usr/share/hunspell/nl.dic ] || need+=(hunspell-nl)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "install-system-deps: need root to install: ${need[*]}" >&2
        exit 1
    fi
else
    SUDO=
fi
echo "install-system-deps: installing ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core
