"""The settings object (config/settings.py): read once, checked with a clear message,
frozen, and every variable documented in the README with its real default."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from config.settings import ENVIRONMENT, NUMBERS, Settings, SettingsError

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_defaults_without_any_variable(tmp_path):
    settings = Settings.from_env({"XDG_DATA_HOME": str(tmp_path)})
    assert settings.index_dir == tmp_path / "vraagbaak" / "index"
    assert settings.trusted_hosts == ()
    assert settings == Settings(index_dir=tmp_path / "vraagbaak" / "index")


def test_every_variable_is_read(tmp_path):
    env = {"VRAAGBAAK_INDEX_DIR": str(tmp_path), "VRAAGBAAK_TRUSTED_HOSTS": " a.example, ,b ",
           "VRAAGBAAK_COMMIT_EVERY": "50", "VRAAGBAAK_LOCK_WAIT": "0",
           "VRAAGBAAK_POSTING_CACHE_MB": "0", "VRAAGBAAK_SEARCH_TIME_LIMIT": "2.5",
           "VRAAGBAAK_REFRESH_INTERVAL": "3", "VRAAGBAAK_EXPORT_MAX": "7",
           "VRAAGBAAK_FEED_SIZE": "4", "VRAAGBAAK_HARVEST_TIMEOUT": "0.5",
           "VRAAGBAAK_HARVEST_RETRIES": "0", "VRAAGBAAK_HARVEST_BACKOFF": "1.5",
           "VRAAGBAAK_HARVEST_CONTACT": " data@example.org "}
    assert set(env) == set(ENVIRONMENT)
    s = Settings.from_env(env)
    assert (s.index_dir, s.trusted_hosts, s.commit_every, s.lock_wait, s.posting_cache_mb,
            s.search_time_limit, s.refresh_interval, s.export_max, s.feed_size) == \
        (tmp_path, ("a.example", "b"), 50, 0.0, 0, 2.5, 3.0, 7, 4)
    assert (s.harvest_timeout, s.harvest_retries, s.harvest_backoff, s.harvest_contact) == \
        (0.5, 0, 1.5, "data@example.org")


@pytest.mark.parametrize("variable, value", [
    ("VRAAGBAAK_COMMIT_EVERY", "0"), ("VRAAGBAAK_COMMIT_EVERY", "1.5"),
    ("VRAAGBAAK_LOCK_WAIT", "-1"), ("VRAAGBAAK_LOCK_WAIT", "nan"),
    ("VRAAGBAAK_POSTING_CACHE_MB", "lots"), ("VRAAGBAAK_SEARCH_TIME_LIMIT", "0"),
    ("VRAAGBAAK_REFRESH_INTERVAL", "inf"), ("VRAAGBAAK_EXPORT_MAX", "0"),
    ("VRAAGBAAK_FEED_SIZE", "-3"), ("VRAAGBAAK_HARVEST_RETRIES", "2.5"),
    ("VRAAGBAAK_HARVEST_TIMEOUT", "0")])
def test_a_bad_value_names_the_variable_and_the_value(variable, value):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({variable: value})
    assert variable in str(caught.value) and repr(value) in str(caught.value)


def test_a_bad_value_stops_every_command_before_it_runs(tmp_path):
    result = CliRunner().invoke(cli, ["stats", "--index-dir", str(tmp_path)],
                                env={"VRAAGBAAK_SEARCH_TIME_LIMIT": "soon"})
    assert result.exit_code == 2
    assert "VRAAGBAAK_SEARCH_TIME_LIMIT" in result.output and "Traceback" not in result.output


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().commit_every = 1  # type: ignore[misc]


def test_the_readme_lists_every_variable_with_its_default():
    rows = dict(re.findall(r"^\| `(VRAAGBAAK_[A-Z_]+)` \| ([^|]+) \|", README, re.MULTILINE))
    assert set(rows) == set(ENVIRONMENT)
    defaults = Settings()
    for field, (variable, _kind, _low) in NUMBERS.items():
        assert float(rows[variable].strip().strip("`")) == getattr(defaults, field), variable
