"""Release shape and the environments users run the plugin in.

The tests marked slow make fresh virtualenvs and install from the package
index: tox environments, hacking beside the plugin, the lowest declared
flake8, the built sdist and wheel, pre-commit hooks.  Run them with
``pytest -m slow`` (CI does, after the default run).
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import venv

import pytest

import casefiles
import flake8_sched_robustness
from test_editor import DOCUMENT, EDITOR

ROOT = pathlib.Path(__file__).parent.parent
VERSION = flake8_sched_robustness.__version__
# One file with a hacking finding (H201, bare except) beside an SRB one.
MIXED = '''import os


def remove(path):
    try:
        os.remove(path)
    except:
        raise ValueError()
'''
MIXED_FINDINGS = {(7, "H201"), (8, "SRB101")}
REPORT = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+):? ",
                    re.M)


def run(*command: str | os.PathLike, cwd: pathlib.Path = ROOT, timeout: int = 1200,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {})},
    )


def reports(output: str) -> set[tuple[str, int, str]]:
    """(file name, line, code) of every flake8 report in some output."""
    return {
        (pathlib.PurePath(match["path"]).name, int(match["line"]), match["code"])
        for match in REPORT.finditer(output)
    }


def test_changelog_has_the_current_version():
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert re.search(rf"^## \[?{re.escape(VERSION)}\]?", changelog, re.M), (
        f"CHANGELOG.md has no section for {VERSION}"
    )


def tox(*args: str, workdir: pathlib.Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("tox")
    return run(sys.executable, "-m", "tox", "--workdir", workdir, *args)


@pytest.mark.slow
def test_tox_lint_passes(tmp_path):
    result = tox("-e", "lint", workdir=tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.mark.slow
def test_lowest_declared_flake8_passes_the_case_files(tmp_path):
    result = tox("-e", "lowest", workdir=tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    declared = re.search(r'"flake8>=([\d.]+)', (ROOT / "pyproject.toml").read_text())
    assert declared, "pyproject.toml declares no lowest flake8"
    pins = re.findall(r"^\s*flake8==([\d.]+)$", (ROOT / "tox.ini").read_text(), re.M)
    lowest = declared[1].split(".")
    assert [pin.split(".")[: len(lowest)] for pin in pins] == [lowest], pins


@pytest.mark.slow
def test_lowest_declared_flake8_runs_beside_hacking_61(tmp_path):
    """The lowest env holds hacking 6.1, which pins flake8 to the declared lowest."""
    result = tox("-e", "lowest", "--", "-p", "no:cacheprovider", "tests/test_cases.py",
                 "tests/test_adoption.py",
                 workdir=tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    versions = run(tmp_path / "lowest" / "bin" / "flake8", "--version").stdout
    assert versions.startswith("6.1.") and "hacking: 6.1" in versions, versions


@pytest.mark.slow
@pytest.mark.parametrize("env, flake8_version", [("hacking", "7.3."), ("hacking61", "6.1.")])
def test_hacking_and_srb_codes_together(tmp_path, env, flake8_version):
    mixed = tmp_path / "mixed.py"
    mixed.write_text(MIXED)
    targets = [str(mixed), str(EDITOR / DOCUMENT)]
    if (ROOT / "examples").is_dir():
        targets.append("examples")
    result = tox("-e", env, "--", *targets, workdir=tmp_path / "tox")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    versions = run(tmp_path / "tox" / env / "bin" / "flake8", "--version").stdout
    assert versions.startswith(flake8_version), versions
    assert "Traceback" not in result.stdout + result.stderr
    found = reports(result.stdout)
    assert MIXED_FINDINGS <= {(line, code) for name, line, code in found if name == "mixed.py"}
    document = casefiles.expected_in((EDITOR / DOCUMENT).read_bytes())
    assert document == {
        (line, code) for name, line, code in found
        if name == pathlib.PurePath(DOCUMENT).name and code.startswith("SRB")
    }
    if (ROOT / "examples").is_dir():
        assert any(code.startswith("SRB") and name not in ("mixed.py", "placement.py")
                   for name, _, code in found), "the bundled example has SRB findings"


def fresh_python(where: pathlib.Path) -> pathlib.Path:
    venv.create(where, with_pip=True, clear=True)
    return where / "bin" / "python"


@pytest.mark.slow
def test_sdist_and_wheel_install_and_work_in_clean_virtualenvs(tmp_path):
    pytest.importorskip("build")
    dist = tmp_path / "dist"
    result = run(sys.executable, "-m", "build", "--outdir", dist, ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    artifacts = sorted(dist.glob("*.whl")) + sorted(dist.glob("*.tar.gz"))
    assert [path.suffix for path in artifacts] == [".whl", ".gz"], artifacts
    with tarfile.open(artifacts[1]) as sdist:
        names = sdist.getnames()
    for needed in ("PKG-INFO", "pyproject.toml", "flake8_sched_robustness/plugin.py",
                   "docs/rules/SRB201.md"):
        assert any(name.endswith(needed) for name in names), f"sdist lacks {needed}"
    project = tmp_path / "project"
    shutil.copytree(EDITOR, project)
    expected = casefiles.expected_in((EDITOR / DOCUMENT).read_bytes())
    for artifact in artifacts:
        python = fresh_python(tmp_path / f"venv-{artifact.suffix.strip('.')}")
        install = run(python, "-m", "pip", "install", "--quiet", artifact)
        assert install.returncode == 0, install.stderr[-2000:]
        version = run(python, "-m", "flake8", "--version")
        assert f"flake8-sched-robustness: {VERSION}" in version.stdout, version.stdout
        lint = run(python, "-m", "flake8", "--isolated", "--select=SRB", DOCUMENT, cwd=project)
        assert lint.returncode == 1 and not lint.stderr, lint.stderr
        assert {(line, code) for _, line, code in reports(lint.stdout)} == expected
        # the rule pages are package data: explain works from the installed package
        explain = run(python, "-m", "flake8_sched_robustness", "explain", "SRB201",
                      cwd=tmp_path)
        assert explain.returncode == 0, explain.stderr
        assert explain.stdout == (ROOT / "docs" / "rules" / "SRB201.md").read_text()


PRE_COMMIT_CONFIG = """\
repos:
  - repo: {hacking}
    rev: {rev}
    hooks:
      - id: hacking
        args: [--select=SRB]
        additional_dependencies: [{plugin}]
  - repo: local
    hooks:
      # flake8's own hook definition (PyCQA/flake8 .pre-commit-hooks.yaml).
      - id: flake8
        name: flake8
        entry: flake8
        language: python
        types: [python]
        require_serial: true
        args: [--select=SRB]
        additional_dependencies: [flake8~=7.3.0, {plugin}]
