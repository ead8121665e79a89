"""Judge an exception's message text: blank, written out, or built by its class."""

from __future__ import annotations

import ast
import dataclasses
import re
import string
from collections.abc import Collection, Iterable, Iterator

from flake8_sched_robustness import codes, naming
from flake8_sched_robustness.answers import Tri

# ``%(reason)s``: the name between the parentheses.
_PERCENT_FIELD = re.compile(r"%\(([^()]*)\)")
# ``{volume.id}``, ``{names[0]}``: the field's name ends at the first . or [.
_FIELD_END = re.compile(r"[.\[]")
# ``"%(value)s"``, ``'{name}'``: a field alone between quotes.
_QUOTED_FIELD = re.compile(
    r"""(["'])(?:%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]|\{(\w+)[^{}]*\})\1"""
)


@dataclasses.dataclass(frozen=True)
class BlankArgument:
    """A blank message argument: its keyword (None for the first positional)
    and how the finding spells it."""

    keyword: str | None
    spelled: str


def blank_text(node: ast.expr, i18n: Iterable[str]) -> Tri:
    """Tell whether an expression is a blank message literal.

    YES for ``""``, ``"  "``, ``f""``, ``str()`` and ``_("")``; NO for a
    literal with text; UNKNOWN for anything computed.
    """
    if isinstance(node, ast.Constant):
        if isinstance(node.value, (str, bytes)):
            return Tri.YES if not node.value.strip() else Tri.NO
        return Tri.UNKNOWN
    if isinstance(node, ast.JoinedStr):
        if any(isinstance(part, ast.FormattedValue) for part in node.values):
            return Tri.NO
        text = "".join(
            str(part.value) for part in node.values if isinstance(part, ast.Constant)
        )
        return Tri.YES if not text.strip() else Tri.NO
    if isinstance(node, ast.Call) and not node.keywords:
        callee = naming.dotted_name(node.func)
        if callee == "str" and not node.args:
            return Tri.YES
        if callee and callee.rpartition(".")[2] in i18n and len(node.args) == 1:
            return blank_text(node.args[0], i18n)
    return Tri.UNKNOWN


def blank_arguments(call: ast.Call, i18n: Collection[str]) -> Iterator[BlankArgument]:
    """The blank arguments of a call that may fill its message, in order.

    The first positional argument is the message; which keywords fill it
    depends on the class, so the caller chooses among them.
    """
    if call.args and blank_text(call.args[0], i18n) is Tri.YES:
        yield BlankArgument(None, f"message {codes.spell(call.args[0])}")
    for keyword in call.keywords:
        if keyword.arg and blank_text(keyword.value, i18n) is Tri.YES:
            yield BlankArgument(keyword.arg, f"{keyword.arg}={codes.spell(keyword.value)}")


def literal_text(value: ast.expr | None, i18n: Collection[str]) -> str | None:
    """The text of a message written out whole: a literal, maybe translated
    (``_("...")``) or glued with ``+``; None for anything computed."""
    if isinstance(value, ast.Constant):
        return value.value if isinstance(value.value, str) else None
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        left, right = literal_text(value.left, i18n), literal_text(value.right, i18n)
        return None if left is None or right is None else left + right
    if isinstance(value, ast.Call) and len(value.args) == 1 and not value.keywords:
        callee = naming.dotted_name(value.func) or ""
        if callee and callee.rpartition(".")[2] in i18n:
            return literal_text(value.args[0], i18n)
    return None


def placeholders(template: str) -> frozenset[str]:
    """The named fields of a message template: ``%(reason)s`` and ``{volume_id}``.

    Positional fields (``%s``, ``{0}``, ``{}``) have no name and are left out.
    """
    names = set(_PERCENT_FIELD.findall(template))
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(template) if field]
    except ValueError:
        fields = []  # unbalanced braces: not a str.format template
    names.update(_FIELD_END.split(field, maxsplit=1)[0] for field in fields)
    return frozenset(name for name in names if name.isidentifier())


def quoted_placeholders(template: str) -> frozenset[str]:
    """The named fields that stand alone between quotes (``Value "%(value)s"``).

    A blank value there reads as ``Value ""``: the message shows that the
    value was empty, which is data, not a hole in the text.
    """
    return frozenset(
        percent or brace for _, percent, brace in _QUOTED_FIELD.findall(template)
    )


def template_fields(template: str) -> set[str]:
    """The placeholders a base fills from keywords: ``%(name)s`` fields when
    the template has any (a %-formatting base leaves braces alone), else
    the named ``{name}`` fields of a str.format template."""
    percent = set(_PERCENT_FIELD.findall(template))
    if percent:
        return {name for name in percent if name.isidentifier()}
    return set(placeholders(template))


def default_message_state(value: ast.expr | None, i18n: Collection[str]) -> Tri:
    """Judge a message attribute's value: YES for text, NO for blank or None."""
    if value is None:
        return Tri.UNKNOWN
    if isinstance(value, ast.Constant) and value.value is None:
        return Tri.NO
    blank = blank_text(value, i18n)
    if blank is Tri.YES:
        return Tri.NO
    if blank is Tri.NO and naming.is_literal_text(value, i18n):
        return Tri.YES
    return Tri.UNKNOWN


def builds_message(method: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Tell whether a ``__str__`` or ``__init__`` gives the exception its text.

    ``__str__`` always does. ``__init__`` does when it passes its base's
    ``__init__`` anything other than its own parameters unchanged, such as
    ``super().__init__("fixed text")`` or ``super().__init__(fmt % kwargs)``.
    """
    if method.name == "__str__":
        return True
    own = {arg.arg for arg in naming.parameters(method.args)}
    for node in ast.walk(method):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "__init__"
        ):
            continue
        via_super = isinstance(node.func.value, ast.Call)
        for argument in node.args if via_super else node.args[1:]:
            if isinstance(argument, ast.Name) and argument.id in own:
                continue
            if isinstance(argument, ast.Starred) or blank_text(argument, ()) is Tri.YES:
                continue
            return True
    return False
