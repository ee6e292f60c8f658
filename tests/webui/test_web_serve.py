"""`vraagbaak serve`: indexes the bundled corpus on a fresh machine, runs waitress (the
development server only with --debug), and shows newly indexed documents without restart."""

from __future__ import annotations

import shutil
import time

import pytest
from click.testing import CliRunner
from webui_support import SEED_COORDINATED, SEED_REFERRAL, hostile_text

from cli.serve_cmd import THREADS, ensure_index, serve
from index.indexing.store import index_exists
from index.indexing.writer import index_paths
from web import create_app


@pytest.fixture(scope="module")
def bundled_index(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("serve") / "index"
    assert not index_exists(index_dir)
    ensure_index(index_dir)
    assert index_exists(index_dir)
    return index_dir


def test_fresh_machine_indexes_the_bundled_corpus(bundled_index):
    client = create_app({"INDEX_DIR": bundled_index}).test_client()
    data = client.get("/api/search").get_json()
    # corpus/: the joint seed question (two records) and the two 2025-2026 documents
    assert data["total"] == 3 and data["records"] == 4


def test_serve_uses_waitress(monkeypatch, bundled_index):
    calls = []
    import waitress

    monkeypatch.setattr(waitress, "serve", lambda app, **kw: calls.append((app, kw)))
    result = CliRunner().invoke(serve, ["--index-dir", str(bundled_index), "--port", "8123"])
    assert result.exit_code == 0, result.output
    app, options = calls[0]
    assert options == {"host": "127.0.0.1", "port": 8123, "threads": THREADS,
                       "ident": "vraagbaak"}
    assert app.debug is False


def test_serve_debug_uses_the_development_server(monkeypatch, bundled_index):
    from flask import Flask

    calls = []
    monkeypatch.setattr(Flask, "run", lambda self, **kw: calls.append(kw))
    result = CliRunner().invoke(serve, ["--index-dir", str(bundled_index), "--debug"])
    assert result.exit_code == 0, result.output
    assert calls[0]["debug"] is True and calls[0]["host"] == "127.0.0.1"


def test_serve_is_a_vraagbaak_subcommand():
    from cli.main import cli

    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--index-dir" in result.output and "--port" in result.output


def test_new_documents_appear_without_restart(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in (SEED_COORDINATED, SEED_REFERRAL):
        shutil.copy(seed, corpus)
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir, workers=1)
    client = create_app({"INDEX_DIR": index_dir}).test_client()
    assert client.get("/api/search?q=verkeersborden").get_json()["total"] == 0
    (corpus / "new.txt").write_text(hostile_text(), encoding="utf-8")
    index_paths([corpus], index_dir, workers=1)
    deadline = time.monotonic() + 5
    while client.get("/api/search?q=verkeersborden").get_json()["total"] == 0:
        assert time.monotonic() < deadline, "new document never appeared"
        time.sleep(0.2)
