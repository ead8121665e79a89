"""SRB3 messages name the option and where it is declared, and say what to do."""

from __future__ import annotations

import ast
import subprocess
import sys

import casefiles
import lintrun


def _messages(*paths: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select=SRB3", *paths],
        cwd=casefiles.CASES, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.splitlines()


def test_option_declared_in_another_module_is_named_with_its_place():
    lines = _messages("loaders/harbor/scheduler/manager.py")
    assert (
        "loaders/harbor/scheduler/manager.py:30:35: SRB301 import_class() imports code "
        "named by 'weigher' chosen from configuration ([scheduler]weigher, declared in "
        "harbor/conf/scheduler.py:12 without choices=) without an allowlist; check it "
        "against the allowed names or declare the option with choices="
    ) in lines


def test_caller_supplied_name_says_so():
    lines = _messages("loaders/allowlists.py")
    assert (
        "loaders/allowlists.py:114:49: SRB302 driver name 'name' passed in by the caller "
        "is loaded by DriverManager() without an allowlist; check it against the allowed "
        "names first"
    ) in lines


def _deep_name_module(terms: int) -> str:
    """A computed loader name too deep for ast.unparse, then a plain one."""
    deep = " + ".join(f"CONF.part{i}" for i in range(terms))
    return (
        "import importlib\n\nfrom oslo_config import cfg\n\nCONF = cfg.CONF\n\n\n"
        f"def load_deep():\n    return importlib.import_module({deep})\n\n\n"
        "def load_plain():\n    return importlib.import_module(CONF.driver)\n"
    )


def test_a_name_too_deep_to_spell_loses_no_finding(tmp_path):
    # In-process (and strict, as the suite runs): flake8's own pyflakes stops
    # with RecursionError on this tree and would hide the plugin's behaviour.
    source = _deep_name_module(900)
    path = tmp_path / "deep.py"
    path.write_text(source)
    found = lintrun.run_plugin(ast.parse(source), str(path))
    assert [(line, text.split()[0]) for line, _, text in found] == [
        (9, "SRB301"), (13, "SRB301"),
    ]
    deep_message = found[0][2]
    assert len(deep_message) < 200, deep_message
    assert "CONF.driver" in found[1][2]
