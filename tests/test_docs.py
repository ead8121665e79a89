"""The docs cannot drift from the code: every option is documented with its
default, no page names an option that does not exist, the configuration
examples are valid, and the site builds without warnings.  (Rule pages and
their examples: tests/test_rule_docs.py.)
"""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

import pytest

from flake8_sched_robustness import codes, settings

ROOT = pathlib.Path(__file__).parent.parent
DOCS = ROOT / "docs"
OPTION_MENTION = re.compile(r"srb-[a-z0-9-]*[a-z0-9](?![-<\w])")


def option_names() -> set[str]:
    """Every option name without its dashes, list twins included."""
    names = set()
    for option in settings.OPTIONS:
        names.add("srb-" + option.name)
        if option.kind == "list":
            names.add("srb-extend-" + option.name)
    return names


def documented_default(option: settings.Option) -> str:
    if option.kind == "list":
        return ", ".join(option.default) or "none"
    if option.kind == "bool":
        return "true" if option.default else "false"
    return str(option.default)


@pytest.mark.parametrize("option", settings.OPTIONS, ids=lambda option: option.name)
def test_every_option_is_documented_with_its_default(option):
    text = (DOCS / "configuration.md").read_text()
    heading = f"`{settings.PREFIX}{option.name}`"
    assert heading in {title.strip("# ") for title in re.findall(r"^### (.+)$", text, re.M)}
    section = re.split(r"^##", text.split(f"### {heading}", 1)[1], flags=re.M)[0]
    default = documented_default(option)
    assert f"Default: `{default}`" in section or f"Default: {default}\n" in section
    if option.kind == "list":
        assert f"--srb-extend-{option.name}" in section
    assert "```ini\n[flake8]\n" in section, "each option shows a config-file example"


def test_docs_name_only_real_options():
    known = option_names() | {"srb-sarif"}  # a report format (--format=srb-sarif)
    pages = sorted(DOCS.rglob("*.md")) + sorted(ROOT.glob("*.md"))
    for page in pages:
        unknown = set(OPTION_MENTION.findall(page.read_text())) - known
        assert not unknown, f"{page.relative_to(ROOT)} names unknown options {unknown}"


def test_site_builds_with_warnings_as_errors(tmp_path):
    for module in ("sphinx", "myst_parser", "furo"):
        pytest.importorskip(module)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-E", "-b", "html",
         str(DOCS), str(tmp_path / "html")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "html" / "configuration.html").is_file()
    for code in codes.CODES:
        assert (tmp_path / "html" / "rules" / f"{code}.html").is_file()


INI_BLOCK = re.compile(r"^```ini\n(\[flake8\]\n.*?)^```", re.S | re.M)


def test_configuration_examples_are_accepted_by_flake8(tmp_path):
    """Every [flake8] example on the configuration page is a valid config file."""
    blocks = INI_BLOCK.findall((DOCS / "configuration.md").read_text())
    assert len(blocks) >= len(settings.OPTIONS)
    (tmp_path / "clean.py").write_text('raise ValueError("the disk is full")\n')
    # the --srb-baseline example names this file; an empty baseline is valid
    (tmp_path / ".srb-baseline.json").write_text(
        '{"tool": "flake8-sched-robustness", "version": 1, "findings": []}\n')
    for block in blocks:
        (tmp_path / "setup.cfg").write_text(block)
        result = subprocess.run(
            [sys.executable, "-m", "flake8", "clean.py"],
            cwd=tmp_path, capture_output=True, text=True, timeout=300,
        )
        assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), block
