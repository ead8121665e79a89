"""The option table and the frozen Settings that every rule family reads."""

from __future__ import annotations

import argparse
import dataclasses
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from flake8 import style_guide  # type: ignore[import-untyped]  # flake8 ships no type hints

from flake8_sched_robustness import codes

PREFIX = "--srb-"
# What --srb-astroid-budget-per-line's CPU milliseconds are read as, so that
# its old default (0.15 ms a line) is the new one (0.005 modules a line).
MS_PER_MODULE = 30.0


@dataclasses.dataclass(frozen=True)
class Option:
    """One plugin option; list options also get an ``--srb-extend-`` twin."""

    name: str
    default: Any
    help: str
    kind: str = "list"  # "list", "bool", "int", "float" or "str"
    metavar: str = "NAMES"

    @property
    def attr(self) -> str:
        """The Settings field (and argparse dest) this option fills."""
        return self.name.replace("-", "_")

    @property
    def extend_attr(self) -> str:
        """The argparse dest of the ``--srb-extend-`` twin."""
        return "extend_" + self.attr


OPTIONS: tuple[Option, ...] = (
    Option(
        "baseline",
        None,
        "A baseline file written by 'python -m flake8_sched_robustness "
        "baseline': the SRB findings it records are not reported, new ones "
        "are (default: %(default)s).",
        kind="str",
        metavar="FILE",
    ),
    Option(
        "exempt-exceptions",
        (
            "NotImplementedError",
            "StopIteration",
            "StopAsyncIteration",
            "GeneratorExit",
            "SystemExit",
            "KeyboardInterrupt",
            # The libraries' documented signals: each ends in the library's
            # own handler, which reads no message.  Also under the modules
            # that define them, which is what an import from there (or a
            # subclass's resolved ancestry) names.
            "futurist.periodics.NeverAgain",
            "oslo_service.loopingcall.LoopingCallDone",
            "oslo_service.backend._common.loopingcall.LoopingCallDone",
            "tenacity.TryAgain",
            "oslo_messaging.ExpectedException",
            "oslo_messaging.rpc.ExpectedException",
            "oslo_messaging.rpc.dispatcher.ExpectedException",
        ),
        "Exception classes that may be raised without a message (SRB101) "
        "or with their template unfilled (SRB104), "
        "by qualified name; a bare name means a built-in.",
        metavar="CLASSES",
    ),
    Option(
        "message-attributes",
        ("msg_fmt", "_msg_fmt", "message", "message_format", "default_message"),
        "Class attributes that give an exception class its default message "
        "(SRB101) and the template whose placeholders keywords fill (SRB102, "
        "SRB104).",
    ),
    Option(
        "message-keywords",
        ("message", "msg", "reason", "detail", "details", "explanation", "description"),
        "Keyword arguments that fill an exception's message when its class "
        "has no default-message template to name its placeholders: a blank "
        "one is SRB102, a blank other keyword is data; one that the template "
        "does not name is a message of its own (SRB104).",
        metavar="KEYWORDS",
    ),
    Option(
        "i18n-functions",
        ("_", "_LE", "_LW", "_LI", "_LC", "gettext", "ugettext", "gettext_lazy",
         "ugettext_lazy", "lazy_gettext"),
        "Translation wrappers that are transparent around a message literal.",
    ),
    Option(
        "loader-functions",
        (),
        "More functions that import code from a name (SRB301), by qualified "
        "name; add ':N' for the name argument's position (default 0) and/or "
        "':keyword' for its keyword, e.g. mypkg.utils.load_driver:1:driver.",
        metavar="FUNCTIONS",
    ),
    Option(
        "entry-point-managers",
        (),
        "More classes or functions that load a plugin chosen by name from an "
        "entry-point namespace (SRB302), by qualified name; the name is the "
        "second argument or the keyword name/names unless ':N' or ':keyword' "
        "says otherwise.",
        metavar="CALLABLES",
    ),
    Option(
        "validator-functions",
        (),
        "Functions that reject a driver or module name outside the allowed "
        "ones (SRB301, SRB302), by qualified name: a call with the name "
        "before the load counts as an allowlist check.",
        metavar="FUNCTIONS",
    ),
    Option(
        "context-names",
        ("context", "ctxt", "ctx", "request_context", "req_context"),
        "Parameter names that carry the caller's request context (SRB2).",
    ),
    Option(
        "context-types",
        ("*RequestContext",),
        "Annotations that make a parameter a request context (SRB2): globs "
        "matched against the last dotted segment of the annotated type, or "
        "against the whole qualified name when the glob has a dot.",
        metavar="GLOBS",
    ),
    Option(
        "context-factories",
        ("get_admin_context", "get_context", "RequestContext", "*.RequestContext",
         "*.get_admin_context"),
        "Calls that make a new request context (SRB202): a function that "
        "calls one while it never reads its own context parameter has "
        "replaced the caller's context. Globs matched against the called "
        "name's last segment, or against the whole qualified name when the "
        "glob has a dot.",
        metavar="GLOBS",
    ),
    Option(
        "context-decorators",
        (
            # oslo.db enginefacade: the transaction is bound to the context.
            "*.reader", "*.writer", "*.reader.*", "*.writer.*", "*_reader",
            "*_writer", "*CONTEXT_READER", "*CONTEXT_WRITER",
            # neutron-lib retries a DB call only when context.session is idle.
            "*retry_if_session_inactive",
            # oslo.versionedobjects: the object's own context is used.
            "*remotable", "*remotable_classmethod",
            # periodic tasks run with the service's context, for no caller.
            "*periodic*",
            # nova records the instance action under the caller's context.
            "*wrap_instance_event",
            # registrars whose caller fixes the signature.
            "*versioned_method", "*dispatch_for",
        ),
        "Decorators after which a function may leave its context unread "
        "(SRB201, SRB901): ones that use the context themselves (oslo.db "
        "enginefacade reader/writer, remotable, periodic tasks) or register "
        "the function with a caller that fixes its signature. Globs matched "
        "against the decorator as written and as a qualified name.",
        metavar="GLOBS",
    ),
    Option(
        "interface-classes",
        (),
        "Classes whose methods other classes implement without inheriting "
        "from them (duck-typed driver interfaces), by qualified name: a "
        "method named like one of theirs counts as an override (SRB901).",
        metavar="CLASSES",
    ),
    Option(
        "check-overrides",
        False,
        "Report unused context parameters of methods that override a base "
        "class method too (SRB901; default: %(default)s).",
        kind="bool",
        metavar="BOOL",
    ),
    Option(
        "inference",
        True,
        "Use astroid to resolve classes, bases and constants that live in "
        "other modules of the linted project (default: %(default)s).",
        kind="bool",
        metavar="BOOL",
    ),
    Option(
        "inference-modules",
        20000,
        "Module reads allowed per file for questions about other modules: "
        "each lookup of another module's source, remembered or not, and "
        "each module astroid builds; past it, undecided candidates stay "
        "silent (default: %(default)s).",
        kind="int",
        metavar="MODULES",
    ),
    Option(
        "astroid-modules-per-line",
        0.005,
        "Modules astroid may build per line of the linted file, for the "
        "questions only astroid can answer (never more than "
        "--srb-inference-modules); astroid is not started for a file whose "
        "share is under 8 modules (default: %(default)s).",
        kind="float",
        metavar="MODULES",
    ),
    Option(
        "inference-budget",
        60.0,
        "Deprecated as a budget: now only the wall-clock valve, in seconds "
        "per file, against a hang; 0 turns questions about other modules "
        "off (default: %(default)s).",
        kind="float",
        metavar="SECONDS",
    ),
    Option(
        "astroid-budget-per-line",
        None,
        "Deprecated: CPU milliseconds per line for astroid, now read as "
        "--srb-astroid-modules-per-line at 30 ms per module when given "
        "(default: %(default)s).",
        kind="float",
        metavar="MS",
    ),
)


