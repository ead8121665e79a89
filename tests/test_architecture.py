"""docs/architecture.md names every module of the package, and no other."""

from __future__ import annotations

import pathlib
import re

REPO = pathlib.Path(__file__).parent.parent
PACKAGE = REPO / "flake8_sched_robustness"
PAGE = REPO / "docs" / "architecture.md"
# A module row of the table: | `name` | its job |
ROW = re.compile(r"^\|\s*`(\w+)`\s*\|", re.MULTILINE)


def test_the_map_names_every_module_once():
    modules = sorted(path.stem for path in PACKAGE.glob("*.py"))
    rows = ROW.findall(PAGE.read_text())
    assert sorted(rows) == modules
    assert len(rows) == len(set(rows)), "a module is listed twice"


def test_every_module_says_its_job():
    for path in PACKAGE.glob("*.py"):
        text = path.read_text()
        assert text.startswith('"""'), f"{path.name} has no module docstring"