"""


def git(*args: str | os.PathLike, cwd: pathlib.Path) -> str:
    identity = {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
                "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
    result = run("git", *args, cwd=cwd, env=identity)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.slow
def test_pre_commit_hooks_run_the_plugin(tmp_path):
    """The additional_dependencies recipe, with the plugin from a local path.

    No git host is reachable in CI, so the hook repositories are local: hacking's
    sdist (which ships its .pre-commit-hooks.yaml) as a git repository, and a
    ``repo: local`` hook defined as flake8's own.
    """
    pytest.importorskip("pre_commit")
    download = run(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                   "--no-binary", ":all:", "--dest", tmp_path, "hacking==8.1.0")
    assert download.returncode == 0, download.stderr[-2000:]
    with tarfile.open(tmp_path / "hacking-8.1.0.tar.gz") as archive:
        archive.extractall(tmp_path, filter="data")
    hacking = tmp_path / "hacking-8.1.0"
    git("init", "--quiet", cwd=hacking)
    git("add", "--all", cwd=hacking)
    git("commit", "--quiet", "-m", "hacking 8.1.0", cwd=hacking)
    rev = git("rev-parse", "HEAD", cwd=hacking)

    project = tmp_path / "project"
    shutil.copytree(EDITOR, project)
    (project / ".pre-commit-config.yaml").write_text(
        PRE_COMMIT_CONFIG.format(hacking=hacking, rev=rev, plugin=ROOT))
    git("init", "--quiet", cwd=project)
    git("add", "--all", cwd=project)
    result = run(sys.executable, "-m", "pre_commit", "run", "--all-files", cwd=project,
                 env={"PRE_COMMIT_HOME": str(tmp_path / "cache"), "PBR_VERSION": "8.1.0"})
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-4000:]
    expected = casefiles.expected_in((EDITOR / DOCUMENT).read_bytes())
    hooks = re.split(r"^flake8\.+", output, maxsplit=1, flags=re.M)
    assert len(hooks) == 2, output[-4000:]
    for hook_output in hooks:
        found = {(line, code) for _, line, code in reports(hook_output)}
        assert found == expected, hook_output[-4000:]
