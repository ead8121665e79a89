"""The option table and Settings: one source of defaults, strict yes/no words."""

from __future__ import annotations

import argparse
import dataclasses
import pathlib
import subprocess
import sys

import pytest

from flake8_sched_robustness import settings


def test_settings_defaults_come_from_the_option_table():
    for option in settings.OPTIONS:
        expected = frozenset(option.default) if option.kind == "list" else option.default
        assert getattr(settings.Settings(), option.attr) == expected, option.name
    assert settings.DEFAULTS == settings.Settings()


@pytest.mark.parametrize("word", ["1", "true", "Yes", " on "])
def test_true_words(word):
    assert settings.parse_bool(word) is True


@pytest.mark.parametrize("word", ["0", "false", "NO", "off"])
def test_false_words(word):
    assert settings.parse_bool(word) is False


@pytest.mark.parametrize("word", ["ture", "", "2", "y"])
def test_unknown_words_are_refused(word):
    with pytest.raises(argparse.ArgumentTypeError, match="invalid boolean value"):
        settings.parse_bool(word)


def test_loader_entries_are_parsed_once_per_settings():
    config = dataclasses.replace(
        settings.DEFAULTS,
        loader_functions=frozenset({"pkg.load:1:driver", "pkg.other"}),
        entry_point_managers=frozenset({"pkg.Manager"}),
    )
    assert config.loader_specs == (
        settings.CallableSpec("pkg.load", 1, ("driver",)),
        settings.CallableSpec("pkg.other", 0, ()),
    )
    assert config.manager_specs == (settings.CallableSpec("pkg.Manager", 1, ("name", "names")),)
    assert config.loader_specs is config.loader_specs


@pytest.mark.parametrize("where", ["command line", "config file"])
def test_a_misspelt_boolean_stops_flake8_with_a_usage_error(tmp_path: pathlib.Path, where):
    (tmp_path / "module.py").write_text("x = 1\n")
    args = ["--srb-check-overrides=ture"] if where == "command line" else []
    if where == "config file":
        (tmp_path / "setup.cfg").write_text("[flake8]\nsrb-check-overrides = ture\n")
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select=SRB", *args, "module.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 2
    assert "--srb-check-overrides: invalid boolean value: 'ture'" in result.stderr
    assert "Traceback" not in result.stderr
