"""Where things live by default: the bundled corpus and the index directory."""

from __future__ import annotations

import os
from pathlib import Path

ENV_INDEX_DIR = "VRAAGBAAK_INDEX_DIR"
BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def default_index_dir() -> Path:
    """`$VRAAGBAAK_INDEX_DIR`, else `$XDG_DATA_HOME/vraagbaak/index`
    (`~/.local/share/vraagbaak/index`)."""
    explicit = os.environ.get(ENV_INDEX_DIR)
    if explicit:
        return Path(explicit)
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "vraagbaak" / "index"
