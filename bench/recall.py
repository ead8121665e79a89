"""Measure the plugin's recall on patterns grepped from real code.

    python bench/recall.py                        # all five projects
    python bench/recall.py --project nova==34.0.0

For each project's non-test code (the same files as bench/triage.py), a
declared table of patterns (``PATTERNS``; one or more per rule shape, found
with ``ast`` so that calls spanning lines count) gives the *grep hits*; for
SRB201 the hits are ``ruff check --select ARG`` reports on parameters named
like a request context.  The plugin runs over the same files (``flake8
--isolated --select SRB`` from the running Python, in batches) and each hit
is matched to a finding of the expected code at the line the contract says.

A hit with no finding needs a verdict in ``bench/recall/<name>-<version>.txt``,
one line per hit::

    path:line CODE verdict reason

``exempt`` (the contract says stay silent) or ``missed`` (the contract says
report).  Verdicts whose reason starts with ``auto:`` were decided by a
mechanical check of this script (see ``auto_verdict``) and are recomputed on
every run; any other verdict was written by a person and is kept while the
hit stays unreported.  A new hit that no check decides arrives as
``unjudged -``.  The script prints, and renders into docs/recall.md, a table
per project and code: hits, reported, exempt, missed, recall =
reported / (reported + missed), and lists every missed hit.

Plugin findings are cached under bench/.cache/recall/, keyed by the plugin's
source, the flake8 and astroid versions and the file list, so re-running
after editing verdicts is cheap.
"""

from __future__ import annotations

import argparse
import ast
import builtins
import collections
import dataclasses
import fnmatch
import hashlib
import importlib.metadata
import importlib.util
import json
import pathlib
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator

from flake8 import defaults as flake8_defaults

from flake8_sched_robustness import naming

import run
import triage

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
VERDICTS = HERE / "recall"
CACHE = run.CACHE / "recall"
PAGE = REPO / "docs" / "recall.md"
PLUGIN = REPO / "flake8_sched_robustness"
PROJECTS = triage.PROJECTS
CODES = ("SRB101", "SRB102", "SRB103", "SRB201", "SRB301", "SRB302")
BATCH = 250

# -- the plugin's defaults that the patterns and the mechanical checks restate
CONTEXT_NAMES = frozenset({"context", "ctxt", "ctx", "request_context", "req_context"})
MESSAGE_ATTRIBUTES = ("msg_fmt", "_msg_fmt", "message", "message_format", "default_message")
I18N = frozenset({"_", "_LE", "_LW", "_LI", "_LC", "gettext", "ugettext", "gettext_lazy",
                  "ugettext_lazy", "lazy_gettext"})
CONTROL_FLOW = frozenset({"NotImplementedError", "StopIteration", "StopAsyncIteration",
                          "GeneratorExit", "SystemExit", "KeyboardInterrupt"})
# The libraries' documented signals (contract v2's default exempt list).
LIBRARY_SIGNALS = frozenset({
    "futurist.periodics.NeverAgain", "oslo_service.loopingcall.LoopingCallDone",
    "tenacity.TryAgain", "oslo_messaging.ExpectedException",
})
# Protocol methods and the exceptions they raise by definition.
PROTOCOL_SIGNALS = {
    **dict.fromkeys(("__getitem__", "__delitem__", "__missing__"),
                    {"KeyError", "IndexError", "LookupError"}),
    **dict.fromkeys(("__getattr__", "__getattribute__", "__delattr__"), {"AttributeError"}),
}
OPERATOR_DUNDERS = frozenset(
    f"__{name}__" for name in (
        "add sub mul matmul truediv floordiv mod divmod pow lshift rshift and xor or "
        "radd rsub rmul rmatmul rtruediv rfloordiv rmod rdivmod rpow rlshift rrshift rand "
        "rxor ror iadd isub imul imatmul itruediv ifloordiv imod ipow ilshift irshift iand "
        "ixor ior neg pos abs invert index int float complex bool round trunc floor ceil "
        "lt le eq ne gt ge hash len contains iter next"
    ).split()
)
# Log methods at warning level or above: they explain a raise right after them.
EXPLAINING_LOGS = frozenset({"warning", "warn", "error", "exception", "critical", "fatal"})
MESSAGE_KEYWORDS = frozenset({"message", "msg", "reason", "detail", "details", "explanation",
                              "description"})
CONTEXT_DECORATORS = (
    "*.reader", "*.writer", "*.reader.*", "*.writer.*", "*_reader", "*_writer",
    "*CONTEXT_READER", "*CONTEXT_WRITER", "*remotable", "*remotable_classmethod",
    "*periodic*", "*wrap_instance_event", "*versioned_method", "*dispatch_for",
)
BUILTIN_NAMES = frozenset(dir(builtins))
DECLARATIONS = frozenset({"abstractmethod", "abstractproperty", "overload", "override"})

# -- the pattern table: what is grepped, per code ---------------------------
# Loaders: callee spelled with this last name -> (position, keywords) of the
# name argument.  The dotted ones must be spelled with their module.
LOADER_CALLS = {
    "import_object": (0, ("import_str",)),
    "import_class": (0, ("import_str",)),
    "import_module": (0, ("import_str", "name")),
    "import_object_ns": (1, ("import_str",)),
    "try_import": (0, ("import_str",)),
    "import_versioned_module": (0, ("module",)),
    "__import__": (0, ("name",)),
    "pkgutil.resolve_name": (0, ("name",)),
    "pydoc.locate": (0, ("path",)),
    "runpy.run_module": (0, ("mod_name",)),
    "runpy.run_path": (0, ("path_name",)),
}
MANAGER_CALLS = {
    "DriverManager": (1, ("name",)),
    "NamedExtensionManager": (1, ("names",)),
    "HookManager": (1, ("name",)),
    "load_entry_point": (2, ("name",)),
}
PATTERNS = (
    ("SRB101", "raise Name / raise mod.Name, or the same called with no argument; "
               "the last name starts with a capital after any underscores (a class, "
               "not an instance)"),
    ("SRB102", 'a raise of a call whose first argument or any keyword argument is a '
               'blank literal: `""`, `" "`, `f""`, `_("")`, `str()`'),
    ("SRB103", "raise Exception / BaseException, called or not"),
    ("SRB201", "`ruff check --select ARG` on a parameter named context, ctxt, ctx, "
               "request_context or req_context (SRB201, SRB202 or, with "
               "`extend-select = SRB901`, SRB901 at its line counts)"),
    ("SRB301", "a call of `import_object`, `import_class`, `import_module`, "
               "`import_object_ns`, `try_import`, `import_versioned_module`, "
               "`__import__` (any receiver), `pkgutil.resolve_name`, `pydoc.locate`, "
               "`runpy.run_module`/`run_path`, whose name argument is not a string literal"),
    ("SRB302", "a call of `DriverManager`, `NamedExtensionManager`, `HookManager`, "
               "`load_entry_point`, `super().__init__`/`Base.__init__` in a subclass of "
               "one of the managers, `entry_points(name=...)`/`.select(name=...)`, "
               "whose name argument is not a string literal (or list of them)"),
)


