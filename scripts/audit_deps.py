"""Run pip-audit on the installed dependencies and refuse to call an empty audit a pass.

pip-audit exits 0 ("No known vulnerabilities found") even when it could not look up a
single package, for example when the vulnerability service is unreachable or a package
index mirror does not serve PyPI's JSON API. This wrapper reads its JSON report and exits:

    0  every dependency was checked and none has a known vulnerability
    1  some dependency has a known vulnerability (listed)
    3  the audit is incomplete: some dependencies could not be checked (listed)

Usage: python scripts/audit_deps.py [pip-audit options, e.g. -s osv]
"""

from __future__ import annotations

import json
import subprocess
import sys

INCOMPLETE = 3


def run_pip_audit(extra: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-m", "pip_audit", "-f", "json", "--skip-editable",
                           "--progress-spinner", "off", *extra],
                          capture_output=True, text=True, timeout=600, check=False)
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"dependencies": [], "error": f"pip-audit failed: {tail[:300]}"}


def verdict(report: dict) -> tuple[int, list[str]]:
    """Exit code and the lines that explain it."""
    deps = report.get("dependencies", [])
    skipped = [d for d in deps if "skip_reason" in d]
    vulnerable = [d for d in deps if d.get("vulns")]
    checked = len(deps) - len(skipped)
    lines = [f"pip-audit: {checked} of {len(deps)} dependencies checked"]
    if report.get("error"):
        lines.append(report["error"])
    for dep in vulnerable:
        ids = ", ".join(v["id"] for v in dep["vulns"])
        lines.append(f"VULNERABLE {dep['name']} {dep.get('version', '')}: {ids}")
    for dep in skipped:
        lines.append(f"not checked: {dep['skip_reason']}")
    if vulnerable:
        return 1, lines
    if skipped or not deps or report.get("error"):
        lines.append("INCOMPLETE: an audit that could not check every dependency is no pass")
        return INCOMPLETE, lines
    lines.append("no known vulnerabilities")
    return 0, lines


def main() -> int:
    code, lines = verdict(run_pip_audit(sys.argv[1:]))
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
