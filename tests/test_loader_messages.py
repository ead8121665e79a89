"""SRB3 messages name the option and where it is declared, and say what to do."""

from __future__ import annotations

import subprocess
import sys

import casefiles


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
