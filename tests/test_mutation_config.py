"""`make mutation` (scripts/mutation.py) is configured in pyproject.toml: every module it
mutates and every test file it runs exists, and mutmut reads the per-module settings the
script writes."""

from __future__ import annotations

import importlib.util
from configparser import ConfigParser

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("mutation", ROOT / "scripts" / "mutation.py")
mutation = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mutation)

# issue 15: query language and compilation, matching, facets and columns, the name rule,
# parser, cleaner, lexicon, stemming, CSV and HTML safety, the commit path
REQUIRED = {"search/query.py", "search/compile.py", "search/matching.py", "search/facets.py",
            "search/columns.py", "index/documents/parser.py", "index/documents/cleaner.py",
            "index/documents/lexicon.py", "index/indexing/stemming.py", "web/feeds.py",
            "web/security.py", "index/indexing/writer.py"}


def test_every_configured_module_and_test_file_exists():
    modules = mutation.settings()["modules"]
    assert set(modules) >= REQUIRED
    for module, tests in modules.items():
        assert (ROOT / module).is_file(), module
        assert tests, module
        for test in tests:
            assert (ROOT / test).is_file(), (module, test)


def test_the_per_module_settings_are_what_mutmut_reads(tmp_path):
    shared = mutation.settings()["mutmut"]
    text = mutation.setup_cfg(shared, "index/documents/dates.py", ["tests/a.py", "tests/b.py"])
    parser = ConfigParser()
    parser.read_string(text)
    lines = [v for v in parser.get("mutmut", "pytest_add_cli_args_test_selection").split("\n")
             if v]
    assert lines == ["tests/a.py", "tests/b.py"]
    assert parser.get("mutmut", "only_mutate").strip() == "index/documents/dates.py"
    assert [v for v in parser.get("mutmut", "source_paths").split("\n") if v] == \
        shared["source_paths"]


def test_make_mutation_runs_the_script_and_ci_does_not():
    makefile = (ROOT / "Makefile").read_text()
    assert "\nmutation: " in makefile and "scripts/mutation.py" in makefile
    assert "mutation" not in (ROOT / ".ci" / "run").read_text()
