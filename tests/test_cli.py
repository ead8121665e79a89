"""End-to-end runs of the flake8 command, as users and editors run it."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

import casefiles
from flake8_sched_robustness import __version__, settings

SKYWARD = casefiles.CASES / "raises" / "skyward" / "scheduler" / "manager.py"


def flake8(*args: str, cwd: pathlib.Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "flake8", *args],
        cwd=cwd, input=stdin, capture_output=True, text=True, timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def codes_by_line(output: str) -> set[tuple[int, str]]:
    found = set()
    for line in output.splitlines():
        match = casefiles.REPORT.match(line)
        assert match, line
        found.add((int(match["line"]), match["code"]))
    return found


def write(directory: pathlib.Path, name: str, text: str) -> pathlib.Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


NOQA_SOURCE = """\
def fail(kind):
    if kind:
        raise ValueError()  # noqa: SRB101
    if kind is None:
        raise ValueError()  # noqa: SRB102
    raise ValueError()  # noqa
"""


def test_noqa_silences_only_the_named_code(tmp_path):
    write(tmp_path, "noqa_case.py", NOQA_SOURCE)
    result = flake8("--isolated", "--select=SRB", "noqa_case.py", cwd=tmp_path)
    assert codes_by_line(result.stdout) == {(5, "SRB101")}


def test_per_file_ignores(tmp_path):
    write(tmp_path, "ignored/one.py", "raise ValueError()\n")
    write(tmp_path, "kept/two.py", "raise ValueError()\n")
    result = flake8(
        "--isolated", "--select=SRB", "--per-file-ignores=ignored/*.py:SRB101",
        "ignored", "kept", cwd=tmp_path,
    )
    assert result.stdout.strip().startswith("kept/two.py:1:1: SRB101"), result.stdout
    assert "ignored" not in result.stdout


@pytest.mark.parametrize("config", ["setup.cfg", "tox.ini", ".flake8"])
def test_options_from_a_config_file(tmp_path, config):
    write(tmp_path, config, "[flake8]\nsrb-extend-exempt-exceptions = TimeoutError\n")
    write(tmp_path, "config_case.py", "raise TimeoutError()\nraise OSError()\n")
    result = flake8("--select=SRB", "config_case.py", cwd=tmp_path)
    assert codes_by_line(result.stdout) == {(2, "SRB101")}


def test_stdin_with_display_name_infers_across_modules():
    from_file = flake8("--isolated", "--select=SRB", str(SKYWARD), cwd=casefiles.CASES)
    from_stdin = flake8(
        "--isolated", "--select=SRB", f"--stdin-display-name={SKYWARD}", "-",
        cwd=casefiles.CASES, stdin=SKYWARD.read_text(),
    )
    assert codes_by_line(from_file.stdout)
    assert codes_by_line(from_stdin.stdout) == codes_by_line(from_file.stdout)


def test_parallel_jobs_give_the_same_findings():
    paths = [str(case.path.relative_to(casefiles.CASES)) for case in casefiles.all_cases()
             if case.root == casefiles.CASES and not case.options]
    one = flake8("--isolated", "--select=SRB", "--jobs=1", *paths, cwd=casefiles.CASES)
    two = flake8("--isolated", "--select=SRB", "--jobs=2", *paths, cwd=casefiles.CASES)
    assert one.stdout
    assert sorted(two.stdout.splitlines()) == sorted(one.stdout.splitlines())


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"def broken(:\n    raise ValueError()\n", "E999"),
        pytest.param(
            b"raise ValueError()\x00\n", "E999",
            marks=pytest.mark.skipif(
                sys.version_info < (3, 11),
                reason="on 3.10 ast.parse raises ValueError, which flake8 itself "
                       "does not catch, before any plugin runs",
            ),
        ),
        (b"\xff\xfe raise ValueError()\n", "E999"),
    ],
    ids=["syntax-error", "null-byte", "undecodable"],
)
def test_unparsable_files_get_flake8s_own_code(tmp_path, content, code):
    (tmp_path / "bad.py").write_bytes(content)
    result = flake8("--isolated", f"--select=SRB,{code}", "bad.py", cwd=tmp_path)
    reported = {found for _, found in codes_by_line(result.stdout)}
    assert reported == {code}, result.stdout


def test_help_lists_every_option():
    result = flake8("--help", cwd=casefiles.CASES)
    for option in settings.OPTIONS:
        assert settings.PREFIX + option.name in result.stdout
        if option.kind == "list":
            assert settings.PREFIX + "extend-" + option.name in result.stdout


def test_version_names_the_plugin():
    result = flake8("--version", cwd=casefiles.CASES)
    assert f"flake8-sched-robustness: {__version__}" in result.stdout


SELECTION_SOURCE = """\
import importlib


