"""docs/rules/SRB30x.md: each Example reports exactly its code, Use instead is silent."""

from __future__ import annotations

import pathlib
import re
import shlex
import subprocess
import sys

import pytest

from flake8_sched_robustness import settings

DOCS = pathlib.Path(__file__).parent.parent / "docs" / "rules"
PAGES = ["SRB301", "SRB302"]
SECTION = re.compile(r"^## (.+)$", re.MULTILINE)
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
SECTIONS = ["What it does", "Why is this bad?", "Example", "Use instead", "Options",
            "Known limits"]


def _sections(text: str) -> dict[str, str]:
    parts = SECTION.split(text)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _codes(source: str, tmp_path: pathlib.Path, name: str) -> set[str]:
    path = tmp_path / f"{name}.py"
    path.write_text(source)
    options = [
        option for line in source.splitlines() if line.startswith("# options:")
        for option in shlex.split(line.partition(":")[2])
    ]
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select=SRB", *options, path.name],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    return {line.split()[1] for line in result.stdout.splitlines()}


@pytest.mark.parametrize("code", PAGES)
def test_page_has_title_and_sections(code):
    text = (DOCS / f"{code}.md").read_text()
    from flake8_sched_robustness import codes

    assert text.startswith(f"# {code}: {codes.CODES[code].symbol}\n")
    assert list(_sections(text)) == SECTIONS


@pytest.mark.parametrize("code", PAGES)
@pytest.mark.parametrize("section", ["Example", "Use instead"])
def test_code_blocks_report_what_they_show(code, section, tmp_path):
    """Each Example reports exactly its code; each Use instead block is silent."""
    text = _sections((DOCS / f"{code}.md").read_text())[section]
    blocks = BLOCK.findall(text)
    assert blocks
    expected = {code} if section == "Example" else set()
    for index, block in enumerate(blocks):
        assert _codes(block, tmp_path, f"block{index}") == expected


@pytest.mark.parametrize("code", PAGES)
def test_options_named_exist(code):
    text = (DOCS / f"{code}.md").read_text()
    known = {settings.PREFIX + o.name for o in settings.OPTIONS} | {
        settings.PREFIX + "extend-" + o.name for o in settings.OPTIONS if o.kind == "list"
    }
    named = set(re.findall(r"--srb-[a-z-]+", text))
    assert named and named <= known, named - known
