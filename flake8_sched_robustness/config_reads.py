"""Recognise a read of an oslo.config option: ``CONF.group.name``, ``conf.get("x")``."""

from __future__ import annotations

import ast

from flake8_sched_robustness import naming

# Names whose values are read from oslo.config: CONF.group.name, conf.name.
CONFIG_OBJECTS = frozenset({"conf", "_conf", "configuration", "config", "_config"})
CONFIG_GETTERS = frozenset({"get", "safe_get"})


def config_read(node: ast.expr) -> tuple[str | None, str] | None:
    """(group, option) for ``CONF.group.name``, ``self.conf.name``, ``conf.get('x')``.

    The group is None where the object may be bound to any group (a
    driver's ``self.configuration``); ``CONF.name`` is in DEFAULT.
    """
    if isinstance(node, ast.Call):
        if not (isinstance(node.func, ast.Attribute) and node.func.attr in CONFIG_GETTERS):
            return None
        if len(node.args) != 1 or not isinstance(node.args[0], ast.Constant):
            return None
        option = node.args[0].value
        dotted = naming.dotted_name(node.func.value)
        if not isinstance(option, str) or not dotted:
            return None
        parts = [*dotted.split("."), option]
    else:
        dotted = naming.dotted_name(node)
        if not dotted:
            return None
        parts = dotted.split(".")
    marks = [i for i, part in enumerate(parts) if part.lower() in CONFIG_OBJECTS]
    if not marks:
        return None
    rest = parts[marks[-1] + 1:]
    if len(rest) == 2:
        return rest[0], rest[1]
    if len(rest) == 1:
        return ("DEFAULT" if parts[marks[-1]] == "CONF" else None), rest[0]
    return None
