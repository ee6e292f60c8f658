"""A fresh Debian 12 with only Python 3.11 and base packages: the README's commands must
install what they need first (scripts/install-system-deps.sh), as root or with sudo, and
say clearly what is missing otherwise.

The machine is posed by a PATH holding only stub commands (`id`, `apt-get`, `sudo`) and
an empty file-system root for the file checks, so no package is really installed.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "install-system-deps.sh"
README = (ROOT / "README.md").read_text(encoding="utf-8")
EVERYTHING = {"make", "python3-venv", "fonts-dejavu-core", "poppler-utils", "hunspell-nl",
              "chromium"}
BASH = "/bin/bash"


def stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!{BASH}\n{body}\n")
    path.chmod(0o755)


def bare_machine(tmp_path: Path, uid: int, sudo: bool) -> tuple[dict, Path]:
    """(environment, log of apt-get calls) for a machine with none of the packages."""
    bin_dir, log = tmp_path / "bin", tmp_path / "apt.log"
    bin_dir.mkdir()
    stub(bin_dir, "id", f"echo {uid}")
    stub(bin_dir, "env", 'exec /usr/bin/env "$@"')
    stub(bin_dir, "apt-get", f'echo "${{SUDO_MARK:-root}} $*" >> {log}')
    if sudo:
        stub(bin_dir, "sudo", 'SUDO_MARK=sudo exec "$@"')
    (tmp_path / "root").mkdir()
    env = {"PATH": str(bin_dir), "PYTHON": str(tmp_path / "no-python"),
           "VRAAGBAAK_SYSTEM_ROOT": str(tmp_path / "root"), "HOME": str(tmp_path)}
    return env, log


def run_script(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([BASH, str(SCRIPT)], env=env, capture_output=True, text=True,
                          timeout=60, check=False)


def installed(log: Path) -> tuple[str, set[str]]:
    """(who ran the install, the packages it named)."""
    lines = log.read_text().splitlines()
    assert len(lines) == 2 and lines[0].split()[1:] == ["update", "-qq"], lines
    who, command, *args = lines[1].split()
    assert command == "install" and lines[0].split()[0] == who, lines
    return who, {w for w in args if not w.startswith("-")}


def test_as_root_everything_a_bare_debian_lacks_is_installed(tmp_path):
    env, log = bare_machine(tmp_path, uid=0, sudo=False)
    done = run_script(env)
    assert done.returncode == 0, done.stderr
    who, packages = installed(log)
    assert who == "root" and packages == EVERYTHING


def test_without_root_sudo_installs_it(tmp_path):
    env, log = bare_machine(tmp_path, uid=1000, sudo=True)
    done = run_script(env)
    assert done.returncode == 0, done.stderr
    assert installed(log) == ("sudo", EVERYTHING)


def test_without_root_or_sudo_it_says_what_is_missing_and_how(tmp_path):
    env, log = bare_machine(tmp_path, uid=1000, sudo=False)
    done = run_script(env)
    assert done.returncode == 1
    assert not log.exists()
    assert "run as root" in done.stderr
    named = set(re.search(r"apt-get install (.*)", done.stderr).group(1).split())
    assert named == EVERYTHING


def test_on_a_provisioned_machine_it_installs_nothing(tmp_path):
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    done = run_script(env)
    assert (done.returncode, done.stdout) == (0, ""), done.stderr


def test_readme_commands_install_system_packages_first_and_ci_runs_the_test_command():
    commands = [line.split("#")[0].strip() for line in README.splitlines()
                if line.startswith("    ") and "make " in line][:2]
    assert commands == ["bash scripts/install-system-deps.sh && make serve",
                        "bash scripts/install-system-deps.sh && make test"]
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
          if line and not line.startswith(("#", "set ", "cd "))]
    assert ci == [commands[1]]