@dataclasses.dataclass(frozen=True)
class Hit:
    """One grep hit: where it is keyed, and where a finding may match it."""

    path: str
    line: int
    code: str
    lines: frozenset[int]  # lines at which a finding of ``code`` matches
    node: ast.AST | None = None  # the raise, call or function

    @property
    def key(self) -> tuple[str, str]:
        return (f"{self.path}:{self.line}", self.code)


# -- small ast helpers ------------------------------------------------------
def dotted(node: ast.AST | None) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def last_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def is_literal(node: ast.AST) -> bool:
    """A string literal, an f-string without fields, or a list/tuple of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(value, ast.Constant) for value in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return is_literal(node.left) and is_literal(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(is_literal(element) for element in node.elts)
    return False


def is_blank(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and not node.value.strip()
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(v, ast.Constant) and not str(v.value).strip() for v in node.values)
    if isinstance(node, ast.Call) and not node.keywords:
        callee = last_name(node.func)
        if callee == "str" and not node.args:
            return True
        if callee in I18N and len(node.args) == 1:
            return is_blank(node.args[0])
    return False


def argument(call: ast.Call, position: int | None, keywords: tuple[str, ...]) -> ast.AST | None:
    """The name argument, or the call itself when it comes through * or **."""
    for keyword in call.keywords:
        if keyword.arg in keywords:
            return keyword.value
    if position is not None and len(call.args) > position and not any(
        isinstance(arg, ast.Starred) for arg in call.args[: position + 1]
    ):
        return call.args[position]
    if any(isinstance(arg, ast.Starred) for arg in call.args) or any(
        keyword.arg is None for keyword in call.keywords
    ):
        return call
    return None


def parse(top: pathlib.Path, path: str) -> ast.Module | None:
    try:
        return ast.parse((top / path).read_bytes(), filename=path)
    except (SyntaxError, ValueError):
        return None


# -- the grep ---------------------------------------------------------------
def grep(path: str, tree: ast.Module) -> Iterator[Hit]:
    """Every hit of the pattern table in one module (SRB201 comes from ruff)."""
    managers = manager_subclasses(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            yield from grep_raise(path, node)
        elif isinstance(node, ast.Call):
            yield from grep_call(path, node, managers)


def grep_raise(path: str, node: ast.Raise) -> Iterator[Hit]:
    exc = node.exc
    call = exc if isinstance(exc, ast.Call) else None
    target = call.func if call else exc
    name = dotted(target)
    if name is None:
        return
    short = name.rpartition(".")[2]
    lines = frozenset({node.lineno})
    if short in ("Exception", "BaseException") and name.count(".") <= 1 and (
        "." not in name or name.startswith("builtins.")
    ):
        yield Hit(path, node.lineno, "SRB103", lines, node)
    if call is not None and (
        (call.args and is_blank(call.args[0]))
        or any(keyword.arg and is_blank(keyword.value) for keyword in call.keywords)
    ):
        yield Hit(path, node.lineno, "SRB102", lines, node)
    if short.lstrip("_")[:1].isupper() and (call is None or not (call.args or call.keywords)):
        yield Hit(path, node.lineno, "SRB101", lines, node)


def manager_subclasses(tree: ast.Module) -> dict[int, set[str]]:
    """id() of each class deriving from a stevedore manager -> its base spellings."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = {dotted(base) for base in node.bases} - {None}
            if any(base.rpartition(".")[2] in MANAGER_CALLS for base in bases):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call):
                        found[id(inner)] = bases
    return found


def grep_call(path: str, call: ast.Call, managers: dict[int, set[str]]) -> Iterator[Hit]:
    name = dotted(call.func) or ""
    short = last_name(call.func)
    spec, code = None, None
    if short in LOADER_CALLS:
        spec, code = LOADER_CALLS[short], "SRB301"
    elif any(name.endswith(qualified) for qualified in LOADER_CALLS if "." in qualified):
        spec = next(LOADER_CALLS[q] for q in LOADER_CALLS if "." in q and name.endswith(q))
        code = "SRB301"
    elif short in MANAGER_CALLS:
        spec, code = MANAGER_CALLS[short], "SRB302"
    elif short in ("entry_points", "select") and any(k.arg == "name" for k in call.keywords):
        spec, code = (None, ("name",)), "SRB302"
    elif short == "__init__" and id(call) in managers:
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        if isinstance(receiver, ast.Call) and dotted(receiver.func) == "super":
            spec, code = (1, ("name", "names")), "SRB302"
        elif dotted(receiver) in managers[id(call)]:
            spec, code = (2, ("name", "names")), "SRB302"  # Base.__init__(self, ns, names)
    if spec is None:
        return
    value = argument(call, *spec)
    if value is None or is_literal(value):
        return
    lines = frozenset({call.lineno, getattr(value, "lineno", call.lineno)})
    yield Hit(path, call.lineno, code, lines, call)


# -- SRB201: ruff's unused arguments, restricted to context names ------------
def ruff_hits(top: pathlib.Path, files: list[str]) -> list[tuple[str, int, str]]:
    """(path, line, parameter name) of every ruff ARG report on a context name."""
    ruff = shutil.which("ruff", path=str(pathlib.Path(sys.executable).parent)) or "ruff"
    out = subprocess.run(
        [ruff, "check", "--isolated", "--no-cache", "--select", "ARG",
         "--output-format", "json", "--exit-zero", *files],
        cwd=top, capture_output=True, text=True, check=True,
    ).stdout
    hits = []
    for report in json.loads(out):
        name = report["message"].partition("`")[2].rpartition("`")[0]
        if name in CONTEXT_NAMES:
            path = str(pathlib.Path(report["filename"]).relative_to(top.resolve()))
            hits.append((path, report["location"]["row"], name))
    return hits


def context_hits(top: pathlib.Path, files: list[str], trees: dict) -> list[Hit]:
    hits = []
    for path, line, name in ruff_hits(top, files):
        function = function_with_parameter(trees.get(path), line, name)
        lines = {line}
        if function is not None:
            lines.add(function.lineno)
        hits.append(Hit(path, line, "SRB201", frozenset(lines), function))
    return hits


def function_with_parameter(tree: ast.Module | None, line: int, name: str) -> ast.AST | None:
    if tree is None:
        return None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = node.args
            for arg in args.posonlyargs + args.args + args.kwonlyargs:
                if arg.arg == name and arg.lineno == line:
                    return node
    return None


# -- the plugin's findings, cached ------------------------------------------
def plugin_findings(project: str, top: pathlib.Path, files: list[str]) -> set[tuple[str, int, str]]:
    digest = hashlib.sha256(sys.executable.encode())
    for package in ("flake8", "astroid"):
        digest.update(importlib.metadata.version(package).encode())
    for source in sorted(PLUGIN.glob("*.py")):
        digest.update(source.read_bytes())
    digest.update("\n".join(files).encode())
    cached = CACHE / f"{project.replace('==', '-')}-{digest.hexdigest()[:16]}.txt"
    if not cached.exists():
        lines = []
        for start in range(0, len(files), BATCH):
            run.log(f"{project}: flake8 --select SRB on files {start + 1}-"
                    f"{min(start + BATCH, len(files))} of {len(files)}")
            lines.append(subprocess.run(
                [sys.executable, "-m", "flake8", "--isolated", "--select=SRB", "--exit-zero",
                 "--extend-select=SRB901", "-j1", "--format=%(path)s %(row)d %(code)s",
                 *files[start:start + BATCH]],
                cwd=top, capture_output=True, text=True, check=True,
            ).stdout)
        CACHE.mkdir(parents=True, exist_ok=True)
        for old in CACHE.glob(f"{project.replace('==', '-')}-*.txt"):
            old.unlink()
        cached.write_text("".join(lines))
    found = set()
    for line in cached.read_text().splitlines():
        path, row, code = line.rsplit(" ", 2)
        found.add((path.removeprefix("./"), int(row), code))
    return found


