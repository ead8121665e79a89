"""The flake8 entry class: options in, findings out, nothing else."""

from __future__ import annotations

import argparse
import ast
import logging
import os
from collections.abc import Callable, Iterator
from typing import Any

from flake8_sched_robustness import (
    __version__,
    baseline,
    codes,
    context_params,
    door,
    loaders,
    module_facts,
    raises,
    scopes,
    settings,
)

LOG = logging.getLogger("flake8.sched_robustness")
# SRB_STRICT=1 (the test suite and CI) lets an internal error fail loudly
# instead of costing one file its reports in silence.
STRICT_VARIABLE = "SRB_STRICT"

Family = Callable[
    [module_facts.ModuleFacts, scopes.FileScopes, settings.Settings, door.Door],
    Iterator[codes.Finding],
]

# Each family runs only when one of its codes is selected.
FAMILIES: tuple[tuple[str, Family], ...] = (
    ("SRB1", raises.check),
    ("SRB2", context_params.check),
    ("SRB3", loaders.check),
)


class Plugin:
    """flake8 plugin for the SRB codes."""

    name = "flake8-sched-robustness"
    version = __version__
    config: settings.Settings = settings.DEFAULTS

    def __init__(self, tree: ast.AST, filename: str = "", lines: list[str] | None = None) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, option_manager: Any) -> None:
        """Declare the plugin's options with flake8."""
        settings.register(option_manager)

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        """Keep the parsed options as the plugin's only state."""
        cls.config = settings.from_options(options)
        baseline.check(cls.config.baseline)  # a bad baseline file is a usage error

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        """Yield flake8 reports for the file."""
        reports = [
            (found.line, found.col, codes.format_message(found))
            for found in sorted(self._findings())
        ]
        # The adoption baseline silences the findings it records (baseline.py).
        for line, col, text in baseline.unrecorded(
            reports, self.config.baseline, self.filename, self.lines
        ):
            yield line, col, text, type(self)

    def _findings(self) -> list[codes.Finding]:
        found: list[codes.Finding] = []
        if not isinstance(self.tree, ast.Module):
            return found
        config = self.config
        families = [family for prefix, family in FAMILIES if config.selects_any(prefix)]
        if not families:
            return found  # no SRB code selected: not even the statement pass
        try:
            with door.collector_paused():
                module = module_facts.ModuleFacts(self.tree, self.filename, self.lines)
                file_door = door.Door(
                    module,
                    config.inference_budget,
                    config.inference,
                    exclude=config.exclude,
                    modules=config.inference_modules,
                    astroid_modules=config.astroid_modules(module.line_count),
                )
                file_scopes = scopes.FileScopes(module.tree)  # one per file, for every family
                for family in families:
                    found.extend(family(module, file_scopes, config, file_door))
        except Exception:  # the last-resort guard: never take flake8 down
            if os.environ.get(STRICT_VARIABLE) == "1":
                raise
            LOG.warning(
                "flake8-sched-robustness stopped on %s; no further reports for it",
                self.filename,
                exc_info=True,
            )
        return found
