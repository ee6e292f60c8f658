"""Mutation testing with mutmut, one module at a time (`make mutation`; not in CI: slow).

pyproject.toml holds the configuration: `[tool.vraagbaak.mutation]` has the mutmut
settings shared by every module and, in `modules`, each module to mutate with the test
files that are about it. For each module this script makes a scratch copy of the checkout
under build/mutation/ (mutmut writes its mutants next to the code it runs), gives mutmut
that module and only those tests, runs it, and counts the outcome of every mutant. Prints
the score per module and exits 1 when a module is under the target.

    python scripts/mutation.py                    # every configured module
    python scripts/mutation.py index/documents/dates.py     # some of them
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutation"
KILLED = {"killed", "timeout"}  # a mutant that makes the tests hang is caught as well
IGNORE = shutil.ignore_patterns(".venv", "build", "mutants", "__pycache__", ".git", "out",
                                "*.egg-info", "screenshots", ".pytest_cache", ".ruff_cache")


def settings() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["vraagbaak"]["mutation"]


def setup_cfg(shared: dict, module: str, tests: list[str]) -> str:
    """mutmut's configuration for one module (setup.cfg: mutmut reads it when pyproject
    has no [tool.mutmut], and it takes one value per line)."""
    values = {**shared, "only_mutate": [module], "pytest_add_cli_args_test_selection": tests}
    lines = ["[mutmut]"]
    for key, value in values.items():
        if isinstance(value, list):
            lines.append(f"{key}=\n" + "\n".join(f"    {v}" for v in value))
        else:
            lines.append(f"{key}={str(value).lower() if isinstance(value, bool) else value}")
    return "\n".join(lines) + "\n"


def run_module(module: str, tests: list[str], shared: dict, mutmut: str) -> Counter:
    scratch = WORK / re.sub(r"\W", "_", module)
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(ROOT, scratch, ignore=IGNORE)
    (scratch / "setup.cfg").write_text(setup_cfg(shared, module, tests))
    log = scratch.with_suffix(".log")
    with open(log, "w") as out:
        done = subprocess.run([mutmut, "run"], cwd=scratch, stdout=out, stderr=subprocess.STDOUT,
                              check=False)
    if done.returncode != 0:
        raise SystemExit(f"mutmut failed on {module}; see {log}")
    listing = subprocess.run([mutmut, "results", "--all", "true"], cwd=scratch,
                             capture_output=True, text=True, check=True).stdout
    outcomes = Counter(line.rsplit(": ", 1)[1].strip() for line in listing.splitlines()
                       if ": " in line)
    survivors = [line.split(":")[0].strip() for line in listing.splitlines()
                 if line.rstrip().endswith(": survived")]
    (scratch.with_suffix(".survivors")).write_text("\n".join(survivors) + "\n")
    return outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: all)")
    args = parser.parse_args()
    config = settings()
    modules: dict[str, list[str]] = config["modules"]
    chosen = args.modules or list(modules)
    unknown = [m for m in chosen if m not in modules]
    if unknown:
        parser.error(f"not configured in [tool.vraagbaak.mutation.modules]: {unknown}")
    mutmut = shutil.which("mutmut") or str(Path(sys.executable).with_name("mutmut"))
    shared = config["mutmut"]
    target = float(config["target"])
    WORK.mkdir(parents=True, exist_ok=True)
    failed = []
    print(f"{'module':32} {'mutants':>7} {'killed':>7} {'timeout':>7} {'survived':>8} "
          f"{'other':>6} {'score':>6}")
    for module in chosen:
        outcomes = run_module(module, modules[module], shared, mutmut)
        total = sum(outcomes.values())
        killed = sum(outcomes[k] for k in KILLED)
        score = 100.0 * killed / total if total else 100.0
        other = total - killed - outcomes["survived"]
        print(f"{module:32} {total:7} {outcomes['killed']:7} {outcomes['timeout']:7} "
              f"{outcomes['survived']:8} {other:6} {score:5.1f}%", flush=True)
        if score < target:
            failed.append(module)
    if failed:
        print(f"under {target:.0f}% killed: {', '.join(failed)} "
              f"(survivors listed in {WORK.relative_to(ROOT)}/*.survivors)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