def reported_by(hit: Hit, findings: set[tuple[str, int, str]]) -> str | None:
    """The code of the finding that reports the hit, if any."""
    codes = ("SRB201", "SRB202", "SRB901") if hit.code == "SRB201" else (hit.code,)
    for code in codes:
        if any((hit.path, line, code) in findings for line in hit.lines):
            return code
    return None


# -- mechanical verdicts ----------------------------------------------------
class Project:
    """A name index of the project's modules, for the mechanical verdicts."""

    def __init__(self, top: pathlib.Path, package: str, trees: dict[str, ast.Module]):
        self.top = top
        self.package = package
        self.trees = trees
        self.modules = {path[:-3].replace("/", ".").removesuffix(".__init__"): path
                        for path in trees}
        self.classes: dict[str, list[tuple[str, ast.ClassDef]]] = collections.defaultdict(list)
        self.parents: dict[str, dict[int, ast.AST]] = {}
        self._imports: dict[str, dict[str, str]] = {}
        self._skipped: dict[str, tuple[int, str] | None] = {}
        for path, tree in trees.items():
            parents = {}
            for node in ast.walk(tree):
                for child in ast.iter_child_nodes(node):
                    parents[id(child)] = node
                if isinstance(node, ast.ClassDef):
                    self.classes[node.name].append((path, node))
            self.parents[path] = parents

    # name resolution, by the module's imports
    def imports(self, path: str) -> dict[str, str]:
        if path in self._imports:
            return self._imports[path]
        table = self._imports[path] = {}
        module = self.module_of(path)
        for node in ast.walk(self.trees[path]):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    table[alias.asname or alias.name.partition(".")[0]] = (
                        alias.name if alias.asname else alias.name.partition(".")[0])
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = module.split(".")
                    if not path.endswith("__init__.py"):
                        parts = parts[:-1]
                    parts = parts[: len(parts) - node.level + 1]
                    base = ".".join(parts + ([node.module] if node.module else []))
                for alias in node.names:
                    table[alias.asname or alias.name] = f"{base}.{alias.name}"
        return table

    def skipped_by_flake8(self, path: str) -> tuple[int, str] | None:
        """The line of a ``# flake8: noqa`` that makes flake8 skip the whole file."""
        if path not in self._skipped:
            self._skipped[path] = None
            lines = (self.top / path).read_text(errors="replace").splitlines()
            for number, line in enumerate(lines, 1):
                if flake8_defaults.NOQA_FILE.match(line):
                    self._skipped[path] = (number, line.strip())
                    break
        return self._skipped[path]

    def module_of(self, path: str) -> str:
        return path[:-3].replace("/", ".").removesuffix(".__init__")

    def qualify(self, path: str, spelled: str) -> str:
        head, _, rest = spelled.partition(".")
        imported = self.imports(path).get(head)
        if imported is None:
            local = [c for p, c in self.classes.get(head, []) if p == path]
            if local and not rest:
                return f"{self.module_of(path)}.{head}"
            if not rest and head in BUILTIN_NAMES:
                return f"builtins.{head}"
            return spelled
        return f"{imported}.{rest}" if rest else imported

    def find_class(self, qualname: str, hops: int = 0) -> tuple[str, ast.ClassDef] | None:
        """The project's ClassDef of a qualified name, following re-imports."""
        module, _, name = qualname.rpartition(".")
        path = self.modules.get(module)
        if path is None or hops > 5:
            return None
        for node in self.trees[path].body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                return path, node
            if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == name for target in node.targets
            ) and dotted(node.value):  # HTTPNotFound = NotFound
                return self.find_class(self.qualify(path, dotted(node.value)), hops + 1)
        imported = self.imports(path).get(name)
        if imported and imported != qualname:
            return self.find_class(imported, hops + 1)
        return None

    def external(self, qualname: str) -> str | None:
        """The top package of a name that is neither in the project nor installed."""
        top = qualname.partition(".")[0]
        if top in (self.package, "builtins") or top in sys.builtin_module_names:
            return None
        try:
            if importlib.util.find_spec(top) is not None:
                return None
        except (ImportError, ValueError):
            return None
        return top

    def default_message(self, path: str, klass: ast.ClassDef, depth: int = 0) -> str | None:
        """'Class.attr at path:line' when the class or a project ancestor sets a literal."""
        if depth > 20:
            return None
        decided, message = own_default_message(path, klass)
        if decided:
            return message
        for base in klass.bases:
            spelled = dotted(base)
            if spelled is None:
                return None
            found = self.find_class(self.qualify(path, spelled))
            if found is None:
                continue
            message = self.default_message(*found, depth + 1)
            if message:
                return message
        return None

    def defining_base(self, path: str, klass: ast.ClassDef, name: str,
                      depth: int = 0) -> str | None:
        """'Base.name at path:line' for a base of the class (in the project) defining it."""
        if depth > 20:
            return None
        for base in klass.bases:
            spelled = dotted(base)
            if spelled is None:
                continue
            found = self.find_class(self.qualify(path, spelled))
            if found is None:
                continue
            base_path, base_class = found
            for statement in base_class.body:
                if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
                    statement.name == name
                ):
                    return f"{base_class.name}.{name} at {base_path}:{statement.lineno}"
            deeper = self.defining_base(base_path, base_class, name, depth + 1)
            if deeper:
                return deeper
        return None


def own_default_message(path: str, klass: ast.ClassDef) -> tuple[bool, str | None]:
    """(True, 'Class.attr at path:line' or None) when the class body sets a message itself."""
    for statement in klass.body:
        for target in assigned_names(statement):
            if target.id in MESSAGE_ATTRIBUTES:
                if literal_text(statement.value) and not is_blank(statement.value):
                    return True, f"{klass.name}.{target.id} at {path}:{statement.lineno}"
                return True, None  # blank or computed: a person decides
    return False, None


def assigned_names(statement: ast.stmt) -> list[ast.Name]:
    """The plain names an assignment (annotated ones with a value) binds."""
    if isinstance(statement, ast.Assign):
        return [t for t in statement.targets if isinstance(t, ast.Name)]
    if isinstance(statement, ast.AnnAssign) and statement.value is not None:
        return [statement.target] if isinstance(statement.target, ast.Name) else []
    return []


def literal_text(node: ast.AST | None) -> bool:
    """Message text written in the source, as the plugin itself decides it."""
    return isinstance(node, ast.expr) and naming.is_literal_text(node, I18N)


