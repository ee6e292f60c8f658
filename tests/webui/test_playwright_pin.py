"""Playwright drives Debian's own Chromium (/usr/bin/chromium), never a browser build of its
own, so its version range in pyproject.toml is the range checked against Debian 12's
Chromium. Checked (launch with the tests' arguments, load a page, click, type, evaluate):

| Playwright | Debian 12 Chromium | how |
|---|---|---|
| 1.45.0, 1.50.0, 1.58.0, 1.63.0 | 156.0.8078.108 | the smoke check below, in a scratch venv |
| 1.65.2 | 156.0.8078.108 | the whole browser suite (tests/webui) |

A Playwright outside the checked range needs that check again before the pin moves.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from tests.conftest import ROOT

CHECKED_PLAYWRIGHT = ["1.45.0", "1.50.0", "1.58.0", "1.63.0", "1.65.2"]
CHECKED_CHROMIUM = ["156.0.8078.108"]


def playwright_pin() -> Requirement:
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]["dev"]
    (spec,) = [Requirement(s) for s in dev if Requirement(s).name == "playwright"]
    return spec


def test_the_pin_spans_exactly_the_checked_playwright_versions():
    pin = playwright_pin().specifier
    checked = sorted(Version(v) for v in CHECKED_PLAYWRIGHT)
    assert all(pin.contains(v) for v in checked), pin
    lowest, highest = checked[0], checked[-1]
    assert not pin.contains(Version(f"{lowest.major}.{lowest.minor - 1}.99")), pin
    assert not pin.contains(Version(f"{highest.major}.{highest.minor + 1}.0")), pin


def test_the_installed_playwright_is_within_the_pin():
    installed = importlib.metadata.version("playwright")
    assert playwright_pin().specifier.contains(Version(installed)), installed


@pytest.mark.browser
def test_playwright_drives_the_installed_chromium(chromium):
    major = int(re.match(r"\d+", chromium.version).group(0))
    checked_major = int(CHECKED_CHROMIUM[0].split(".")[0])
    print(f"Playwright {importlib.metadata.version('playwright')} drives Chromium "
          f"{chromium.version} (checked: {CHECKED_CHROMIUM})")
    assert major >= checked_major, f"Chromium {chromium.version} is older than any checked"
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.set_content('<button onclick="document.title=\'geklikt\'">x</button>'
                         '<input id="veld">')
        page.click("button")
        page.fill("#veld", "sociale economie")
        assert page.title() == "geklikt"
        assert page.eval_on_selector("#veld", "e => e.value") == "sociale economie"
    finally:
        context.close()
