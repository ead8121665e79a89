"""Recognise a read of an oslo.config option: ``CONF.group.name``, ``conf.get("x")``."""

from __future__ import annotations

import ast

# Names whose values are read from oslo.config: CONF.group.name, conf.name.
CONFIG_OBJECTS = frozenset({"conf", "_conf", "configuration", "config", "_config"})
CONFIG_GETTERS = frozenset({"get", "safe_get"})


def config_read(node: ast.expr) -> tuple[str | None, str] | None:
    """(group, option) for ``CONF.group.name``, ``self.conf.name``, ``conf.get('x')``.

    ``CONF['group'].name`` and ``CONF.group['name']`` are the same read as
    ``CONF.group.name``.  The group is None where the object may be bound to
    any group (a driver's ``self.configuration``, ``CONF[group].name``);
    ``CONF.name`` is in DEFAULT.
    """
    if isinstance(node, ast.Call):
        if not (isinstance(node.func, ast.Attribute) and node.func.attr in CONFIG_GETTERS):
            return None
        if len(node.args) != 1 or not isinstance(node.args[0], ast.Constant):
            return None
        option = node.args[0].value
        chain = _chain(node.func.value)
        if not isinstance(option, str) or not chain:
            return None
        parts = [*chain, option]
    else:
        found = _chain(node)
        if not found:
            return None
        parts = found
    marks = [i for i, part in enumerate(parts) if part and part.lower() in CONFIG_OBJECTS]
    if not marks:
        return None
    rest = parts[marks[-1] + 1:]
    if len(rest) == 2 and rest[1] is not None:
        return rest[0], rest[1]
    if len(rest) == 1 and rest[0] is not None:
        return ("DEFAULT" if parts[marks[-1]] == "CONF" else None), rest[0]
    return None


def _chain(node: ast.expr) -> list[str | None] | None:
    """The segments of ``a.b['c'].d``, root first; None for a computed subscript."""
    parts: list[str | None] = []
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
        else:
            key = node.slice
            text = key.value if isinstance(key, ast.Constant) else None
            parts.append(text if isinstance(text, str) else None)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]
