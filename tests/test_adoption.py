"""The adoption docs' recipes, as docs/adoption.md writes them.

Run by the default suite, and under the lowest flake8 the plugin declares
(``tox -e lowest``, see test_integration.py): where ``# noqa`` goes on a
multi-line call is flake8's rule, so it is checked with each flake8.
"""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys

import pytest

import casefiles
from flake8_sched_robustness import codes

ROOT = pathlib.Path(__file__).parent.parent
ADOPTION = ROOT / "docs" / "adoption.md"

MULTI_LINE_CALL = """\
import stevedore.driver


def load(name):
    return stevedore.driver.DriverManager({first}
        "stratus.weighers",
        name,{name_line}
    ){last}
"""
NOQA = "  # noqa: SRB302"


def flake8(*args: str, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "flake8", *args], cwd=cwd,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    return result


def found(output: str) -> set[tuple[int, str]]:
    matches = (casefiles.REPORT.match(line) for line in output.splitlines())
    return {(int(match["line"]), match["code"]) for match in matches if match}


def section(title: str) -> str:
    text = ADOPTION.read_text()
    assert f"## {title}\n" in text, title
    return re.split(r"^## ", text.split(f"## {title}\n", 1)[1], flags=re.M)[0]


@pytest.mark.parametrize("where, reported", [
    ("nowhere", True),
    ("name", False),  # the name argument's line: the report's line
    ("first", True),  # the call's first line: flake8 does not look there
    ("last", True),
])
def test_noqa_on_a_multi_line_call_goes_on_the_name_arguments_line(tmp_path, where, reported):
    source = MULTI_LINE_CALL.format(**{
        slot: NOQA if slot.startswith(where) else ""
        for slot in ("first", "name_line", "last")})
    (tmp_path / "loader.py").write_text(source)
    result = flake8("--isolated", "--select=SRB", "loader.py", cwd=tmp_path)
    assert found(result.stdout) == ({(7, "SRB302")} if reported else set())
    assert "name argument" in section("`# noqa` on a multi-line call")


def ini_blocks(text: str) -> list[str]:
    return re.findall(r"^```ini\n(.*?)^```", text, re.S | re.M)


def test_the_select_trap_and_its_fix(tmp_path):
    """``select = H`` leaves the plugin silent; the documented line turns it on."""
    trap, fix = ini_blocks(section("The `select =` trap"))
    assert "select = H" in trap and "extend-select = SRB1,SRB2,SRB3" in fix
    (tmp_path / "svc.py").write_text("def fail():\n    raise ValueError()\n")
    (tmp_path / "tox.ini").write_text(trap)
    assert flake8("svc.py", cwd=tmp_path).stdout == ""
    (tmp_path / "tox.ini").write_text(trap.rstrip("\n") + "\n" + fix.split("\n", 1)[1])
    assert found(flake8("svc.py", cwd=tmp_path).stdout) == {(2, "SRB101")}


def vscode_severity(severity: dict[str, str], code: str) -> str:
    """The VS Code flake8 extension's lookup: the code, then ever shorter prefixes,
    then the code's first letter, else Error (microsoft/vscode-flake8,
    bundled/tool/lsp_server.py, _get_severity)."""
    prefix = code
    while prefix:
        if prefix in severity:
            return severity[prefix]
        prefix = prefix[:-1]
    return severity.get(code[:1], "Error")


def test_the_vscode_severity_setting_makes_every_code_a_warning():
    blocks = re.findall(r"^```json\n(.*?)^```", section("Editors: SRB as warnings"), re.S | re.M)
    settings = json.loads(blocks[0])
    for code in codes.CODES:
        assert vscode_severity(settings["flake8.severity"], code) == "Warning", code
    assert vscode_severity(settings["flake8.severity"], "E501") == "Error"


# A snippet that installs the package by its name: a pip command, a tox deps
# line, a pre-commit additional_dependencies list.
BY_NAME = re.compile(
    r"(pip install (?:[^`\n]* )?|^\s+|\[)flake8-sched-robustness(?![./\w-])", re.M)
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```\n", re.S | re.M)


def test_snippets_with_the_published_name_say_it_is_not_published_yet():
    """Until it is on PyPI, each such snippet is marked, with the way that works."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    marked = 0
    for page in pages:
        text = page.read_text()
        spans = [(block.start(), block.end(), block[1]) for block in FENCE.finditer(text)]
        spans += [(line.start(), line.end(), line[0])
                  for line in re.finditer(r"^[^`\n]*`pip install [^`]*`.*$", text, re.M)]
        for start, end, body in spans:
            if BY_NAME.search(body):
                around = text[start:end + 700]  # the note may follow the next block
                # the install section itself needs no link to itself
                linked = "install-it" in around or page == ADOPTION
                assert "published" in around and linked, (
                    f"{page.name}: {body.strip()[:60]!r} is not marked as the published name")
                marked += 1
    assert marked >= 5
