"""Generated Python never crashes the plugin (hypothesis + hypothesmith).

For every generated module, run() finishes, raises nothing, never trips the
last-resort guard, and reports only codes of the table on lines inside the
file.  The default run is small; ``pytest -m nightly`` runs many more
(``SRB_FUZZ_EXAMPLES``, default 2000 per test).

hypothesmith's programs are small and rarely hold a context parameter or a
loader call, so SRB2 and SRB3 barely run on them.  ``programs()`` composes
larger ones (dozens of statements, nested functions, classes, loops and
branches) from context-parameter and loader fragments, and the test checks
that every SRB2 and SRB3 code was reported somewhere in the run, so that
the fragments keep reaching the rules they are there for.

All codes are selected and SRB_STRICT=1 is set, the strict mode in which
the last-resort guard re-raises; a guard warning logged under
``flake8.sched_robustness`` fails the test as well (lintrun.run_plugin).
"""

from __future__ import annotations

import ast
import collections
import dataclasses
import os
import pathlib
import tempfile
from collections.abc import Iterator

import hypothesis
import hypothesmith
import pytest
from hypothesis import strategies as st

import lintrun
from flake8_sched_robustness import codes, settings

# Generated code is often odd enough for the compiler to warn about it.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

# Every code, and a little inference, so that generated imports reach the
# astroid door.
CONFIG = dataclasses.replace(
    settings.DEFAULTS, inference_budget=0.5, selected=frozenset(codes.CODES)
)
HEALTH = [
    hypothesis.HealthCheck.too_slow,
    hypothesis.HealthCheck.filter_too_much,
    hypothesis.HealthCheck.data_too_large,
]
QUICK = hypothesis.settings(
    max_examples=40, deadline=None, suppress_health_check=HEALTH, derandomize=True
)
NIGHTLY = hypothesis.settings(
    max_examples=int(os.environ.get("SRB_FUZZ_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=HEALTH,
)

# Raise-heavy fragments mixed into generated code, so the rules get to work
# on odd shapes rather than only on code without any raise.
RAISES = st.sampled_from([
    "raise\n",
    "raise Exception\n",
    "raise ValueError('')\n",
    "raise BaseException(f'')\n",
    "raise os.error()\n",
    "raise Error(reason='  ')\n",
    "raise pkg.mod.Error\n",
    "raise Missing.attr.chain()\n",
    "raise errors[0]\n",
    "raise (yield)\n",
    "raise make()() from None\n",
    "class Error(Exception):\n    msg_fmt = _('')\n",
    "class Error(Error):\n    pass\n",
    "import os\nfrom . import pkg\nfrom .. import *\n",
    "def _(text):\n    raise ValueError(text)\n",
])

_WORKDIR = pathlib.Path(tempfile.mkdtemp(prefix="srb-fuzz-"))
(_WORKDIR / "fuzzpkg").mkdir(exist_ok=True)
(_WORKDIR / "fuzzpkg" / "__init__.py").write_text("")
# Siblings the generated module imports: options declared with and without
# choices= (the project index), a re-exported loader, exception classes.
(_WORKDIR / "fuzzpkg" / "conf.py").write_text("""\
from oslo_config import cfg

scheduler_opts = [
    cfg.StrOpt('driver', choices=['filter', 'chance']),
    cfg.StrOpt('weigher'),
]
backend_opts = [cfg.ListOpt('enabled_backends'), cfg.StrOpt('name')]
cfg.CONF.register_opts(scheduler_opts, group='scheduler')
cfg.CONF.register_opts(backend_opts, group='backend')
""")
(_WORKDIR / "fuzzpkg" / "utils.py").write_text("""\
from oslo_utils import importutils

import_class = importutils.import_class
DRIVERS = {'filter': 'fuzzpkg.filter.Driver', 'chance': 'fuzzpkg.chance.Driver'}
""")
(_WORKDIR / "fuzzpkg" / "exception.py").write_text("""\
class NovaException(Exception):
    msg_fmt = "An unknown exception occurred."


class NoValidHost(NovaException):
    msg_fmt = "No valid host was found. %(reason)s"


class Blank(NovaException):
    msg_fmt = ""
""")
FILENAME = str(_WORKDIR / "fuzzpkg" / "generated.py")


@pytest.fixture(scope="module", autouse=True)
def strict_mode() -> Iterator[None]:
    """Run the module's tests with the plugin's strict mode on."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SRB_STRICT", "1")
        yield


def _check(source: str) -> list[tuple[int, int, str]]:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        hypothesis.reject()
    found = lintrun.run_plugin(tree, FILENAME, CONFIG)
    lintrun.assert_sane(found, source)
    return found


def _with_raises(source: str, extra: list[str]) -> str:
    return "".join(extra) + source + "".join(extra)


# Fragments of OpenStack-style services.  {c} is a context name, {n} a name
# a loader may be handed, {g} and {o} an option's group and name.
HEADER = (
    "import importlib\n"
    "import importlib.metadata\n"
    "import os\n"
    "import abc\n"
    "import typing\n"
    "\n"
    "import oslo_messaging as messaging\n"
    "import pkg_resources\n"
    "import stevedore\n"
    "from oslo_config import cfg\n"
    "from oslo_service import periodic_task\n"
    "from oslo_utils import importutils\n"
    "from stevedore import driver, named\n"
    "\n"
    "from fuzzpkg import exception\n"
    "from fuzzpkg import utils\n"
    "from nova import context as nova_context\n"
    "from nova.context import RequestContext, get_admin_context\n"
    "\n"
    "CONF = cfg.CONF\n"
    "ALLOWED = {'filter', 'chance'}\n"
    "MAP = {'filter': 'fuzzpkg.filter.Driver', 'chance': 'fuzzpkg.chance.Driver'}\n"
    "PLUGINS = ('fuzzpkg.a', 'fuzzpkg.b')\n"
)
CONTEXTS = ("ctxt", "context", "ctx", "request_context")
NAMES = ("name", "driver_name", "backend", "entry")
OPTIONS = (("scheduler", "driver"), ("scheduler", "weigher"), ("backend", "name"),
           ("backend", "enabled_backends"), ("missing", "option"))
FUNCTIONS = ("load_driver", "update_aggregates", "handle", "info", "_private", "__init__",
             "select_destinations", "run")
CLASSES = ("SchedulerManager", "Driver", "Handler", "Base")
BASES = ("", "object", "Base", "manager.Manager", "Exception", "abc.ABC")
DECORATORS = ("", "", "", "@abc.abstractmethod\n", "@typing.overload\n",
              "@periodic_task.periodic_task(spacing=60)\n", "@staticmethod\n",
              "@property\n", "@utils.synchronized('lock')\n")
PARAMETERS = ("{c}", "{n}", "value", "{c}=None", "{n}='filter'", "*args", "**kwargs",
              "{c}: RequestContext", "req: nova_context.RequestContext",
              "admin: 'RequestContext'", "value: int | RequestContext", "_req: RequestContext")
SIMPLE = (
    # contexts: read, passed on, rebound, replaced, dropped
    "{c} = get_admin_context()",
    "{c} = nova_context.get_admin_context()",
    "{c} = {c}.elevated()",
    "{c} = None",
    "{c} = RequestContext()",
    "admin = nova_context.get_admin_context()",
    "self.driver.update({c}, value)",
    "self.rpcapi.cast({c}, 'method', value=value)",
    "do_work(context=None)",
    "do_work(None, value)",
    "LOG.info('work for %s', {c})",
    "LOG.debug('nothing to do')",
    "return {c}",
    "return None",
    "return self.driver",
    "return 'constant'",
    "pass",
    "...",
    "del {c}",
    "{c}, {n} = {n}, {c}",
    "{c}: RequestContext = {c}",
    "callback = lambda {c}: None",
    "callback = lambda {c}, {n}: importutils.import_class({n})",
    "callbacks.append(lambda {c}: {c}.user_id)",
    "values = [{c} for {c} in items]",
    "print(locals())",
    "return f'{{{c}}}'",
    "yield {c}",
    "global {n}",
    "nonlocal {c}",
    # raises
    "raise NotImplementedError()",
    "raise Exception()",
    "raise ValueError('')",
    "raise exception.NoValidHost(reason='')",
    "raise exception.Blank",
    # names: read from configuration, checked, built, mapped
    "{n} = CONF.{g}.{o}",
    "{n} = CONF['{g}'].{o}",
    "{n} = CONF.{g}['{o}']",
    "{n} = MAP[{n}]",
    "{n} = MAP.get({n})",
    "{n} = utils.DRIVERS[{n}]",
    "{n} = 'fuzzpkg.drivers.%s' % {n}",
    "{n} = f'fuzzpkg.{{{n}}}'",
    "{n} = '.'.join(['fuzzpkg', {n}])",
    "{n} += '.Driver'",
    "{n} = os.listdir(os.path.dirname(__file__))[0]",
    "assert {n} in ALLOWED",
    "validate_driver({n})",
    "self.{n} = {n}",
    # loaders
    "importutils.import_class({n})",
    "importutils.import_object({n}, {c})",
    "importutils.import_object_ns('fuzzpkg.virt', {n}, {c})",
    "importlib.import_module({n})",
    "importlib.import_module(CONF.{g}.{o})",
    "importlib.import_module('fuzzpkg.' + {n})",
    "__import__({n})",
    "utils.import_class({n})",
    "utils.import_class(self.{n})",
    "driver.DriverManager('fuzzpkg.backends', {n}, invoke_on_load=True)",
    "driver.DriverManager(namespace='fuzzpkg.backends', name=CONF.{g}.{o})",
    "stevedore.DriverManager('fuzzpkg.backends', {n})",
    "named.NamedExtensionManager('fuzzpkg.filters', names=[{n}])",
    "named.NamedExtensionManager('fuzzpkg.filters', CONF.{g}.{o})",
    "stevedore.ExtensionManager('fuzzpkg.filters')",
    "pkg_resources.load_entry_point('fuzzpkg', 'fuzzpkg.backends', {n})",
    "importlib.metadata.entry_points(group='fuzzpkg.backends', name={n})",
    "importlib.metadata.entry_points().select(name={n})",
    "self.driver = {f}({c}, {n})",
    "{f}({c}, 'filter')",
    "{f}({c}, CONF.{g}.{o})",
    # RPC endpoints
    "target = messaging.Target(version='4.5')",
    "server = messaging.get_rpc_server(transport, target, [{C}()])",
    "endpoints = [{C}(), self]",
)
# Compound statements: a header, then one or two indented bodies.
COMPOUND = (
    ("if {n} not in ALLOWED:", None),
    ("if {n} in ALLOWED:", "else:"),
    ("if {n} in MAP:", None),
    ("if not {c}:", "else:"),
    ("if {n} is None:", "elif {n}:"),
    ("for {n} in PLUGINS:", None),
    ("for {n} in ('filter', 'chance'):", "else:"),
    ("for {n} in CONF.{g}.{o}:", None),
    ("for {n} in os.listdir(os.path.dirname(__file__)):", None),
    ("while {n}:", None),
    ("try:", "except Exception:"),
    ("try:", "finally:"),
    ("with lock:", None),
    ("with {c}.session() as {n}:", None),
    ("match {n}:\n    case 'filter':", None),
    ("async with {c}:", None),
)
# Bodies that end a branch: an allowlist check is "if x not in ALLOWED: raise".
EXITS = ("raise ValueError('unknown driver %s' % {n})", "return", "return None", "continue")


def _indent(lines: list[str], depth: int = 1) -> list[str]:
    return ["    " * depth + line if line else line for line in lines]


@st.composite
def _fill(draw, template: str) -> str:
    group, option = draw(st.sampled_from(OPTIONS))
    return template.format(
        c=draw(st.sampled_from(CONTEXTS)), n=draw(st.sampled_from(NAMES)), g=group,
        o=option, f=draw(st.sampled_from(FUNCTIONS)), C=draw(st.sampled_from(CLASSES)),
    )


@st.composite
def _parameters(draw, method: bool) -> str:
    chosen = draw(st.lists(st.sampled_from(PARAMETERS), max_size=4, unique=True))
    names, seen = [], set()
    for template in chosen:
        text = draw(_fill(template))
        name = text.lstrip("*").split(":")[0].split("=")[0]
        if name not in seen:
            seen.add(name)
            names.append(text)
    # Keep a valid order: plain, defaulted, *args, **kwargs.
    names.sort(key=lambda text: (text.startswith("**"), text.startswith("*"), "=" in text))
    return ", ".join((["self"] if method else []) + names)


@st.composite
def _function(draw, depth: int, method: bool) -> list[str]:
    decorator = draw(st.sampled_from(DECORATORS))
    keyword = draw(st.sampled_from(("def", "def", "async def")))
    name = draw(st.sampled_from(FUNCTIONS))
    header = f"{decorator}{keyword} {name}({draw(_parameters(method))}):"
    body = draw(_block(depth + 1, 4))
    if draw(st.booleans()):
        body.insert(0, '"""Do the work."""')
    return [*header.split("\n"), *_indent(body)]


@st.composite
def _class(draw, depth: int) -> list[str]:
    base = draw(st.sampled_from(BASES))
    header = f"class {draw(st.sampled_from(CLASSES))}({base}):"
    body = []
    served = draw(st.sampled_from(("attribute", "property", "none")))
    if served == "attribute":
        body.append("target = messaging.Target(version='1.0')")
    elif served == "property":
        body += ["@property", "def target(self):", "    return messaging.Target(topic='t')"]
    for _ in range(draw(st.integers(1, 3))):
        body += draw(_function(depth + 1, method=True))
    return [header, *_indent(body)]


@st.composite
def _compound(draw, depth: int) -> list[str]:
    first, second = draw(st.sampled_from(COMPOUND))
    header = draw(_fill(first)).split("\n")
    inner = len(header)  # a match statement's case is one level deeper
    body = draw(_block(depth + 1, 3))
    if first.startswith("if") and draw(st.booleans()):
        body.append(draw(_fill(draw(st.sampled_from(EXITS)))))
    lines = [*header, *_indent(body, inner)]
    if second:
        lines += [second, *_indent(draw(_block(depth + 1, 2)))]
    return lines


@st.composite
def _block(draw, depth: int, size: int, least: int = 1) -> list[str]:
    lines: list[str] = []
    kinds = ["simple"] * 4 + (["compound", "function", "class"] if depth < 3 else [])
    for _ in range(draw(st.integers(least, size))):
        kind = draw(st.sampled_from(kinds))
        if kind == "simple":
            lines.append(draw(_fill(draw(st.sampled_from(SIMPLE)))))
        elif kind == "compound":
            lines += draw(_compound(depth))
        elif kind == "function":
            lines += draw(_function(depth, method=False))
        else:
            lines += draw(_class(depth))
    return lines


def programs(size: int = 25) -> st.SearchStrategy[str]:
    """Modules of 10 to ``size`` top-level statements, fragments nested in them."""
    return _block(0, size, least=10).map(lambda lines: HEADER + "\n".join(lines) + "\n")


QUICK_PROGRAMS = hypothesis.settings(QUICK, max_examples=30, database=None)
# The SRB2 and SRB3 codes that the program fragments must reach.
REACHED = frozenset(code for code in codes.CODES if code[:4] in ("SRB2", "SRB3"))


def _codes(found: list[tuple[int, int, str]]) -> set[str]:
    return {text.split(" ", 1)[0] for _, _, text in found}


@QUICK
@hypothesis.given(hypothesmith.from_grammar())
def test_grammar_generated_modules(source):
    _check(source)


@QUICK
@hypothesis.given(hypothesmith.from_node(), st.lists(RAISES, max_size=4))
def test_node_generated_modules(source, extra):
    _check(_with_raises(source, extra))


def test_context_and_loader_programs():
    seen: collections.Counter[str] = collections.Counter()

    @QUICK_PROGRAMS
    @hypothesis.given(programs())
    def run(source: str) -> None:
        seen.update(_codes(_check(source)))

    run()
    # The fragments reach the SRB2 and SRB3 rules, not only the parser.
    assert REACHED <= set(seen), seen


@pytest.mark.nightly
@NIGHTLY
@hypothesis.given(hypothesmith.from_grammar())
def test_grammar_generated_modules_nightly(source):
    _check(source)


@pytest.mark.nightly
@NIGHTLY
@hypothesis.given(hypothesmith.from_node(), st.lists(RAISES, max_size=6))
def test_node_generated_modules_nightly(source, extra):
    _check(_with_raises(source, extra))


@pytest.mark.nightly
@NIGHTLY
@hypothesis.given(programs(size=80))
def test_context_and_loader_programs_nightly(source):
    _check(source)
