"""Each rule page's Example reports exactly its code; Use instead is silent."""

from __future__ import annotations

import pathlib
import re
import shlex
import subprocess
import sys

import pytest

from flake8_sched_robustness import codes

RULES = pathlib.Path(__file__).parent.parent / "docs" / "rules"
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def sections(page: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", page, flags=re.MULTILINE)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2])}


def reported_codes(source: str, directory: pathlib.Path) -> set[str]:
    # In a package, as real code is: project-wide facts (an RPC endpoint
    # class, SRB201) are only asked about modules of a package.
    package = directory / "snippets"
    package.mkdir(exist_ok=True)
    (package / "__init__.py").write_text("")
    path = package / "snippet.py"
    path.write_text(source)
    # a snippet may need options, given as in case files: "# options: --srb-..."
    options = [
        option for line in source.splitlines() if line.startswith("# options:")
        for option in shlex.split(line.partition(":")[2])
    ]
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select=SRB", *options, str(path)],
        capture_output=True, text=True, timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return {line.split()[1] for line in result.stdout.splitlines()}


PAGES = sorted(RULES.glob("SRB*.md"))


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.stem)
def test_rule_page_examples(page, tmp_path):
    code = page.stem
    text = page.read_text()
    assert text.startswith(f"# {code}: {codes.CODES[code].symbol}\n")
    parts = sections(text)
    for title in ("What it does", "Why is this bad?", "Example", "Use instead",
                  "Options", "Known limits"):
        assert title in parts, f"{page.name} lacks ## {title}"
    examples = BLOCK.findall(parts["Example"])
    fixes = BLOCK.findall(parts["Use instead"])
    assert examples and fixes
    for example in examples:
        assert reported_codes(example, tmp_path) == {code}
    for fix in fixes:
        assert reported_codes(fix, tmp_path) == set()


def test_every_code_has_a_page_and_every_page_a_code():
    documented = {page.stem for page in PAGES}
    assert sorted(codes.CODES) == sorted(documented)
