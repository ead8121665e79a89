"""mypy on the package, with the settings of pyproject.toml: any error fails."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_the_package_type_checks(request: pytest.FixtureRequest) -> None:
    # pytest's own cache keeps mypy's incremental cache: a few seconds cold,
    # under one once warm.
    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    command = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")]
    if cache is not None:
        command += ["--cache-dir", str(cache.mkdir("mypy"))]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
