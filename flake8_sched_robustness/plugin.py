"""The flake8 entry class: options in, findings out, nothing else."""

from __future__ import annotations

import argparse
import ast
import logging
from collections.abc import Callable, Iterator
from typing import Any

from flake8_sched_robustness import (
    __version__,
    codes,
    context_params,
    inference,
    loaders,
    project_index,
    raises,
    settings,
    syntax,
)

LOG = logging.getLogger("flake8.sched_robustness")

Family = Callable[
    [syntax.ModuleFacts, settings.Settings, inference.Door], Iterator[codes.Finding]
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

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        """Yield flake8 reports for the file."""
        for found in sorted(self._findings()):
            yield found.line, found.col, codes.format_message(found), type(self)

    def _findings(self) -> list[codes.Finding]:
        found: list[codes.Finding] = []
        if not isinstance(self.tree, ast.Module):
            return found
        config = self.config
        families = [family for prefix, family in FAMILIES if config.selects_any(prefix)]
        if not families:
            return found  # no SRB code selected: not even the statement pass
        try:
            project_index.use_exclude(config.exclude)
            with inference.collector_paused():
                module = syntax.ModuleFacts(self.tree, self.filename, self.lines)
                door = inference.Door(
                    module,
                    config.inference_budget,
                    config.inference,
                    astroid_budget=config.astroid_budget(module.line_count),
                )
                for family in families:
                    found.extend(family(module, config, door))
        except Exception:  # the last-resort guard: never take flake8 down
            LOG.warning(
                "flake8-sched-robustness stopped on %s; no further reports for it",
                self.filename,
                exc_info=True,
            )
        return found
