"""``python -m flake8_sched_robustness``: the commands beside flake8 (explain, --help)."""

from __future__ import annotations

import pathlib
import subprocess
import sys
import tomllib

import pytest

from flake8_sched_robustness import cli, codes

ROOT = pathlib.Path(__file__).parent.parent
PAGE_SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead",
                 "## Options")


def command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flake8_sched_robustness", *args],
                          cwd=ROOT / "tests", capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("code", sorted(codes.CODES))
def test_explain_prints_the_rule_page_from_the_docs(code):
    result = command("explain", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (ROOT / "docs" / "rules" / f"{code}.md").read_text()
    for section in PAGE_SECTIONS:
        assert section in result.stdout, section


def test_explain_takes_a_lower_case_code():
    assert command("explain", "srb201").stdout.startswith("# SRB201: dropped-request-context")


def test_explain_of_an_unknown_code_lists_the_codes():
    result = command("explain", "SRB999")
    assert (result.returncode, result.stdout) == (2, "")
    assert "SRB999" in result.stderr
    assert all(code in result.stderr for code in codes.CODES)


def test_help_lists_the_commands():
    result = command("--help")
    assert result.returncode == 0
    assert "baseline" in result.stdout and "explain" in result.stdout
    assert command().returncode == 2  # no command: a usage error


def test_the_rule_pages_are_package_data():
    """The wheel carries docs/rules/*.md as flake8_sched_robustness/rules/ (see the slow
    test that builds and installs it)."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "flake8_sched_robustness.rules" in setuptools["packages"]
    assert setuptools["package-dir"]["flake8_sched_robustness.rules"] == "docs/rules"
    assert setuptools["package-data"]["flake8_sched_robustness.rules"] == ["*.md"]
    assert cli.rule_page("SRB101") == (ROOT / "docs" / "rules" / "SRB101.md").read_text()
