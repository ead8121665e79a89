"""``flake8 --format=srb-sarif``: every report as SARIF 2.1.0, with the rules' metadata."""

from __future__ import annotations

import json
import os
from typing import Any

from flake8.formatting import base  # type: ignore[import-untyped]  # flake8 ships no type hints

from flake8_sched_robustness import __version__, codes

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
# Where the docs are published; each rule's helpUri is its page there.
DOCS_URL = "https://flake8-sched-robustness.readthedocs.io/en/latest/"
LEVEL = "warning"


def rule(code: str) -> dict[str, Any]:
    """A rule descriptor: the codes table's metadata for SRB, the bare id otherwise."""
    known = codes.CODES.get(code)
    if known is None:  # another plugin's code (E501, H201): flake8 knows no more
        return {"id": code}
    return {
        "id": code,
        "name": known.symbol,
        "shortDescription": {"text": known.summary},
        "fullDescription": {"text": f"{known.summary} Message: {known.template}"},
        "helpUri": f"{DOCS_URL}rules/{code}.html",
        "defaultConfiguration": {"level": LEVEL},
    }


def relative_uri(filename: str) -> str:
    """A file's URI relative to the directory flake8 ran in (SRCROOT)."""
    return os.path.relpath(os.path.abspath(filename)).replace(os.sep, "/")


def result(error: Any, index: dict[str, int]) -> dict[str, Any]:
    """One SARIF result for one flake8 report (a Violation)."""
    return {
        "ruleId": error.code,
        "ruleIndex": index[error.code],
        "level": LEVEL,
        "message": {"text": error.text},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": relative_uri(error.filename),
                                     "uriBaseId": "SRCROOT"},
                "region": {
                    "startLine": max(error.line_number, 1),
                    # flake8's columns count from 1, as SARIF's do (E902's 0 is 1)
                    "startColumn": max(error.column_number, 1),
                },
            },
        }],
    }


class SarifFormatter(base.BaseFormatter):  # type: ignore[misc]  # flake8's class is Any
    """Collect every report; write one SARIF log when flake8 stops."""

    def after_init(self) -> None:
        """Start with no reports."""
        self.errors: list[Any] = []

    def start(self) -> None:
        """Open --output-file afresh: one log per run, never appended to an old one."""
        if self.filename:
            directory = os.path.dirname(os.path.abspath(self.filename))
            os.makedirs(directory, exist_ok=True)
            self.output_fd = open(self.filename, "w", encoding="utf-8")

    def handle(self, error: Any) -> None:
        """Keep a report for the log."""
        self.errors.append(error)

    def show_source(self, error: Any) -> str | None:
        """No source lines: they would break the JSON (show-source is ignored)."""
        return None

    def show_statistics(self, statistics: Any) -> None:
        """No statistics text in the JSON (--statistics is ignored)."""

    def show_benchmarks(self, benchmarks: Any) -> None:
        """No benchmark text in the JSON (--benchmark is ignored)."""

    def stop(self) -> None:
        """Write the log, then close the output file."""
        self._write(json.dumps(self.log(), indent=2))
        super().stop()

    def log(self) -> dict[str, Any]:
        """The SARIF log: one run, every SRB rule and each other code reported."""
        ids = list(codes.CODES)
        ids += sorted({error.code for error in self.errors} - set(ids))
        index = {code: position for position, code in enumerate(ids)}
        errors = sorted(self.errors, key=lambda error: (
            error.filename, error.line_number, error.column_number, error.code))
        return {
            "$schema": SCHEMA,
            "version": SARIF_VERSION,
            "runs": [{
                "tool": {"driver": {
                    "name": "flake8-sched-robustness",
                    "version": __version__,
                    "informationUri": DOCS_URL,
                    "rules": [rule(code) for code in ids],
                }},
                "originalUriBaseIds": {"SRCROOT": {"uri": _cwd_uri()}},
                "results": [result(error, index) for error in errors],
            }],
        }


def _cwd_uri() -> str:
    """The directory flake8 ran in, as a file URI ending in a slash."""
    path = os.path.abspath(os.getcwd()).replace(os.sep, "/")
    return "file://" + ("" if path.startswith("/") else "/") + path.rstrip("/") + "/"