_BY_NAME = {option.name: option for option in OPTIONS}
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def _default(name: str) -> Any:
    """An option's default as a Settings field holds it: the table decides."""
    option = _BY_NAME[name]
    return frozenset(option.default) if option.kind == "list" else option.default


@dataclasses.dataclass(frozen=True)
class CallableSpec:
    """A configured callable, and where its name argument sits."""

    qualname: str
    position: int
    keywords: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Settings:
    """Parsed options, rebuilt on every parse_options call."""

    exempt_exceptions: frozenset[str] = _default("exempt-exceptions")
    message_attributes: frozenset[str] = _default("message-attributes")
    message_keywords: frozenset[str] = _default("message-keywords")
    i18n_functions: frozenset[str] = _default("i18n-functions")
    loader_functions: frozenset[str] = _default("loader-functions")
    entry_point_managers: frozenset[str] = _default("entry-point-managers")
    validator_functions: frozenset[str] = _default("validator-functions")
    context_names: frozenset[str] = _default("context-names")
    context_types: frozenset[str] = _default("context-types")
    context_factories: frozenset[str] = _default("context-factories")
    context_decorators: frozenset[str] = _default("context-decorators")
    interface_classes: frozenset[str] = _default("interface-classes")
    check_overrides: bool = _default("check-overrides")
    inference: bool = _default("inference")
    inference_modules: int = _default("inference-modules")
    astroid_modules_per_line: float = _default("astroid-modules-per-line")
    inference_budget: float = _default("inference-budget")
    astroid_budget_per_line: float | None = _default("astroid-budget-per-line")
    selected: frozenset[str] = frozenset(codes.CODES) - codes.OFF_BY_DEFAULT
    exclude: tuple[str, ...] = ()  # flake8's exclude + extend-exclude: the index skips them
    baseline: str | None = _default("baseline")  # a file name; empty or None: no baseline

    def astroid_modules(self, lines: int) -> int:
        """Modules astroid may build for a file's questions (at most the total)."""
        rate = self.astroid_modules_per_line
        if self.astroid_budget_per_line is not None:  # the deprecated option, given
            rate = self.astroid_budget_per_line / MS_PER_MODULE
        return min(self.inference_modules, int(rate * lines))

    def selects_any(self, prefix: str) -> bool:
        """Tell whether any selected code starts with ``prefix``."""
        return any(code.startswith(prefix) for code in self.selected)

    # The properties below parse option text once per Settings, not per file;
    # cached_property writes the instance dict, which a frozen dataclass allows.

    @functools.cached_property
    def exempt_qualnames(self) -> frozenset[str]:
        """The exempt exception classes by qualified name; a bare name is a built-in."""
        return frozenset(
            name if "." in name else f"builtins.{name}" for name in self.exempt_exceptions
        )

    @functools.cached_property
    def context_words(self) -> frozenset[str]:
        """Words a file must hold to have a context parameter (SRB2's text test).

        The context names, and the literal text of each context type glob.
        """
        words = set(self.context_names)
        for pattern in self.context_types:
            text = pattern.rpartition(".")[2]
            for wildcard in "*?[]":
                text = text.replace(wildcard, " ")
            words.update(part for part in text.split() if part)
        return frozenset(words)

    @functools.cached_property
    def loader_specs(self) -> tuple[CallableSpec, ...]:
        """The configured loader functions (SRB301), parsed."""
        return tuple(_callable_specs(self.loader_functions, 0, ()))

    @functools.cached_property
    def manager_specs(self) -> tuple[CallableSpec, ...]:
        """The configured entry-point managers (SRB302), parsed."""
        return tuple(_callable_specs(self.entry_point_managers, 1, ("name", "names")))


