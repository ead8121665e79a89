"""Adoption baselines: written by the command, honoured by --srb-baseline, end to end."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

import casefiles
from flake8_sched_robustness import baseline

SERVICE = """\
def fail(kind):
    if kind:
        raise ValueError()
    raise ValueError()
"""
NEW_FINDING = 'raise ValueError("")\n'


def command(*args: str, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def flake8(*args: str, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    result = command("-m", "flake8", *args, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def found(output: str) -> set[tuple[int, str]]:
    """(line, code) of each report; show-source lines between them are skipped."""
    matches = (casefiles.REPORT.match(line) for line in output.splitlines())
    return {(int(match["line"]), match["code"]) for match in matches if match}


@pytest.fixture
def project(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "work.py").write_text(SERVICE)
    # show-source in the config must not leak into the baseline
    (tmp_path / "setup.cfg").write_text("[flake8]\nselect = SRB\nshow-source = true\n")
    return tmp_path


def write_baseline(project: pathlib.Path) -> dict:
    result = command("-m", "flake8_sched_robustness", "baseline", ".", cwd=project)
    assert result.returncode == 0, result.stderr
    (project / ".srb-baseline.json").write_text(result.stdout)
    return json.loads(result.stdout)


def test_a_baseline_silences_what_it_records_and_survives_edits_above(project):
    written = write_baseline(project)
    assert [(entry["path"], entry["code"], entry["line"]) for entry in written["findings"]] == [
        ("svc/work.py", "SRB101", 3), ("svc/work.py", "SRB101", 4)]
    assert found(flake8(".", cwd=project).stdout) == {(3, "SRB101"), (4, "SRB101")}
    silenced = flake8("--srb-baseline=.srb-baseline.json", ".", cwd=project)
    assert (silenced.returncode, silenced.stdout) == (0, "")
    # lines inserted above the findings, one re-indented: still silent
    source = SERVICE.replace("    raise ValueError()\n", "      raise  ValueError()\n", 1)
    (project / "svc" / "work.py").write_text('"""Work."""\nimport os\n\n' + source)
    assert flake8("--srb-baseline=.srb-baseline.json", ".", cwd=project).stdout == ""
    # a new finding is reported, the old ones stay silent
    with (project / "svc" / "work.py").open("a") as stream:
        stream.write(NEW_FINDING)
    result = flake8("--srb-baseline=.srb-baseline.json", ".", cwd=project)
    assert found(result.stdout) == {(8, "SRB102")}


def test_the_baseline_option_works_from_the_config_file(project):
    write_baseline(project)
    with (project / "setup.cfg").open("a") as stream:
        stream.write("srb-baseline = .srb-baseline.json\n")
    assert flake8(".", cwd=project).stdout == ""
    assert "--srb-baseline" in flake8("--help", cwd=project).stdout


def test_the_baseline_counts_identical_findings(project):
    write_baseline(project)
    with (project / "svc" / "work.py").open("a") as stream:
        stream.write("raise ValueError()\n")  # a third identical line
    result = flake8("--srb-baseline=.srb-baseline.json", ".", cwd=project)
    assert found(result.stdout) == {(5, "SRB101")}


def test_a_baselined_finding_whose_code_changed_is_reported(project):
    write_baseline(project)
    changed = SERVICE.replace("raise ValueError()", "raise Exception()", 1)
    (project / "svc" / "work.py").write_text(changed)
    result = flake8("--srb-baseline=.srb-baseline.json", ".", cwd=project)
    # the changed line's findings are new (SRB103, and SRB101 naming Exception);
    # line 4's baselined SRB101 stays silent
    assert found(result.stdout) == {(3, "SRB101"), (3, "SRB103")}


def test_the_baseline_command_writes_a_file_and_takes_flake8_arguments(project):
    (project / "svc" / "clean.py").write_text(NEW_FINDING)
    result = command("-m", "flake8_sched_robustness", "baseline", "--output", "b.json",
                     "--select=SRB102", "svc", cwd=project)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    entries = json.loads((project / "b.json").read_text())["findings"]
    assert [(entry["path"], entry["code"]) for entry in entries] == [("svc/clean.py", "SRB102")]


@pytest.mark.parametrize("text, why", [
    (None, "cannot read"),
    ("{", "not JSON"),
    ('{"findings": []}', "not a flake8-sched-robustness baseline"),
    ('{"tool": "flake8-sched-robustness", "version": 1, "findings": [{"path": "a"}]}',
     "lacks one of"),
])
def test_a_missing_or_malformed_baseline_is_a_usage_error(project, text, why):
    if text is not None:
        (project / "bad.json").write_text(text)
    result = flake8("--srb-baseline=bad.json", ".", cwd=project)
    assert result.returncode == 2 and result.stdout == ""
    assert "flake8: error: --srb-baseline:" in result.stderr and why in result.stderr


def test_fingerprints_ignore_the_line_number_and_whitespace():
    one = baseline.fingerprint("./a/b.py", "    raise  X()  ", "SRB101", "X raised")
    assert one == baseline.fingerprint("a/b.py", "raise X()", "SRB101", "X raised")
    assert one != baseline.fingerprint("a/b.py", "raise X()", "SRB102", "X raised")
    assert one != baseline.fingerprint("a/c.py", "raise X()", "SRB101", "X raised")


def test_fingerprints_ignore_line_numbers_cited_in_the_message():
    message = "driver name 'x' chosen from configuration ([s]driver, declared in {}) is loaded"
    one = baseline.fingerprint("a.py", "load(x)", "SRB302", message.format("conf/s.py:7"))
    assert one == baseline.fingerprint("a.py", "load(x)", "SRB302", message.format("conf/s.py:19"))
    assert one != baseline.fingerprint("a.py", "load(x)", "SRB302", message.format("conf/t.py:7"))


def test_unrecorded_without_a_baseline_keeps_everything():
    reports = [(1, 0, "SRB101 X raised")]
    assert baseline.unrecorded(reports, None, "a.py", ["raise X()"]) == reports
    assert baseline.unrecorded(reports, "", "a.py", ["raise X()"]) == reports