def auto_verdict(hit: Hit, project: Project) -> str | None:
    """'exempt auto: reason' when a mechanical check shows the contract's exemption."""
    skipped = project.skipped_by_flake8(hit.path)
    if skipped:
        return (f"exempt auto: flake8 skips the file: `{skipped[1]}` at line "
                f"{skipped[0]} is a file-level noqa, whatever codes follow it")
    if hit.code.startswith("SRB1"):
        return auto_raise(hit, project)
    if hit.code == "SRB201":
        return auto_context(hit, project)
    return auto_loader(hit, project)


LISTINGS = frozenset({"listdir", "walk", "glob", "iglob", "iterdir", "iter_modules",
                      "walk_packages", "scandir"})
OWN_PLACE = frozenset({"__file__", "__path__", "__name__"})


def auto_loader(hit: Hit, project: Project) -> str | None:
    """Contract v2: a name from a loop over a constant container or the package's files."""
    call = hit.node
    spec = next((LOADER_CALLS[k] for k in LOADER_CALLS if k == last_name(call.func)),
                MANAGER_CALLS.get(last_name(call.func) or ""))
    value = argument(call, *spec) if spec else None
    if value is None or value is call:
        return None
    callers = auto_callers(hit, project, value)
    if callers:
        return callers
    names = {node.id for node in ast.walk(value) if isinstance(node, ast.Name)} - OWN_PLACE
    if not names:
        return None
    loops = enclosing_loops(hit, project)
    found = []
    for name in sorted(names):
        loop = next((loop for loop in loops if name in bound_by(loop.target)), None)
        kind = loop_kind(loop, project, hit.path) if loop is not None else None
        if kind is None:
            return None
        found.append(f"{name}: {kind} at line {loop.lineno}")
    return "exempt auto: " + "; ".join(found)


def auto_callers(hit: Hit, project: Project, value: ast.AST) -> str | None:
    """Contract v2: a parameter every project call fills with a string literal,
    the calls listed as the plugin's project index records them."""
    function = enclosing_function(hit, project)
    if not isinstance(value, ast.Name) or function is None:
        return None
    params = [a.arg for a in function.args.posonlyargs + function.args.args]
    if value.id not in params:
        return None
    owner = project.parents[hit.path].get(id(function))
    prefix = f"{owner.name}." if isinstance(owner, ast.ClassDef) else ""
    qualname = f"{project.module_of(hit.path)}.{prefix}{function.name}"
    position = params.index(value.id) - (1 if prefix else 0)
    sites = project_callers(project, hit.path, qualname)
    if not sites:
        return None
    passed = []
    for site in sites:
        keywords = dict(site.keywords)
        argument_ = (keywords.get(value.id) if value.id in keywords else
                     site.positional[position] if 0 <= position < len(site.positional) else None)
        if argument_ is None or argument_.kind.value != "string":
            return None
        passed.append(f"{site.where()} passes {argument_.text!r}")
    return f"exempt auto: callers: every project call of {function.name} passes a literal: " + (
        "; ".join(passed))


def project_callers(project: Project, path: str, qualname: str) -> tuple | None:
    """The plugin's own record of a function's callers, when it knows them all."""
    from flake8_sched_robustness import door as doors
    from flake8_sched_robustness import module_facts
    from flake8_sched_robustness.answers import UNKNOWN, Tri

    module = module_facts.ModuleFacts(project.trees[path], str(project.top / path))
    door = doors.Door(module, budget=60.0, enabled=True)
    callers = door.callers_of(project.module_of(path), qualname)
    if callers is UNKNOWN or callers.state is not Tri.YES:
        return None
    return callers.sites


def enclosing_loops(hit: Hit, project: Project) -> list[ast.For]:
    parents = project.parents[hit.path]
    loops, node = [], parents.get(id(hit.node))
    while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        if isinstance(node, ast.For):
            loops.append(node)
        node = parents.get(id(node))
    return loops


def bound_by(target: ast.expr) -> set[str]:
    return {node.id for node in ast.walk(target) if isinstance(node, ast.Name)}


def loop_kind(loop: ast.For, project: Project, path: str) -> str | None:
    """'a loop over a constant container' or 'a listing of the package's own files'."""
    source = loop.iter
    if isinstance(source, ast.Name):
        source = module_constant(project.trees[path], source.id) or source
    if constant_container(source):
        return "a loop over a constant container"
    if isinstance(source, ast.Call) and last_name(source.func) in LISTINGS and any(
        isinstance(node, ast.Name) and node.id in OWN_PLACE for node in ast.walk(source)
    ):
        return f"a listing of the package's own files ({ast.unparse(source)[:60]})"
    return None


def module_constant(tree: ast.Module, name: str) -> ast.expr | None:
    bound = [s.value for s in tree.body if isinstance(s, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == name for t in s.targets)]
    return bound[0] if len(bound) == 1 else None


def constant_container(node: ast.expr) -> bool:
    """A tuple, list or set whose items are strings, or tuples, dicts or calls of them."""
    if not isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return False
    return all(constant_item(item) for item in node.elts)


def constant_item(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, (ast.Tuple, ast.List)):
        return all(constant_item(item) for item in node.elts)
    if isinstance(node, ast.Dict):
        return all(constant_item(item) for item in node.values)
    if isinstance(node, ast.Call):  # a namedtuple of literal fields
        return all(constant_item(item) for item in
                   [*node.args, *(keyword.value for keyword in node.keywords)])
    return False


def auto_raise(hit: Hit, project: Project) -> str | None:
    node = hit.node
    exc = node.exc
    target = exc.func if isinstance(exc, ast.Call) else exc
    spelled = dotted(target)
    short = spelled.rpartition(".")[2]
    handler = caught_here(hit, project, short)
    if handler:
        return (f"exempt auto: caught in the same function: by the except at line "
                f"{handler}, which does not re-raise it (a jump to a handler, "
                "tests/cases/raises/caught_locally.py)")
    enclosing = caught_by_enclosing(hit, project, short)
    if enclosing:
        return enclosing
    if hit.code == "SRB102":
        return blank_data_keyword(hit, project, spelled)
    if hit.code != "SRB101":
        return None
    if spelled in CONTROL_FLOW:
        return f"exempt auto: control-flow exception: {short} (default exempt list)"
    qualname = project.qualify(hit.path, spelled)
    found = project.find_class(qualname)
    message = project.default_message(*found) if found is not None else None
    if message:
        return f"exempt auto: default message: {message}"
    signal = v2_signal(hit, project, spelled)
    if signal or found is not None:
        return signal
    missing = project.external(qualname)
    if missing and spelled.partition(".")[0] in project.imports(hit.path):
        return (f"exempt auto: package not installed: {spelled} is {qualname}, and "
                f"{missing} is neither in the tree nor installed where flake8 runs "
                "(benefit of the doubt)")
    return None


