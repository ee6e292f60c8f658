"""The index store (index/indexing/store.py): one owner for the index directory, its errors, and
their wording on the terminal (cli/options.py) and on the site (web/security.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from whoosh import fields
from whoosh.filedb.filestore import FileStorage

from cli.main import cli
from index.indexing.store import (
    INDEX_NAME,
    IndexMissingError,
    IndexVersionError,
    index_exists,
    open_index,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def old_index(tmp_path) -> Path:
    """An index with the stemmed-field schema of version 1."""
    folder = tmp_path / "old"
    folder.mkdir()
    FileStorage(str(folder)).create_index(
        fields.Schema(id=fields.ID(stored=True), title=fields.TEXT()), indexname=INDEX_NAME)
    return folder


@pytest.fixture
def schema4_index(tmp_path) -> Path:
    """An index of schema 4: today's fields, but the exact fields' analyzer adds no
    compound parts (their words were split at search time then)."""
    from index.indexing.analysis import exact_analyzer
    from index.indexing.schema import EXACT_FIELDS, build_schema, schema_version

    schema = build_schema()
    for name in EXACT_FIELDS:
        schema[name].analyzer = exact_analyzer(parts=False)
    assert schema_version(schema) == 4
    folder = tmp_path / "v4"
    folder.mkdir()
    FileStorage(str(folder)).create_index(schema, indexname=INDEX_NAME)
    return folder


def test_an_index_without_compound_parts_asks_for_a_reindex(schema4_index):
    assert index_exists(schema4_index)
    with pytest.raises(IndexVersionError, match="delete that folder"):
        open_index(schema4_index)
    result = CliRunner().invoke(cli, ["search", "opvang", "--index-dir", str(schema4_index)])
    assert result.exit_code == 1 and "older Vraagbaak" in result.output
    assert "Traceback" not in result.output


def test_a_missing_index_is_reported_and_nothing_is_created(tmp_path):
    folder = tmp_path / "nothing-here"
    assert not index_exists(folder)
    with pytest.raises(IndexMissingError, match="vraagbaak index"):
        open_index(folder)
    assert not folder.exists()


def test_create_makes_an_empty_index_that_then_exists(tmp_path):
    ix = open_index(tmp_path / "new", create=True)
    assert ix.doc_count() == 0 and index_exists(tmp_path / "new")
    assert open_index(tmp_path / "new").doc_count() == 0


def test_an_old_index_is_refused_even_when_creating(old_index):
    assert index_exists(old_index)
    for create in (False, True):
        with pytest.raises(IndexVersionError, match="delete that folder"):
            open_index(old_index, create=create)


@pytest.mark.parametrize("command", [["search", "x"], ["stats"], ["show", "some-id"]])
def test_the_cli_says_what_to_do_for_a_missing_or_old_index(tmp_path, old_index, command):
    runner = CliRunner()
    missing = runner.invoke(cli, [*command, "--index-dir", str(tmp_path / "none")])
    assert missing.exit_code == 1 and "run `vraagbaak index` first" in missing.output
    old = runner.invoke(cli, [*command, "--index-dir", str(old_index)])
    assert old.exit_code == 1 and "older Vraagbaak" in old.output
    assert "Traceback" not in missing.output + old.output


def test_indexing_into_an_old_index_says_what_to_do(old_index):
    result = CliRunner().invoke(cli, ["index", str(ROOT / "corpus"), "--index-dir",
                                      str(old_index)])
    assert result.exit_code == 1 and "older Vraagbaak" in result.output


def test_the_site_says_what_to_do_for_a_missing_or_old_index(tmp_path, old_index):
    from config.settings import Settings
    from web import create_app

    for folder, words in ((tmp_path / "none", "nog geen index"), (old_index, "oudere versie")):
        client = create_app({"TESTING": True}, Settings(index_dir=folder)).test_client()
        page = client.get("/?q=x")
        assert page.status_code == 503 and words in page.get_data(as_text=True)
        api = client.get("/api/search?q=x")
        assert api.status_code == 503 and words in api.get_json()["error"]


def test_the_search_service_does_not_import_the_writer():
    code = ("import sys, search.service, web, cli.search_cmd; "
            "print(sorted(m for m in ('index.indexing.writer', 'index.indexing.segments') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"


WRITE_UNDER_OLD_PATHS = """
import sys
from pathlib import Path
import index.indexing.analysis as analysis, index.indexing.postings as postings
# the analyzers and the codec as an index of schema 3 pickled them: under the module
# paths `index` + `.analysis` and `.postings`, the paths before index/ was split in two rooms
for module, old in ((analysis, "index." + "analysis"), (postings, "index." + "postings")):
    sys.modules[old] = module
    for value in vars(module).values():
        if isinstance(value, type) and value.__module__ == module.__name__:
            value.__module__ = old
from index.indexing.store import open_index
open_index(Path(sys.argv[1]), create=True)
"""


def test_an_index_pickled_under_the_old_module_paths_asks_for_a_reindex(tmp_path):
    folder = tmp_path / "v3"
    subprocess.run([sys.executable, "-c", WRITE_UNDER_OLD_PATHS, str(folder)], cwd=ROOT,
                   check=True)
    assert index_exists(folder)
    with pytest.raises(IndexVersionError, match="delete that folder"):
        open_index(folder)
    result = CliRunner().invoke(cli, ["search", "x", "--index-dir", str(folder)])
    assert result.exit_code == 1 and "older Vraagbaak" in result.output
