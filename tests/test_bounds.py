"""The project scan's bounds (issue 14).

The scan reads regular files only, never leaves the root through a symlink,
skips what flake8 excludes, and stops at caps counted in files and bytes.
Past a cap, a question the unseen files could answer is unknown: silence.
Runs that could hang or eat memory on a regression go through a subprocess
with a timeout (and a memory limit), so that they fail instead.
"""

from __future__ import annotations

import os
import pathlib
import resource
import subprocess
import sys
import textwrap

import pytest

import lintrun
from flake8_sched_robustness import project_files, project_index

# A hang fails after this many seconds instead of stalling the suite.
TIMEOUT = 90
# Enough for flake8 with astroid; a read of /dev/zero passes it quickly.
MEMORY_LIMIT = 2 * 2**30

LOADER_MODULE = """\
from oslo_config import cfg
from stevedore import driver

CONF = cfg.CONF


def load():
    return driver.DriverManager("pkg.drivers", CONF.driver)
"""
CHECKED_OPTION = """\
from oslo_config import cfg

CONF = cfg.CONF
CONF.register_opts([cfg.StrOpt("driver", choices=["a", "b"])])
"""
UNCHECKED_OPTION = """\
from oslo_config import cfg

CONF = cfg.CONF
CONF.register_opts([cfg.StrOpt("driver")])
"""


def _package(top: pathlib.Path, files: dict[str, str]) -> pathlib.Path:
    """Write ``pkg/`` with its files under ``top``; return the linted module."""
    for name, text in {"pkg/__init__.py": "", "pkg/mod.py": LOADER_MODULE, **files}.items():
        path = top / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return top / "pkg" / "mod.py"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _flake8(*args: str, stdin: bytes | None = None) -> lintrun.Flake8Run:
    """flake8 with SRB3, bounded in time and memory, from outside the tree.

    ``-v`` lets the plugin's last-resort warning reach stderr, where
    ``assert_clean`` looks for it.
    """
    command = [sys.executable, "-m", "flake8", "-v", "--isolated", "--select=SRB3,E9",
               "--jobs=1", *args]
    try:
        done = subprocess.run(
            command, cwd=pathlib.Path(__file__).parent, input=stdin,
            capture_output=True, timeout=TIMEOUT, preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"flake8 did not finish in {TIMEOUT} s: {command}")
    run = lintrun.Flake8Run(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )
    run.assert_clean()
    return run


# -- 1. FIFOs, devices and symlinks out of the root ------------------------


def test_fifo_beside_the_linted_module_is_not_opened(tmp_path):
    linted = _package(tmp_path, {})
    os.mkfifo(tmp_path / "pkg" / "zz.py")
    # No module declares the option, and a FIFO is no module: still reported.
    assert _flake8(str(linted)).codes == {"SRB302"}


def test_fifo_beside_a_module_from_stdin_is_not_opened(tmp_path):
    linted = _package(tmp_path, {})
    os.mkfifo(tmp_path / "pkg" / "zz.py")
    run = _flake8(f"--stdin-display-name={linted}", "-", stdin=linted.read_bytes())
    assert run.codes == {"SRB302"}


def test_fifo_in_an_excluded_directory_is_not_opened(tmp_path):
    linted = _package(tmp_path, {"pkg/build/__init__.py": ""})
    os.mkfifo(tmp_path / "pkg" / "build" / "zz.py")
    _flake8("--extend-exclude=build", str(linted))


def test_symlink_to_dev_zero_is_not_read(tmp_path):
    linted = _package(tmp_path, {})
    os.symlink("/dev/zero", tmp_path / "pkg" / "zero.py")
    # Never read, but a link out of the root hides what it points to: unknown.
    assert _flake8(str(linted)).codes == set()


def test_symlink_out_of_the_root_is_not_followed(tmp_path):
    outside = tmp_path / "elsewhere.py"
    outside.write_text(UNCHECKED_OPTION, encoding="utf-8")
    project = tmp_path / "project"
    linted = _package(project, {"pkg/conf.py": CHECKED_OPTION})
    os.symlink(outside, project / "pkg" / "linked.py")
    # The declaration outside the root does not count; the one inside does.
    assert _flake8(str(linted)).codes == set()


def test_dangling_symlink_is_no_module_and_hides_nothing(tmp_path):
    _package(tmp_path, {})
    os.symlink(tmp_path / "missing.py", tmp_path / "pkg" / "gone.py")
    index = project_index.ProjectIndex(str(tmp_path))
    assert index.options("pkg", "driver") == []
    assert index.is_complete("pkg")  # so the SRB302 of the linted module stays


# -- exclude and extend-exclude, matched as flake8 matches them ------------


@pytest.mark.parametrize("option", ["--extend-exclude=legacy", "--exclude={legacy}"])
def test_excluded_files_do_not_count(tmp_path, option):
    linted = _package(tmp_path, {
        "pkg/conf.py": CHECKED_OPTION,
        "pkg/legacy/__init__.py": "",
        "pkg/legacy/old_conf.py": UNCHECKED_OPTION,
    })
    legacy = tmp_path / "pkg" / "legacy"
    # Only the excluded module declares the option without choices.
    assert _flake8(option.format(legacy=legacy), str(linted)).codes == set()


# -- 3. caps in files and bytes, and unknown past them ---------------------


def _bytes_read() -> int:
    for line in pathlib.Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


@pytest.mark.skipif(not os.path.exists("/proc/self/io"), reason="needs Linux /proc")
def test_hard_links_to_one_big_file_cost_at_most_the_byte_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(project_files, "MAX_TOTAL_BYTES", 8 * 2**20)
    _package(tmp_path, {})
    big = tmp_path / "pkg" / "a_big.py"
    big.write_bytes(b"x = 1  # filler\n" * (2**20 // 16))
    for number in range(60):
        os.link(big, tmp_path / "pkg" / f"b_link_{number:03}.py")
    index = project_index.ProjectIndex(str(tmp_path))
    before = _bytes_read()
    assert index.options("pkg", "driver") == []
    index.renames("pkg", frozenset({"DriverManager"}))
    read = _bytes_read() - before
    assert read <= 2 * 9 * 2**20, f"read {read} bytes for a cap of 8 MiB"  # two scans
    assert not index.is_complete("pkg")


def test_choices_past_the_file_cap_is_unknown_not_reported(tmp_path):
    linted = _package(tmp_path, {"pkg/zz_conf.py": CHECKED_OPTION})
    for number in range(8000):
        (tmp_path / "pkg" / f"m{number:04}.py").write_bytes(b"x = 1\n")
    assert _flake8(str(linted)).codes == set()


def test_module_over_the_byte_cap_is_unknown_not_absent(tmp_path, monkeypatch):
    monkeypatch.setattr(project_files, "MAX_FILE_BYTES", 4096)
    _package(tmp_path, {"pkg/conf.py": CHECKED_OPTION + "# padding\n" * 1000})
    index = project_index.ProjectIndex(str(tmp_path))
    assert index.options("pkg", "driver") == []
    assert not index.is_complete("pkg")


def test_caps_are_documented_with_their_defaults():
    text = (pathlib.Path(__file__).parent.parent / "docs" / "configuration.md").read_text()
    section = text.split("## The project scan and its caps", 1)[1]
    for cap in (project_files.MAX_FILES, project_files.MAX_FILE_BYTES,
                project_files.MAX_TOTAL_BYTES, project_files.MAX_ENTRIES):
        assert f"| {cap} |" in section or f"({cap})" in section, cap
    assert f"({project_files.VALVE_SECONDS:.0f} s)" in section
