"""The option table and Settings: one source of defaults, strict yes/no words."""

from __future__ import annotations

import argparse
import dataclasses
import pathlib
import subprocess
import sys

import pytest

from flake8_sched_robustness import codes, settings


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


def _selection(select=None, extend_select=(), extend_ignore=()):
    """flake8's parsed selection options, as the DecisionEngine reads them
    once the plugin has put its opt-in codes on the extended default ignore."""
    return argparse.Namespace(
        select=select, extend_select=list(extend_select),
        ignore=None, extend_ignore=list(extend_ignore),
        extended_default_select=["C90", "E", "F", "W", "SRB"],
        extended_default_ignore=sorted(codes.OFF_BY_DEFAULT),
    )


def test_the_opt_in_codes_go_on_flakes_default_ignore():
    manager = argparse.Namespace(added=[], ignored=[])
    manager.add_option = lambda *args, **kwargs: manager.added.append(args[0])
    manager.extend_default_ignore = manager.ignored.extend
    settings.register(manager)
    assert manager.ignored == ["SRB901"]


@pytest.mark.parametrize(
    "select,extend_select,on",
    [
        (None, [], False),  # flake8's extended default select names SRB: not the user's choice
        (None, ["SRB1", "SRB2", "SRB3"], False),
        (["E", "F", "W"], ["SRB1", "SRB2", "SRB3"], False),
        (["S"], [], True),  # flake8's rule: an explicit select beats a default ignore
        (None, ["SRB901"], True),
        (None, ["SRB90"], True),
        (None, ["SRB9"], True),
        (["SRB"], [], True),
        (["E", "SRB"], [], True),
        (None, ["SRB902"], False),
    ],
)
def test_srb901_is_on_only_when_the_user_selects_it(select, extend_select, on):
    selected = settings.from_options(_selection(select, extend_select)).selected
    assert ("SRB901" in selected) is on
    if not select or "SRB" in select:
        assert {"SRB201", "SRB202"} <= selected


def test_srb901_selected_and_ignored_is_off():
    options = _selection(None, ["SRB9"], extend_ignore=["SRB901"])
    assert "SRB901" not in settings.from_options(options).selected


def test_a_bare_namespace_gets_the_default_codes():
    assert settings.from_options(argparse.Namespace()).selected == settings.DEFAULT_SELECTED
    assert "SRB901" not in settings.DEFAULT_SELECTED


UNREAD = """\
class Tracker:
    def refresh(self, ctxt, hosts):
        self.cache.refresh(hosts)

    def drop(self, ctxt, hosts):  # noqa: SRB901
        self.cache.drop(hosts)
"""


@pytest.mark.parametrize(
    "args,config,lines",
    [
        ([], "", []),
        (["--extend-select=SRB1,SRB2,SRB3"], "", []),
        (["--select=E,SRB1,SRB2,SRB3"], "", []),
        (["--extend-select=SRB901"], "", [2]),
        (["--select=SRB"], "", [2]),
        ([], "extend-select = SRB901\n", [2]),
        ([], "extend-select = SRB1,SRB2,SRB3\n", []),
        (["--extend-select=SRB901", "--per-file-ignores=module.py:SRB901"], "", []),
        ([], "extend-select = SRB9\nper-file-ignores =\n    module.py: SRB901\n", []),
    ],
)
def test_srb901_through_flake8(tmp_path: pathlib.Path, args, config, lines):
    (tmp_path / "module.py").write_text(UNREAD)
    if config:
        (tmp_path / "setup.cfg").write_text("[flake8]\n" + config)
    result = subprocess.run(
        [sys.executable, "-m", "flake8", *args, "module.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert "Traceback" not in result.stderr
    found = [(int(line.split(":")[1]), line.split()[1]) for line in result.stdout.splitlines()]
    assert found == [(line, "SRB901") for line in lines], result.stdout