def act(name, context):
    context = None
    importlib.import_module(name)
    raise Exception()
"""


@pytest.mark.parametrize(
    ("options", "families"),
    [
        (["--select=SRB1"], ["SRB1"]),
        (["--select=SRB103"], ["SRB1"]),
        (["--select=E,SRB202"], ["SRB2"]),
        (["--select=E", "--extend-select=SRB3"], ["SRB3"]),
        (["--select=SRB", "--extend-ignore=SRB2,SRB3"], ["SRB1"]),
        (["--select=SRB", "--ignore=SRB1,SRB3"], ["SRB2"]),
        (["--select=E,W,F"], []),
        (["--select=SRB"], ["SRB1", "SRB2", "SRB3"]),
    ],
)
def test_only_selected_families_run(tmp_path, monkeypatch, capsys, options, families):
    """A deselected family is never called, not just filtered by flake8.

    flake8 drops deselected codes from its output on its own, so the output
    cannot show whether a family ran: each family is wrapped to record its
    calls, and flake8 runs in this process with its real option parsing.
    """
    from flake8.main import application

    from flake8_sched_robustness import plugin

    ran = []

    def recording(prefix, family):
        def run(*args, **kwargs):
            ran.append(prefix)
            return family(*args, **kwargs)
        return run

    monkeypatch.setattr(plugin, "FAMILIES", tuple(
        (prefix, recording(prefix, family)) for prefix, family in plugin.FAMILIES
    ))
    # parse_options stores the parsed options on the class: put them back after.
    monkeypatch.setattr(plugin.Plugin, "config", plugin.Plugin.config)
    write(tmp_path, "select_case.py", SELECTION_SOURCE)
    monkeypatch.chdir(tmp_path)
    app = application.Application()
    app.run(["--isolated", "--jobs=1", *options, "select_case.py"])
    output = capsys.readouterr()
    assert "Traceback" not in output.err, output.err
    assert ran == families
    reported = {code[:4] for _, code in codes_by_line(output.out) if code.startswith("SRB")}
    assert reported == set(families), output.out


def test_the_project_lints_clean_with_its_own_plugin():
    repo = pathlib.Path(__file__).parent.parent
    result = flake8("flake8_sched_robustness", "tests", "bench", cwd=repo)
    assert result.returncode == 0, result.stdout


def test_deep_hierarchy_is_bounded_not_fatal(tmp_path):
    lines = ["class Level0(Exception):\n    pass\n"]
    lines += [f"class Level{i}(Level{i - 1}):\n    pass\n" for i in range(1, 400)]
    lines += ["def fail(level):\n", "    if level:\n        raise Level3()\n",
              "    raise Level399()\n"]
    write(tmp_path, "deep_case.py", "".join(lines))
    result = flake8("--isolated", "--select=SRB", "-v", "deep_case.py", cwd=tmp_path)
    assert "stopped on" not in result.stderr
    # Level3 is resolved to Exception; Level399 is past the ancestor bound.
    assert codes_by_line(result.stdout) == {(len(lines[0].splitlines()) + 2 * 399 + 3, "SRB101")}