def v2_signal(hit: Hit, project: Project, spelled: str) -> str | None:
    """The contract v2 signal silences of SRB101, with their evidence."""
    short = spelled.rpartition(".")[2]
    qualname = project.qualify(hit.path, spelled)
    if qualname in LIBRARY_SIGNALS:
        return f"exempt auto: library signal: {qualname} (default exempt list)"
    function = enclosing_function(hit, project)
    name = getattr(function, "name", "")
    if short in PROTOCOL_SIGNALS.get(name, ()) or (
        name in OPERATOR_DUNDERS and short in ("TypeError", "ValueError")
    ):
        return f"exempt auto: protocol signal: {short} in {name}"
    if project.find_class(qualname) is not None:
        line = caught_in_module(project, hit.path, qualname)
        if line:
            return (f"exempt auto: signal: {short} is a project class caught by name in the "
                    f"same module, at line {line}")
    local = spelled.partition(".")[0] not in project.imports(hit.path)
    if (qualname.startswith(project.package + ".") or local) and not hasattr(builtins, short):
        # Matched by last names, as the plugin does: a project class, also
        # through a module-level alias (``exception = CommonException()``).
        neighbour = caught_beside(hit, project, short, name)
        if neighbour:
            return neighbour
    before = statement_before(hit, project)
    if before is not None and explains(before):
        return (f"exempt auto: explained just before: `{ast.unparse(before)[:60]}` at line "
                f"{before.lineno}")
    return None


def enclosing_function(hit: Hit, project: Project) -> ast.AST | None:
    parents = project.parents[hit.path]
    node = parents.get(id(hit.node))
    while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        node = parents.get(id(node))
    return node


def project_ancestry(project: Project, qualname: str, depth: int = 0) -> set[str]:
    """A project class and its project ancestors, by qualified name."""
    found = project.find_class(qualname)
    names = {qualname}
    if found is None or depth > 20:
        return names
    path, klass = found
    for base in klass.bases:
        spelled = dotted(base)
        if spelled:
            names |= project_ancestry(project, project.qualify(path, spelled), depth + 1)
    return names


def caught_in_module(project: Project, path: str, qualname: str) -> int | None:
    """The line of an ``except`` of the module that names the class or a project
    ancestor of it (not Exception or BaseException)."""
    wanted = {name for name in project_ancestry(project, qualname)
              if name == qualname or project.find_class(name) is not None}
    for node in ast.walk(project.trees[path]):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            kinds = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            for kind in kinds:
                spelled = dotted(kind)
                if spelled and project.qualify(path, spelled) in wanted:
                    return node.lineno
    return None


