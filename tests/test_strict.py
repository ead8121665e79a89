"""Strict mode: SRB_STRICT=1 lets a plugin bug fail; otherwise the guard logs it.

The test suite runs in strict mode (conftest.py), so an internal error that
the last-resort guard would hide from users fails a test instead.
"""

from __future__ import annotations

import ast
import logging

import pytest

from flake8_sched_robustness import plugin


def _broken_family(*args: object) -> None:
    raise RuntimeError("a bug in a rule family")


def _run(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, str, type]]:
    monkeypatch.setattr(plugin, "FAMILIES", (("SRB1", _broken_family),))
    return list(plugin.Plugin(ast.parse("raise ValueError\n"), "example.py").run())


def test_strict_mode_lets_a_plugin_bug_fail(monkeypatch):
    monkeypatch.setenv("SRB_STRICT", "1")
    with pytest.raises(RuntimeError, match="a bug in a rule family"):
        _run(monkeypatch)


def test_without_strict_mode_the_guard_logs_and_the_file_gets_no_reports(monkeypatch, caplog):
    monkeypatch.delenv("SRB_STRICT", raising=False)
    with caplog.at_level(logging.WARNING, logger=plugin.LOG.name):
        assert _run(monkeypatch) == []
    assert "stopped on example.py" in caplog.text
