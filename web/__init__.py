"""The web front end: a Flask app factory over one long-lived SearchService.

The app renders what `search/` returns and holds no search logic of its own; pages and
JSON come from the same data functions (web/data.py).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from flask import Flask

from index.config import ENV_INDEX_DIR, default_index_dir
from web.security import install_security
from web.service import ServiceHolder
from web.text import FILTERS

ENV_TRUSTED_HOSTS = "VRAAGBAAK_TRUSTED_HOSTS"


def create_app(config: dict | None = None) -> Flask:
    """Config keys: INDEX_DIR (else $VRAAGBAAK_INDEX_DIR, else the default), TESTING,
    SERVICE (a ready SearchService to share, e.g. between test apps), TRUSTED_HOSTS
    (else $VRAAGBAAK_TRUSTED_HOSTS, comma-separated; unset: any Host header), CLOCK (a
    function returning today's date, for statuses and days waited; default the system's)."""
    app = Flask(__name__)
    trusted = [h.strip() for h in os.environ.get(ENV_TRUSTED_HOSTS, "").split(",") if h.strip()]
    app.config.update(
        INDEX_DIR=os.environ.get(ENV_INDEX_DIR) or default_index_dir(),
        MAX_CONTENT_LENGTH=64 * 1024,
        # Feeds and exports hold absolute links built from the Host header; behind a
        # proxy or on a public address, list the site's names so a forged Host is a 400.
        TRUSTED_HOSTS=trusted or None,
        CLOCK=dt.date.today,
    )
    app.config.update(config or {})
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions["vraagbaak"] = ServiceHolder(Path(app.config["INDEX_DIR"]),
                                                app.config.get("SERVICE"))
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    from web.api import bp as api_bp
    from web.feeds import bp as feeds_bp
    from web.follow import bp as follow_bp
    from web.pages import bp as pages_bp

    app.register_blueprint(pages_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(feeds_bp)
    app.register_blueprint(follow_bp)
    install_security(app)
    return app


__all__ = ["create_app"]