def caught_by_enclosing(hit: Hit, project: Project, short: str) -> str | None:
    """A closure raising it, called by its enclosing function only under a
    handler that catches it and keeps it."""
    closure = enclosing_function(hit, project)
    parents = project.parents[hit.path]
    outer = parents.get(id(closure)) if closure is not None else None
    while outer is not None and not isinstance(outer, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                       ast.ClassDef, ast.Module)):
        outer = parents.get(id(outer))
    if not isinstance(outer, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    uses = [node for node in ast.walk(outer) if isinstance(node, ast.Name)
            and node.id == closure.name and isinstance(node.ctx, ast.Load)]
    lines = []
    for use in uses:
        call = parents.get(id(use))
        if not (isinstance(call, ast.Call) and call.func is use):
            return None
        line = caught_here(Hit(hit.path, call.lineno, hit.code, frozenset(), call), project, short)
        if line is None:
            return None
        lines.append(line)
    if not lines:
        return None
    return (f"exempt auto: caught by the enclosing function: {outer.name} calls "
            f"{closure.name} only under the except at line(s) {sorted(set(lines))}")


def caught_beside(hit: Hit, project: Project, short: str, function: str) -> str | None:
    """A module of the same directory that ends the raised class: it defines and
    catches it, or it calls the raising function only under a handler naming it
    (and nobody calls it outside one)."""
    if not function:
        return None
    directory = hit.path.rpartition("/")[0]
    siblings = [path for path in project.trees
                if path.rpartition("/")[0] == directory and path != hit.path]
    guarded, escaped, home = [], [], None
    for path in [hit.path, *siblings]:
        tree = project.trees[path]
        parents = project.parents[path]
        defines = any(isinstance(n, ast.ClassDef) and n.name == short for n in ast.walk(tree))
        for node in ast.walk(tree):
            if (path != hit.path and defines and isinstance(node, ast.ExceptHandler)
                    and node.type is not None and short in {
                        last_name(k) for k in (node.type.elts if isinstance(node.type, ast.Tuple)
                                               else [node.type])}):
                home = f"{path}:{node.lineno}"
            if not (isinstance(node, ast.Call) and last_name(node.func) == function):
                continue
            if path != hit.path and own_method_call(node, function, parents):
                continue
            line = caught_here(Hit(path, node.lineno, hit.code, frozenset(), node), project, short)
            (guarded if line and path != hit.path else escaped).append(f"{path}:{node.lineno}")
    if escaped:
        return None
    if guarded:
        return (f"exempt auto: caught beside: {function} is called only under a handler "
                f"of {short} in its package directory: {', '.join(guarded)}")
    if home:
        return f"exempt auto: caught beside: {short} is defined and caught by name at {home}"
    return None


def own_method_call(call: ast.Call, function: str, parents: dict[int, ast.AST]) -> bool:
    """``self.f()`` in a class that defines its own ``f``."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            and func.value.id == "self"):
        return False
    node = parents.get(id(call))
    while node is not None and not isinstance(node, ast.ClassDef):
        node = parents.get(id(node))
    return node is not None and any(
        isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == function
        for s in node.body)


def statement_before(hit: Hit, project: Project) -> ast.stmt | None:
    parent = project.parents[hit.path].get(id(hit.node))
    for field in ("body", "orelse", "finalbody", "handlers"):
        block = getattr(parent, field, None)
        if isinstance(block, list) and hit.node in block:
            index = block.index(hit.node)
            return block[index - 1] if index else None
    return None


def explains(statement: ast.stmt) -> bool:
    """A log call at warning level or above, or a print to stderr."""
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return False
    call = statement.value
    if isinstance(call.func, ast.Attribute) and call.func.attr in EXPLAINING_LOGS:
        return True
    return dotted(call.func) == "print" and any(
        keyword.arg == "file" and dotted(keyword.value) == "sys.stderr"
        for keyword in call.keywords
    )


PLACEHOLDER = re.compile(r"%\((\w+)\)|\{(\w+)\}")
QUOTED_PLACEHOLDER = re.compile(r"""(["'])(?:%\((\w+)\)\w|\{(\w+)\})\1""")


def blank_data_keyword(hit: Hit, project: Project, spelled: str) -> str | None:
    """Contract v2: a blank keyword that is no placeholder and no message keyword."""
    call = hit.node.exc
    if not isinstance(call, ast.Call) or (call.args and is_blank(call.args[0])):
        return None
    blank = [k.arg for k in call.keywords if k.arg and is_blank(k.value)]
    found = project.find_class(project.qualify(hit.path, spelled))
    template = project.default_message(*found) if found else None
    text = template_text(project, found) if found else None
    holes = {a or b for a, b in PLACEHOLDER.findall(text or "")}
    quoted = {a or b for _, a, b in QUOTED_PLACEHOLDER.findall(text or "")}
    if text and blank and set(blank) & holes and set(blank) & holes <= quoted:
        return (f"exempt auto: quoted blank placeholder: {', '.join(sorted(set(blank) & holes))} "
                f"stands between quotes in {template}: the message shows the empty value")
    filling = [name for name in blank if name in holes or (
        not text and name in MESSAGE_KEYWORDS)]
    if filling or not blank:
        return None
    where = f"no placeholder of {template}" if text else "no message template"
    return (f"exempt auto: blank data keyword: {', '.join(blank)} (a {where}, and no "
            "message keyword)")


def template_text(project: Project, found: tuple[str, ast.ClassDef], depth: int = 0) -> str | None:
    """The text of the nearest literal default message along the project's bases."""
    path, klass = found
    for statement in klass.body:
        for target in assigned_names(statement):
            if target.id in MESSAGE_ATTRIBUTES:
                value = statement.value
                if isinstance(value, ast.Call) and value.args:
                    value = value.args[0]  # _("...")
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    return value.value
                return None
    for base in klass.bases if depth < 20 else ():
        spelled = dotted(base)
        inner = project.find_class(project.qualify(path, spelled)) if spelled else None
        if inner is not None:
            text = template_text(project, inner, depth + 1)
            if text:
                return text
    return None


def caught_here(hit: Hit, project: Project, short: str) -> int | None:
    """The line of a handler of the same function that catches the raise and keeps it."""
    kinds = {short, "Exception", "BaseException"}
    builtin = getattr(builtins, short, None)
    if isinstance(builtin, type):
        kinds.update(klass.__name__ for klass in builtin.__mro__)
    parents = project.parents[hit.path]
    child, parent = hit.node, parents.get(id(hit.node))
    while parent is not None and not isinstance(
        parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.Module)
    ):
        if isinstance(parent, ast.Try) and child in parent.body:
            for handler in parent.handlers:
                types = (handler.type.elts if isinstance(handler.type, ast.Tuple)
                         else [handler.type])
                if handler.type is not None and not any(
                    last_name(kind) in kinds for kind in types if kind is not None
                ):
                    continue
                if any(isinstance(inner, ast.Raise) and (
                    inner.exc is None or (isinstance(inner.exc, ast.Name)
                                          and inner.exc.id == handler.name))
                       or isinstance(inner, (ast.With, ast.AsyncWith))
                       and "reraise" in ast.unparse(inner.items[0].context_expr)
                       for inner in ast.walk(handler)):
                    break  # it leaves this try; an outer one may still catch it
                return handler.lineno
        child, parent = parent, parents.get(id(parent))
    return None


def auto_context(hit: Hit, project: Project) -> str | None:
    function = hit.node
    if function is None:
        return None
    if isinstance(function, ast.Lambda):
        parent = project.parents[hit.path].get(id(function))
        if not isinstance(parent, (ast.Assign, ast.AnnAssign)):
            return "exempt auto: callback: a lambda not assigned to a name"
        return None
    stub = stub_body(function)
    if stub:
        return f"exempt auto: stub body: {stub}"
    decorated = decorator_exemption(function)
    if decorated:
        return decorated
    klass = project.parents[hit.path].get(id(function))
    if isinstance(klass, ast.ClassDef) and not function.name.startswith("__"):
        base = project.defining_base(hit.path, klass, function.name)
        if base:
            return f"exempt auto: override: of {base}"
    callback = handed_over(project.trees[hit.path], function, klass)
    if callback:
        return (f"exempt auto: callback: {function.name} is handed over as a value at "
                f"line {callback}")
    return None


def decorator_exemption(function: ast.AST) -> str | None:
    """The verdict of a decorator that declares the function or hands it a context."""
    for decorator in function.decorator_list:
        spelled = dotted(decorator.func if isinstance(decorator, ast.Call) else decorator) or ""
        if spelled.rpartition(".")[2] in DECLARATIONS:
            return f"exempt auto: declaration: @{spelled}"
        if any(fnmatch.fnmatchcase(spelled, glob) for glob in CONTEXT_DECORATORS):
            return f"exempt auto: context decorator: @{spelled} (a default glob)"
    return None


EMPTY_CALLS = frozenset({"dict", "list", "set", "tuple", "frozenset", "str"})
LOGGERS = ("LOG.", "log.", "LOGGER.", "logger.", "logging.")


def literal_value(node: ast.AST) -> bool:
    """A literal as the stub rule means it: constants, containers of them, ``set()``."""
    if isinstance(node, ast.Call):
        return (dotted(node.func) in EMPTY_CALLS and not node.args and not node.keywords)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(literal_value(element) for element in node.elts)
    if isinstance(node, ast.Dict):
        return all(key is not None and literal_value(key) for key in node.keys) and all(
            literal_value(value) for value in node.values)
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def stub_body(function: ast.AST) -> str | None:
    """The stub bodies of the contract and docs/rules/SRB201.md, checked without the plugin.

    After an optional docstring: nothing, ``pass``, ``...``, a bare
    ``return``, ``return`` of a literal (the contract) or of one of the
    function's parameters unchanged (the docs), or a single ``raise``,
    possibly after assigning its message and logging it (the docs).
    """
    body = list(function.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and (
        isinstance(body[0].value.value, str)
    ):
        body = body[1:]
    if not body:
        return "docstring only"
    *before, statement = body
    if isinstance(statement, ast.Raise):
        return raise_stub(statement, before)
    if before:
        return None
    if isinstance(statement, ast.Pass):
        return "pass"
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) and (
        statement.value.value is Ellipsis
    ):
        return "..."
    if isinstance(statement, ast.Return):
        return return_stub(function, statement.value)
    return None


def raise_stub(statement: ast.Raise, before: list[ast.stmt]) -> str | None:
    """A single raise, perhaps after assigning its message and logging it."""
    if all((isinstance(s, ast.Assign) and len(s.targets) == 1
            and isinstance(s.targets[0], ast.Name) and literal_text(s.value))
           or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
               and (dotted(s.value.func) or "").startswith(LOGGERS))
           for s in before):
        text = f"raise {ast.unparse(statement.exc) if statement.exc else ''}".strip()
        return (text if not before else
                f"{text}, after assigning and logging its message (docs/rules/SRB201.md)")
    return None


def return_stub(function: ast.AST, value: ast.expr | None) -> str | None:
    """A bare return, or the return of a literal or of a parameter unchanged."""
    if value is None:
        return "bare return"
    if literal_value(value):
        return f"return {ast.unparse(value)}, a literal"
    arguments = function.args
    names = {a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs}
    if isinstance(value, ast.Name) and value.id in names:
        return f"return {value.id}, a parameter unchanged (docs/rules/SRB201.md)"
    return None


def handed_over(tree: ast.Module, function: ast.AST, klass: ast.AST | None) -> int | None:
    """The line where the module uses the function as a value, not in a call.

    A method counts through ``self.name``, ``cls.name`` or ``Class.name``; a
    reference passed along with a positional context argument
    (``spawn(self._build, context, ...)``) is not a callback.
    """
    name = function.name
    receivers = {"self", "cls"} | ({klass.name} if isinstance(klass, ast.ClassDef) else set())
    called, with_context = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called.add(id(node.func))
            if any(isinstance(arg, ast.Name) and arg.id in CONTEXT_NAMES for arg in node.args):
                with_context.update(id(arg) for arg in node.args)
    for node in ast.walk(tree):
        if isinstance(klass, ast.ClassDef):
            match = (isinstance(node, ast.Attribute) and node.attr == name
                     and isinstance(node.ctx, ast.Load) and dotted(node.value) in receivers)
        else:
            match = isinstance(node, ast.Name) and node.id == name and isinstance(
                node.ctx, ast.Load)
        if match and id(node) not in called and id(node) not in with_context:
            return node.lineno
    return None


