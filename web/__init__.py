"""The web front end: a Flask app factory over one long-lived SearchService.

The app renders what `search/` returns and holds no search logic of its own; pages and
JSON come from the same data functions (web/data.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import Flask

from config.settings import Settings
from search.service import SearchService
from web.security import install_security
from web.service import ServiceHolder
from web.text import FILTERS


def create_app(config: dict | None = None, settings: Settings | None = None,
               service: SearchService | None = None) -> Flask:
    """settings: read from the environment now when not given (config/settings.py);
    service: a ready SearchService to share (else one is opened on first use).
    Config keys: INDEX_DIR (else the settings' index_dir), TESTING, TRUSTED_HOSTS (else
    the settings' trusted_hosts; none: any Host header), CLOCK (a function returning
    today's date, for statuses and days waited; default the system's)."""
    settings = settings if settings is not None else Settings.from_env()
    app = Flask(__name__)
    app.config.update(
        INDEX_DIR=settings.index_dir,
        MAX_CONTENT_LENGTH=64 * 1024,
        # Feeds and exports hold absolute links built from the Host header; behind a
        # proxy or on a public address, list the site's names so a forged Host is a 400.
        TRUSTED_HOSTS=list(settings.trusted_hosts) or None,
        CLOCK=dt.date.today,
    )
    app.config.update(config or {})
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions["vraagbaak"] = ServiceHolder(Path(app.config["INDEX_DIR"]), settings,
                                                service)
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
