"""`vraagbaak serve`: the web front end on a production WSGI server (waitress).

On a fresh machine there is no index yet, so serve first indexes the bundled corpus;
that makes `vraagbaak serve` the one command a new user needs.
"""

from __future__ import annotations

from pathlib import Path

import click

from cli.options import current_settings, index_dir_option
from index.indexing.store import index_exists

THREADS = 8


def ensure_index(index_dir: Path) -> None:
    """Index the bundled corpus (with progress) when index_dir holds no index yet."""
    if index_exists(index_dir):
        return
    from cli.index_cmd import run_index
    from config.settings import BUNDLED_CORPUS

    click.echo(f"No index in {index_dir} yet: indexing the bundled corpus ({BUNDLED_CORPUS}).",
               err=True)
    code = run_index([BUNDLED_CORPUS], index_dir)
    if not index_exists(index_dir):
        raise click.ClickException(f"indexing failed (exit {code}); nothing to serve")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@index_dir_option
@click.option("--debug", is_flag=True,
              help="Flask's development server with the debugger; never on a public address.")
def serve(host: str, port: int, index_dir: Path, debug: bool) -> None:
    """Serve the search site at http://HOST:PORT/ (indexing the bundled corpus first
    when no index exists). Documents indexed meanwhile appear without a restart."""
    ensure_index(index_dir)
    from web import create_app

    app = create_app({"INDEX_DIR": index_dir}, current_settings())
    click.echo(f"Vraagbaak: http://{host}:{port}/ (index: {index_dir}); Ctrl+C stops.", err=True)
    if debug:
        app.run(host=host, port=port, debug=True, use_reloader=False)  # noqa: S201
        return
    import waitress

    waitress.serve(app, host=host, port=port, threads=THREADS, ident="vraagbaak")


COMMANDS = [serve]