# -- verdict files ----------------------------------------------------------
KINDS = ("exempt", "missed", "unjudged")


def category(verdict: str) -> str:
    """How an exempt verdict was decided: 'auto: <check>' or 'by hand'."""
    reason = verdict.partition(" ")[2]
    if reason.startswith("auto: "):
        return "auto: " + reason[len("auto: "):].partition(":")[0]
    return "by hand"


def collect_hits(top: pathlib.Path, files: list[str],
                 trees: dict[str, ast.Module]) -> dict[tuple[str, str], Hit]:
    """The grep hits of every parsed file and the context hits, first one per key."""
    hits: dict[tuple[str, str], Hit] = {}
    for path, tree in trees.items():
        for hit in grep(path, tree):
            hits.setdefault(hit.key, hit)
    for hit in context_hits(top, files, trees):
        hits.setdefault(hit.key, hit)
    return hits


def count_findings(counts: collections.Counter, hits: dict[tuple[str, str], Hit],
                   findings: set[tuple[str, int, str]]) -> None:
    """Count SRB202 findings, and the findings on no line a grep hit covers."""
    covered = {(hit.path, line, hit.code) for hit in hits.values() for line in hit.lines}
    counts[("SRB202", "findings")] = sum(code == "SRB202" for _, _, code in findings)
    for where, row, code in findings:
        if code in CODES and (where, row, code) not in covered:
            counts[(code, "outside")] += 1


def merge(project: str) -> tuple[collections.Counter, list[str]]:
    """Grep, run the plugin, merge the verdicts; return counts and missed lines."""
    top = run.fetch(project)
    package = project.partition("==")[0].replace("-", "_")
    files = run.non_test_files(top, package)
    trees = {path: tree for path in files if (tree := parse(top, path)) is not None}
    hits = collect_hits(top, files, trees)
    findings = plugin_findings(project, top, files)
    index = Project(top, package, trees)
    path = VERDICTS / f"{project.replace('==', '-')}.txt"
    known = triage.read_triage(path)
    counts: collections.Counter = collections.Counter()
    lines, missed = [], []
    for key in sorted(hits, key=lambda k: (hits[k].path, hits[k].line, k[1])):
        hit = hits[key]
        counts[(hit.code, "hits")] += 1
        code = reported_by(hit, findings)
        if code:
            counts[(hit.code, "reported")] += 1
            counts[(hit.code, "reported", code)] += 1
            continue
        verdict = known.get(key, "unjudged -")
        if verdict.partition(" ")[2].startswith("auto:") or verdict.startswith("unjudged"):
            verdict = auto_verdict(hit, index) or "unjudged -"
        kind = verdict.partition(" ")[0]
        if kind not in KINDS:
            raise SystemExit(f"{path}: {key[0]} {key[1]}: unknown verdict {kind!r}")
        counts[(hit.code, kind)] += 1
        if kind == "exempt":
            counts[(hit.code, "why", category(verdict))] += 1
        lines.append(f"{key[0]} {key[1]} {verdict}")
        if kind == "missed":
            missed.append(f"`{package}/{key[0]}` {key[1]}: {verdict.partition(' ')[2]}")
    count_findings(counts, hits, findings)
    VERDICTS.mkdir(exist_ok=True)
    header = (f"# {project}: path:line code verdict reason, one line per grep hit the "
              "plugin does not report (bench/recall.py keeps hand verdicts; 'auto:' "
              "ones are recomputed)\n")
    path.write_text(header + "".join(line + "\n" for line in lines))
    return counts, missed


COLUMNS = ("hits", "reported", "exempt", "missed", "unjudged")
HEADER = ["code", *COLUMNS, "recall", "other findings"]


def recall(counts: collections.Counter, codes: tuple[str, ...] = CODES) -> str:
    """reported / (reported + missed); an unjudged hit counts as missed (marked *)."""
    reported = sum(counts[(code, "reported")] for code in codes)
    missed = sum(counts[(code, "missed")] + counts[(code, "unjudged")] for code in codes)
    if reported + missed == 0:
        return "-"
    unjudged = any(counts[(code, "unjudged")] for code in codes)
    return f"{100 * reported / (reported + missed):.1f}%" + ("*" if unjudged else "")


def table(counts: collections.Counter) -> list[list[str]]:
    rows = []
    for code in CODES:
        if counts[(code, "hits")]:
            rows.append([code, *(str(counts[(code, column)]) for column in COLUMNS),
                         recall(counts, (code,)), str(counts[(code, "outside")])])
    rows.append(["all", *(str(sum(counts[(code, column)] for code in CODES))
                          for column in COLUMNS),
                 recall(counts), str(sum(counts[(code, "outside")] for code in CODES))])
    return rows


def report(title: str, counts: collections.Counter) -> None:
    print(f"\n{title}")
    widths = [8, 7, 10, 8, 8, 10, 9, 16]
    for row in [HEADER] + table(counts):
        print("".join(f"{cell:>{width}}" for cell, width in zip(row, widths)))


