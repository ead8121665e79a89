"""The one table of codes, symbols and messages; findings are formatted here."""

from __future__ import annotations

import ast
import dataclasses
import json
from typing import NamedTuple

# A message quotes at most this many characters of an expression.
MAX_SPELLED = 40
ELLIPSIS = "..."


@dataclasses.dataclass(frozen=True)
class Code:
    """One error code: its kebab-case symbol, message template and summary."""

    code: str
    symbol: str
    template: str
    summary: str


class Finding(NamedTuple):
    """A report a rule family makes; only this module turns it into text."""

    line: int
    col: int
    code: str
    fields: tuple[tuple[str, str], ...] = ()


def finding(line: int, col: int, code: str, **fields: str) -> Finding:
    """Build a Finding, checking the code against the table."""
    if code not in CODES:
        raise KeyError(code)
    return Finding(line, col, code, tuple(sorted(fields.items())))


def spell(node: ast.expr, limit: int = MAX_SPELLED) -> str:
    """Spell an expression for a message, cut to ``limit`` characters; never raise.

    A string is shown as users write it (``""`` rather than ``''``).  An
    expression too deep for ``ast.unparse`` is shown as an ellipsis alone:
    the finding matters more than its text (issue 14, item 8).
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = json.dumps(node.value)
    else:
        try:
            text = ast.unparse(node)
        except (RecursionError, ValueError):
            return ELLIPSIS
    if len(text) > limit:
        return text[: max(limit - len(ELLIPSIS), 0)] + ELLIPSIS
    return text


_ALL = (
    Code(
        "SRB101",
        "missing-exception-message",
        "{exception} raised without a message; say what failed and why",
        "An exception raised with no message and no default message.",
    ),
    Code(
        "SRB102",
        "blank-exception-message",
        "{exception} raised with an empty {argument}; say why it failed",
        "An exception message that is present but empty or blank.",
    ),
    Code(
        "SRB103",
        "generic-exception-raised",
        "generic {exception} raised; raise a specific exception class "
        "that callers can catch",
        "Exception or BaseException raised itself.",
    ),
    Code(
        "SRB104",
        "unfilled-message-template",
        "{exception} raised without {missing}, which its message needs; the "
        "operator sees the raw template; pass {remedy} or give a message",
        "A raise that leaves placeholders of its class's default message "
        "template unfilled.",
    ),
    Code(
        "SRB201",
        "dropped-request-context",
        "RPC endpoint {function}() never reads its context parameter "
        "'{param}'; pass it on to the work done for the caller",
        "An RPC endpoint method that works for its caller without reading "
        "the caller's request context.",
    ),
    Code(
        "SRB202",
        "replaced-request-context",
        "context parameter '{param}' of {function}() is replaced by "
        "{substitute}; pass the caller's context on, or {param}.elevated() "
        "where admin rights are needed",
        "A request context parameter replaced by another context before it "
        "is read.",
    ),
    Code(
        "SRB301",
        "unchecked-dynamic-import",
        "{loader}() imports code named by {name}{source} without an "
        "allowlist; {advice}",
        "Code imported from a computed name without an allowlist check.",
    ),
    Code(
        "SRB302",
        "unchecked-driver-name",
        "driver name {name}{source} is loaded by {loader}() without an "
        "allowlist; {advice}",
        "A plugin chosen from an entry-point namespace by a computed name "
        "without an allowlist check.",
    ),

    Code(
        "SRB901",
        "unused-context-parameter",
        "context parameter '{param}' of {function}() is never read; pass it "
        "on, or rename it '_{param}' if unused on purpose",
        "A request context parameter that the body never reads (opt-in sweep).",
    ),
)

# Opt-in sweeps: reported only when the user's select or extend-select
# names them (settings.py), as flake8-bugbear does with its B9 codes.
OFF_BY_DEFAULT = frozenset({"SRB901"})

CODES: dict[str, Code] = {code.code: code for code in _ALL}


def format_message(found: Finding) -> str:
    """Render a finding as flake8 text: the code, then the message."""
    code = CODES[found.code]
    return f"{code.code} {code.template.format(**dict(found.fields))}"