def _callable_specs(
    entries: Iterable[str], position: int, keywords: tuple[str, ...]
) -> Iterator[CallableSpec]:
    """Read ``pkg.mod.func[:N][:keyword]`` option entries, in a stable order."""
    for entry in sorted(entries):
        name, *details = entry.split(":")
        spec_position, spec_keywords = position, keywords
        for detail in details:
            if detail.isdigit():
                spec_position = int(detail)
            elif detail.isidentifier():
                spec_keywords = (detail,)
        if name:
            yield CallableSpec(name, spec_position, spec_keywords)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [item.strip() for item in value if item and item.strip()]


def parse_bool(value: Any) -> bool:
    """Read a yes/no option value; an unknown word is an error, never false."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise argparse.ArgumentTypeError(
        f"invalid boolean value: {value!r} (use one of 1/0, true/false, yes/no, on/off)"
    )


_TYPES: dict[str, Callable[[Any], Any]] = {"bool": parse_bool, "int": int, "float": float}
_TYPES["str"] = str  # --srb-baseline: a file name, read by baseline.py


def register(option_manager: Any) -> None:
    """Declare every option of the table with flake8's option manager.

    The opt-in codes (codes.OFF_BY_DEFAULT) go on flake8's extended default
    ignore list, flake8's own way to make a code opt-in (flake8-bugbear does
    it for B9): a user's ``select`` or ``extend-select`` that names them
    (``SRB901``, ``SRB9`` or ``SRB``) wins over it, while the default
    selection and ``extend-select = SRB1,SRB2,SRB3`` leave them off.
    """
    option_manager.extend_default_ignore(sorted(codes.OFF_BY_DEFAULT))
    for option in OPTIONS:
        if option.kind == "list":
            default = ",".join(option.default)
            option_manager.add_option(
                PREFIX + option.name,
                dest=option.attr,
                default=default,
                metavar=option.metavar,
                parse_from_config=True,
                comma_separated_list=True,
                help=option.help + " Replaces the defaults (%(default)s).",
            )
            option_manager.add_option(
                PREFIX + "extend-" + option.name,
                dest=option.extend_attr,
                default="",
                metavar=option.metavar,
                parse_from_config=True,
                comma_separated_list=True,
                help="Add to " + PREFIX + option.name + " instead of "
                "replacing its defaults.",
            )
        else:
            option_manager.add_option(
                PREFIX + option.name,
                dest=option.attr,
                default=option.default,
                type=_TYPES[option.kind],
                metavar=option.metavar,
                parse_from_config=True,
                help=option.help,
            )


def _value(option: Option, options: argparse.Namespace) -> Any:
    raw = getattr(options, option.attr, option.default)
    if option.kind == "list":
        extra = getattr(options, option.extend_attr, "")
        return frozenset(_as_list(raw) + _as_list(extra))
    if raw is None:
        return None  # a deprecated option left unset
    return _TYPES[option.kind](raw)


def _selected_codes(options: argparse.Namespace) -> frozenset[str]:
    try:
        engine = style_guide.DecisionEngine(options)
    except AttributeError:  # a bare Namespace, as some embedders pass
        return DEFAULT_SELECTED
    return frozenset(
        code
        for code in codes.CODES
        if engine.decision_for(code) is style_guide.Decision.Selected
    )


def from_options(options: argparse.Namespace) -> Settings:
    """Build a fresh Settings from flake8's parsed options."""
    values = {option.attr: _value(option, options) for option in OPTIONS}
    exclude = [*(getattr(options, "exclude", None) or ()),
               *(getattr(options, "extend_exclude", None) or ())]
    return Settings(selected=_selected_codes(options), exclude=tuple(exclude), **values)


DEFAULTS = Settings()
DEFAULT_SELECTED = DEFAULTS.selected
