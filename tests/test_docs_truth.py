"""Where a doc gives a command and its output, the command is run and the output compared;
where a doc names a tool, something in the project uses it."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import tomllib

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
ANALYSIS = (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")


def vraagbaak(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    """The bundled corpus indexed as `vraagbaak index` with no path does."""
    index_dir = tmp_path_factory.mktemp("readme") / "index"
    done = vraagbaak("index", "--index-dir", str(index_dir))
    assert done.returncode == 0, done.stderr
    files = len([p for p in (ROOT / "corpus").iterdir() if p.suffix in (".txt", ".pdf")])
    assert f"{files} added" in done.stdout, done.stdout
    return index_dir


def test_readme_json_example_is_the_real_output_of_its_command(corpus_index):
    section = README[README.index("### `vraagbaak search --json`"):]
    command = re.search(r"^    (vraagbaak search .*--json)$", section, re.MULTILINE).group(1)
    shown = json.loads(re.search(r"```json\n(.*?)\n```", section, re.DOTALL).group(1))
    done = vraagbaak(*shlex.split(command)[1:], "--index-dir", str(corpus_index))
    assert done.returncode == 0, done.stderr
    real = json.loads(done.stdout)
    assert isinstance(real.pop("took_ms"), float) and isinstance(shown.pop("took_ms"), float)
    assert real == shown


def analysis_table() -> list[tuple[str, str, str]]:
    """(input, stemmed terms, exact terms) rows of the table in docs/analysis.md."""
    rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \| `([^`]+)` \|$", ANALYSIS, re.MULTILINE)
    assert len(rows) >= 2
    return rows


def test_analysis_doc_table_is_what_vraagbaak_analyze_prints():
    rows = analysis_table()
    text = "".join(f"{given}\n" for given, _, _ in rows)
    stemmed = vraagbaak("analyze", stdin=text)
    exact = vraagbaak("analyze", "--exact", stdin=text)
    assert stemmed.returncode == exact.returncode == 0, (stemmed.stderr, exact.stderr)
    assert stemmed.stdout.splitlines() == [s for _, s, _ in rows]
    assert exact.stdout.splitlines() == [e for _, _, e in rows]


def test_analysis_doc_compound_example_is_what_vraagbaak_analyze_prints():
    block = re.search(r"^    index:  (.*)\n    query:  (.*)$", ANALYSIS, re.MULTILINE)
    positions = {"index": block.group(1).split(), "query": block.group(2).split()}
    words = "sociaal-economische organiseer"
    index = vraagbaak("analyze", stdin=words + "\n").stdout.split()
    query = vraagbaak("analyze", "--query", stdin=words + "\n").stdout.split()
    assert index == [t.split("@")[0] for t in positions["index"]]
    assert query == [t.split("@")[0] for t in positions["query"]]


# import name, or where the tool is run from, of each development extra
USED_BY = {
    "pytest": ("tests", "import pytest"), "hypothesis": ("tests", "from hypothesis"),
    "ruff": ("Makefile", "ruff check"), "playwright": ("tests", "playwright"),
    "fpdf2": ("tests", "from fpdf"), "bandit": ("tests", '"bandit"'),
    "pip-audit": ("scripts", "pip_audit"), "matplotlib": ("bench", "import matplotlib"),
    "py-spy": ("bench", "py-spy"), "mutmut": ("scripts", "mutmut"),
    "axe-playwright-python": ("tests", "from axe_playwright_python"),
    "feedparser": ("tests", "import feedparser"), "simplemma": ("bench", "simplemma"),
}


def dev_extras() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [re.match(r"[A-Za-z0-9_.-]+", spec).group(0).lower()
            for spec in project["optional-dependencies"]["dev"]]


def test_every_development_tool_is_used_where_the_readme_says():
    deps = README[README.index("## Dependencies"):]
    for name in dev_extras():
        assert name in USED_BY, f"{name}: say in USED_BY where it is used"
        place, needle = USED_BY[name]
        files = [ROOT / place] if (ROOT / place).is_file() else \
            sorted((ROOT / place).rglob("*.py"))
        assert any(needle in f.read_text(encoding="utf-8") for f in files), (name, place)
        assert name in deps, f"README does not name the development extra {name}"
    tests_part, bench_part = deps.split("Used by the benchmarks only")[:2] if \
        "Used by the benchmarks only" in deps else (deps, "")
    for name in dev_extras():
        if USED_BY[name][0] == "bench":
            assert name in bench_part, f"README says the tests use {name}; only bench does"


def test_readme_names_no_system_package_the_install_script_does_not_install():
    script = (ROOT / "scripts" / "install-system-deps.sh").read_text()
    installed = set(re.findall(r"need\+=\(([\w.-]+)\)", script))
    fresh = README[:README.index("Vraagbaak is a full-text")]
    named = set(re.findall(r"`([a-z0-9.-]+)`", fresh)) - {".venv/", ".ci/run"}
    named = {n for n in named if not n.endswith((".sh", ".toml"))}
    assert named == installed
    assert "chromium-driver" not in README  # Playwright drives chromium itself