def markdown_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return (["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            + ["| " + " | ".join(row) + " |" for row in rows])


def render(results: list[tuple[str, collections.Counter, list[str]]]) -> None:
    """Write docs/recall.md from the counts, so the page cannot drift."""
    total: collections.Counter = collections.Counter()
    for _, counts, _ in results:
        total.update(counts)
    lines = [PAGE_INTRO.format(
        patterns="\n".join(f"| {code} | {what} |" for code, what in PATTERNS)).rstrip(), ""]
    rows = table(total)
    overall = rows[-1]
    lines += [f"Over the five projects, {overall[1]} hits: {overall[2]} reported, "
              f"{overall[3]} exempt, {overall[4]} missed; recall {overall[6]}.", ""]
    for title, counts in [("All five projects", total)] + [(p, c) for p, c, _ in results]:
        lines += [f"### {title}", "", *markdown_table(HEADER, table(counts)), ""]
    if any(total[(code, "unjudged")] for code in CODES):
        lines += ["\\* counts the hits that no one has judged yet as missed.", ""]
    by_srb202 = total[("SRB201", "reported", "SRB202")]
    lines += [f"SRB202 has no pattern: of the {total[('SRB202', 'findings')]} parameters "
              f"that the plugin reports as replaced before any read, ruff reports "
              f"{by_srb202} (it does not report a parameter that the body rebinds), "
              "so its recall is not measured here.", ""]
    reasons = sorted({key[2] for key in total if len(key) == 3 and key[1] == "why"})
    lines += ["## Why hits are exempt", "",
              "Exempt hits of all five projects, by the check that decided them "
              "(`auto: ...`) or read by hand:", ""]
    codes = [code for code in CODES if total[(code, "exempt")]]
    lines += markdown_table(["decided by", *codes], [
        [f"`{reason}`" if reason != "by hand" else reason,
         *(str(total[(code, "why", reason)] or "") for code in codes)]
        for reason in reasons])
    lines += ["", PAGE_MIDDLE.rstrip(), "", "## Missed hits", ""]
    everything = [item for _, _, missed in results for item in missed]
    lines += [f"- {item}" for item in everything] or ["- none"]
    lines += ["", PAGE_END.rstrip(), ""]
    PAGE.write_text("\n".join(lines))


PAGE_INTRO = """\
# Recall on real code

[Results on real code](results.md) reads every finding of the plugin and
judges whether it is true: precision. This page measures the other side, the
findings the plugin should give and does not: recall, on the five projects
of that page. `python bench/recall.py` renews it; the first run costs about
three minutes of CPU for flake8, whose findings are then cached under
`bench/.cache/recall/`, keyed by the plugin's source.

## How it is measured

For each project's non-test code, `bench/recall.py` looks for the shapes
each rule is about with a declared table of patterns (`PATTERNS` in the
script). The patterns are found with Python's `ast`, so a call that spans
lines is one hit. They are purely syntactic, a callee matched by its last
name whatever it was imported as, so they find more than the rules should
report. SRB201 has no good syntactic pattern: its hits are the reports of
`ruff check --select ARG` (unused arguments) on a parameter named `context`,
`ctxt`, `ctx`, `request_context` or `req_context`.

| code | a hit is |
|---|---|
{patterns}

The plugin runs over the same files (`flake8 --isolated --select SRB`, which
names the opt-in SRB901 too, in
batches, in a virtualenv that has the plugin but no OpenStack library, like
the benchmark's). A hit counts as *reported* when a finding of its code is at
the line the contract says: the `raise` line for SRB1; the call's line or the
name argument's line for SRB3; the parameter's line or the `def` line for
SRB201, where an SRB202 (context replaced before any read) also counts.

Every hit that is not reported has a verdict in
`bench/recall/<project>-<version>.txt`, one line per hit
(`path:line CODE verdict reason`): `exempt` when the contract says stay
silent, `missed` when it says report. Verdicts were decided in two ways:

- **by a mechanical check** of the script (the reason starts with `auto:`;
  recomputed on every run). The checks do not use the plugin, and each names
  its evidence (the line of the message attribute, of the base method, of the
  `except`) so that a reader can verify it:
  - any code: flake8 itself skips the file (a line that flake8's own
    file-level `# flake8: noqa` pattern matches);
  - SRB1: the raise is caught by an `except` of the same function (naming the
    class, one of its built-in ancestors, `Exception`, or bare) that does not
    re-raise it, the plugin's reading of control flow
    (`tests/cases/raises/caught_locally.py`);
  - SRB101: a control-flow class of the default exempt list; a class whose
    definition in the project (found through the module's imports, following
    module-level aliases such as `HTTPNotFound = NotFound`) or a project
    ancestor sets a non-blank literal message attribute; a name imported from
    a package that is neither in the project nor installed where flake8 runs,
    which the contract gives the benefit of the doubt;
  - SRB201: a stub body (the contract's list, plus the return of a parameter
    unchanged and a raise after assigning and logging its message, which
    [SRB201](rules/SRB201.md) adds); an `abstractmethod`, `overload` or
    `override` declaration; a decorator that a default
    `--srb-context-decorators` glob matches; an override, where a base class
    in the project (found through the imports of the `class` statement, up
    the hierarchy) defines a method of the same name; a callback, a function
    the module uses as a value rather than calling it (a method through
    `self.name`, `cls.name` or `Class.name`; not when passed along with a
    positional context argument), or a lambda not assigned to a name;
- **by reading the source**, for every hit no check decides: the reason says
  what the contract says about it and where the evidence is.

*Recall* is reported / (reported + missed): exempt hits are outside it.
*Other findings* counts findings of the code at lines that no hit of that
code covers; 0 means that the patterns find every finding the plugin gives
on these projects, so that the hits are a superset of the reports.

## Recall per project and code
"""

PAGE_MIDDLE = """\
Three kinds of exemption deserve a word:

- `auto: package not installed` (SRB101): classes from oslo.service
  (`LoopingCallDone`), webob (`HTTPGone`, `HTTPNotFound`, ...), futurist
  (`NeverAgain`) and neutron-lib are raised bare, and flake8 runs here
  without those packages, as in the benchmark: the contract gives them the
  benefit of the doubt. With a project's requirements installed beside
  flake8, the plugin would judge them by their class; this page does not
  measure that setting.
- `auto: flake8 skips the file`: Cinder's
  `volume/drivers/ibm/storwize_svc/storwize_svc_common.py` and
  `volume/drivers/pure.py` each contain an indented `# flake8: noqa: C901`
  meant for one function. flake8 reads it as a file-level noqa and runs no
  plugin on either file, so their hits cannot be reported by any plugin
  (among them a `ProcessExecutionError(stdout="")`, the shape triaged
  debatable elsewhere in Cinder). `# noqa: C901` on the `def` line is what
  their authors meant.
- `by hand`: SRB301 hits whose name comes from a constant mapping
  (`VOLUME_DRIVERS.get(driver_type)`, `self.target_mapping[...]`), an option
  declared with `choices=` or a membership test; SRB201 methods looked up by
  a computed name (`getattr(self, '_save_%s' % field)`); for SRB101, a retry
  signal caught by the enclosing function (Manila's `volume/cinder.py`), a
  project alias of an oslo class, and a class that does not exist: Nova 34's
  `nova/compute/api.py:1092` raises `exception.SoundModelRequestOldCompute()`,
  which `nova.exception` does not define, so that line raises AttributeError
  whenever it runs. Each line of the verdict files says why.
"""

PAGE_END = """\
Each shape that was missed when this page was first made is now reported and
has a regression case under `tests/cases/` (`raises/nested_classes.py`,
`raises/skyward/scheduler/backend_client.py`, `context/callbacks.py`).

## Limits of the measurement

- Recall is measured on the patterns only. A shape that no pattern finds is
  neither a hit nor a miss: a class held in a lowercase name
  (`raise exc_class()`), a blank message built at run time, a loader reached
  through a project wrapper that is not a re-export, a context parameter that
  only its annotation makes one.
- ruff's unused-argument check has exemptions of its own (bodies that are
  only `pass`, a docstring or `raise NotImplementedError`; `@override`,
  `@abstractmethod`, `@overload`): a context parameter that it skips is not
  a hit. SRB202 has no pattern of its own (see above).
- A mechanical verdict resolves names through imports and module-level
  aliases, without astroid; a hit it cannot show exempt is left to a person.
- Five projects at pinned versions, non-test code only.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", action="append", default=[])
    args = parser.parse_args()
    projects = args.project or list(PROJECTS)
    results = []
    total: collections.Counter = collections.Counter()
    for project in projects:
        counts, missed = merge(project)
        total.update(counts)
        report(project, counts)
        results.append((project, counts, missed))
    report("all projects", total)
    everything = [item for _, _, missed in results for item in missed]
    print(f"\n{len(everything)} missed hits")
    for item in everything:
        print(f"  {item}")
    if not args.project:
        render(results)


if __name__ == "__main__":
    main()
