"""The README is documentation users follow: its commands and links must be real."""

from __future__ import annotations

import re
import shlex

from click.testing import CliRunner

from cli.main import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_fresh_machine_commands():
    commands = [line.split("#")[0].strip() for line in README.splitlines()
                if line.startswith("    ") and "make " in line]
    assert [c.split("&& ")[-1] for c in commands[:2]] == ["make serve", "make test"]
    assert (ROOT / ".ci" / "run").read_text().strip().endswith(commands[1])


def test_every_documented_command_and_option_exists():
    runner = CliRunner()
    documented = re.findall(r"^    (vraagbaak [^#\n]*)", README, flags=re.MULTILINE)
    assert len(documented) >= 8
    for line in documented:
        words = shlex.split(line.replace("...", "").replace("<", "").replace(">", ""))
        command = [w for w in words[1:3] if not w.startswith(("-", "[", '"')) and w.isalpha()]
        result = runner.invoke(cli, [*command, "--help"])
        assert result.exit_code == 0, (line, result.output)
        for option in re.findall(r"--[a-z-]+", line):
            assert option in result.output, (line, option)


def test_documented_files_exist():
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        assert (ROOT / target).exists(), target
