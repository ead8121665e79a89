"""Project facts: what each module records, and what the aggregate answers.

Each fact is pinned both ways: the shape that gives it, and the near miss
that must not.  The sources are small invented services, not real projects.
"""

from __future__ import annotations

import ast
import dataclasses
import pickle
import textwrap

import hypothesis
import hypothesmith
import pytest

from flake8_sched_robustness import project_facts, project_facts_index
from flake8_sched_robustness.project_facts import ArgKind, ModuleRecord, Via
from flake8_sched_robustness.project_facts_index import ProjectFacts
from flake8_sched_robustness.answers import Tri


def record(module: str, source: str, is_package: bool = False) -> ModuleRecord:
    """Read one module of an invented project from its source text."""
    package = module if is_package else module.rpartition(".")[0]
    tree = ast.parse(textwrap.dedent(source))
    return project_facts.read_module(tree, module, package, module.replace(".", "/") + ".py")


def project(modules: dict[str, str], complete: bool = True) -> ProjectFacts:
    """Aggregate modules; a name ending in ``.__init__`` is a package."""
    records = []
    for name, source in modules.items():
        is_package = name.endswith(".__init__")
        records.append(record(name.removesuffix(".__init__"), source, is_package))
    return ProjectFacts(records, complete=complete)


BASE = """
    import oslo_messaging as messaging

    class Manager(object):
        target = messaging.Target(version='2.1')

    class Plain(object):
        pass
"""


# -- RPC endpoint classes ----------------------------------------------------

def test_target_found_only_through_a_base_in_another_module() -> None:
    facts = project({
        "fleet.base": BASE,
        "fleet.planner.manager": """
            from fleet import base

            class PlannerManager(base.Manager):
                def _rebalance(self, ctxt):
                    pass

            class Helper(base.Plain):
                pass
        """,
    })
    assert facts.is_rpc_endpoint_class("fleet.planner.manager.PlannerManager") is Tri.YES
    assert facts.is_rpc_endpoint_class("fleet.planner.manager.Helper") is Tri.NO


def test_a_private_method_does_not_change_the_class_fact() -> None:
    # SRB201 decides that _rebalance is private; the class is still served.
    facts = project({
        "fleet.base": BASE,
        "fleet.planner.manager": """
            from fleet.base import Manager

            class PlannerManager(Manager):
                def _rebalance(self, ctxt):
                    pass
        """,
    })
    planner = facts.classes["fleet.planner.manager.PlannerManager"]
    assert planner.methods == frozenset({"_rebalance"})
    assert planner.bases == ("fleet.base.Manager",)
    assert facts.is_rpc_endpoint_class(planner.qualname) is Tri.YES


def test_a_base_missing_from_an_incomplete_index_is_unknown() -> None:
    modules = {"fleet.planner.manager": """
        from fleet import base
        import oslo_service.service

        class PlannerManager(base.Manager):
            pass

        class Worker(oslo_service.service.Service):
            pass
    """}
    unsure = project(modules, complete=False)
    assert unsure.is_rpc_endpoint_class("fleet.planner.manager.PlannerManager") is Tri.UNKNOWN
    # A library base stops the walk: nothing is missing from the index.
    assert unsure.is_rpc_endpoint_class("fleet.planner.manager.Worker") is Tri.NO
    assert project(modules).is_rpc_endpoint_class(
        "fleet.planner.manager.PlannerManager"
    ) is Tri.NO


def test_an_unresolvable_base_is_unknown() -> None:
    facts = project({"fleet.odd": """
        import six

        class Odd(six.with_metaclass(type, object)):
            pass
    """})
    assert facts.is_rpc_endpoint_class("fleet.odd.Odd") is Tri.UNKNOWN


def test_target_imported_under_an_alias() -> None:
    facts = project({
        "fleet.agent": """
            from oslo_messaging import Target as RpcTarget
            from fleet.objects import Target

            class Agent:
                target = RpcTarget(version='1.0')

            class Shooter:
                target = Target(range=3)
        """,
    })
    assert facts.is_rpc_endpoint_class("fleet.agent.Agent") is Tri.YES
    assert facts.is_rpc_endpoint_class("fleet.agent.Shooter") is Tri.NO


def test_a_target_property_returning_one() -> None:
    facts = project({"fleet.manager": """
        import oslo_messaging

        class Direct:
            @property
            def target(self):
                return oslo_messaging.Target(version=self.VERSION)

        class Cached:
            @property
            def target(self):
                if not hasattr(self, '_target'):
                    self._target = oslo_messaging.Target(version='3.0')
                return self._target

        class NotATarget:
            @property
            def target(self):
                return self.host

            def build(self):
                return oslo_messaging.Target(version='3.0')
    """})
    assert facts.is_rpc_endpoint_class("fleet.manager.Direct") is Tri.YES
    assert facts.is_rpc_endpoint_class("fleet.manager.Cached") is Tri.YES
    assert facts.is_rpc_endpoint_class("fleet.manager.NotATarget") is Tri.NO


def test_endpoints_handed_to_get_rpc_server() -> None:
    facts = project({
        "fleet.workers": """
            class Builder:
                pass

            class Cleaner:
                pass

            class Idle:
                pass
        """,
        "fleet.service": """
            import oslo_messaging
            from fleet import workers

            def serve(transport, target):
                return oslo_messaging.get_rpc_server(transport, target, [workers.Builder()])

            def serve_keyword(transport, target):
                return oslo_messaging.get_rpc_server(
                    transport, target, endpoints=[workers.Cleaner()])
        """,
    })
    assert facts.is_rpc_endpoint_class("fleet.workers.Builder") is Tri.YES
    assert facts.is_rpc_endpoint_class("fleet.workers.Cleaner") is Tri.YES
    assert facts.is_rpc_endpoint_class("fleet.workers.Idle") is Tri.NO


def test_endpoints_handed_through_a_project_wrapper() -> None:
    facts = project({
        "fleet.rpc": """
            import oslo_messaging

            def get_server(target, endpoints):
                return oslo_messaging.get_rpc_server(TRANSPORT, target, endpoints)
        """,
        "fleet.service": """
            from fleet import rpc
            from fleet.planner import Planner
            from oslo_utils import importutils

            class Service:
                def __init__(self, manager_name):
                    self.manager = importutils.import_object(manager_name)
                    self.helper = Planner()

                def start(self):
                    self.server = rpc.get_server(self.target, [self.manager, self.helper])
        """,
        "fleet.planner": """
            class Planner:
                pass
        """,
    })
    assert facts.is_rpc_endpoint_class("fleet.planner.Planner") is Tri.YES
    unknown = {(entry.text, entry.owner) for entry in facts.unknown_endpoints()}
    assert ("self.manager", "fleet.service.Service.start") in unknown
    # The wrapper's own parameter is forwarded, not a class.
    assert ("endpoints", "fleet.rpc.get_server") in unknown
    # The record itself says unknown: import_object's class is configuration's.
    served = {e.text: e.qualname for e in facts.modules["fleet.service"].endpoints}
    assert served == {"self.manager": None, "self.helper": "fleet.planner.Planner"}


def test_lists_named_endpoints_that_serve_no_rpc() -> None:
    facts = project({"fleet.listen": """
        import oslo_messaging

        class Audit:
            pass

        class Catalogue:
            pass

        def listen(transport, targets):
            endpoints = [Audit()]
            return oslo_messaging.get_notification_listener(transport, targets, endpoints)

        def describe():
            endpoints = [Catalogue()]
            return len(endpoints)
    """})
    assert facts.is_rpc_endpoint_class("fleet.listen.Audit") is Tri.NO
    assert facts.is_rpc_endpoint_class("fleet.listen.Catalogue") is Tri.NO


def test_self_endpoints_handed_over_by_another_method() -> None:
    facts = project({"fleet.agent": """
        class Callbacks:
            pass

        class Agent:
            def setup(self):
                self.endpoints = [Callbacks()]
                self.endpoints.append(Extra())

            def consume(self):
                self.connection.create_consumer('topic', self.endpoints)

        class Extra:
            pass
    """})
    assert facts.is_rpc_endpoint_class("fleet.agent.Callbacks") is Tri.YES
    assert facts.is_rpc_endpoint_class("fleet.agent.Extra") is Tri.YES


def test_a_service_that_hands_over_itself() -> None:
    facts = project({"fleet.tasks": """
        from fleet import rpc

        class Tasks:
            def process(self, ctxt, order_id):
                pass

        class TaskServer(Tasks):
            def __init__(self, target):
                self.server = rpc.get_server(target=target, endpoints=[self])

            @classmethod
            def build(cls, target):
                return rpc.get_server(target, [cls])

        class Replay(Tasks):
            pass
    """})
    assert facts.is_rpc_endpoint_class("fleet.tasks.TaskServer") is Tri.YES
    # Tasks is not handed over itself; its methods are served through a subclass.
    assert facts.is_rpc_endpoint_class("fleet.tasks.Tasks") is Tri.NO
    assert facts.endpoint_subclasses("fleet.tasks.Tasks") == ("fleet.tasks.TaskServer",)
    assert facts.endpoint_subclasses("fleet.tasks.TaskServer") == ()
    # A class object is no instance: ``[cls]`` stays unknown.
    assert [e.text for e in facts.unknown_endpoints()] == ["cls"]


# -- callers -------------------------------------------------------------------

LOADER = """
    def load_driver(namespace, name):
        return namespace, name
"""


def test_callers_with_constant_and_option_arguments() -> None:
    facts = project({
        "fleet.utils": LOADER,
        "fleet.a": """
            from fleet import utils

            def fixed():
                return utils.load_driver('fleet.drivers', 'simple')
        """,
        "fleet.b": """
            from fleet.utils import load_driver as load
            from oslo_config import cfg
            CONF = cfg.CONF

            def configured(name):
                load('fleet.drivers', CONF.planner.driver)
                load(namespace='fleet.drivers', name=name)
        """,
    })
    callers = facts.callers_of("fleet.utils.load_driver")
    assert callers.state is Tri.YES
    passed = sorted(
        (site.where(), site.positional[1:] or site.keywords[1:]) for site in callers.sites
    )
    assert [where for where, _ in passed] == ["fleet/a.py:5", "fleet/b.py:7", "fleet/b.py:8"]
    fixed, option, keyword = (site for _, site in passed)
    assert fixed[0].kind is ArgKind.STRING and fixed[0].text == "simple"
    assert option[0].kind is ArgKind.ATTRIBUTE and option[0].text == "CONF.planner.driver"
    name_keyword = keyword[0]
    assert name_keyword[0] == "name"
    assert name_keyword[1].kind is ArgKind.NAME and name_keyword[1].parameter


def test_callers_in_the_same_module_and_through_self() -> None:
    facts = project({"fleet.planner": """
        def pick(hosts):
            return hosts[0]

        class Planner:
            def plan(self, ctxt):
                self.place(None, 'fast')
                return pick(self.hosts)

            def place(self, ctxt, mode):
                pass

        class Special(Planner):
            def place(self, ctxt, mode):
                pass
    """})
    assert [s.line for s in facts.callers_of("fleet.planner.pick").sites] == [8]
    place = facts.callers_of("fleet.planner.Planner.place")
    assert [(s.positional[0].kind, s.via) for s in place.sites] == [
        (ArgKind.CONSTANT, Via.SELF)
    ]
    # The override is reached too when the instance is a Special.
    assert [s.line for s in facts.callers_of("fleet.planner.Special.place").sites] == [7]


def test_callers_unknown_never_called_and_shadowed() -> None:
    modules = {
        "fleet.utils": LOADER + """
    def unused(name):
        return name
""",
        "fleet.c": """
            from fleet import utils

            def uses_a_parameter(utils):
                utils.load_driver('x', 'y')
        """,
    }
    facts = project(modules)
    # ``utils`` is a parameter there, not the module: no site is recorded,
    # and a call by that name through an unknown object leaves it open.
    shadowed = facts.callers_of("fleet.utils.load_driver")
    assert shadowed == project_facts_index.Callers(Tri.UNKNOWN, ())
    assert facts.callers_of("fleet.utils.unused").state is Tri.NO
    assert project(modules, complete=False).callers_of(
        "fleet.utils.unused"
    ).state is Tri.UNKNOWN


def test_a_function_handed_over_as_a_value_has_unseen_callers() -> None:
    facts = project({
        "fleet.tasks": """
            def sync(name):
                pass

            def expire(name):
                pass

            def purge(name):
                pass

            def direct(name):
                pass
        """,
        "fleet.runner": """
            from fleet import tasks

            HANDLERS = {'expire': tasks.expire}

            def run(pool):
                pool.submit(tasks.sync, 'all')
                tasks.direct('all')
                return [tasks.purge]
        """,
    })
    for name in ("sync", "expire", "purge"):
        assert facts.callers_of(f"fleet.tasks.{name}").state is Tri.UNKNOWN, name
    assert facts.callers_of("fleet.tasks.direct").state is Tri.YES


def test_constructor_calls_answer_for_init() -> None:
    facts = project({"fleet.service": """
        class Service:
            def __init__(self, manager):
                self.manager = manager

            @classmethod
            def create(cls, manager='fleet.manager.Manager'):
                return cls(manager)
    """})
    sites = facts.callers_of("fleet.service.Service.__init__").sites
    assert [(s.callee, s.caller) for s in sites] == [
        ("fleet.service.Service", "fleet.service.Service.create")
    ]


def test_super_calls_reach_an_ancestor_only() -> None:
    facts = project({
        "fleet.service": """
            class Service:
                def __init__(self, manager):
                    self.manager = manager
        """,
        "fleet.agent": """
            from fleet import service

            class Agent(service.Service):
                def __init__(self):
                    super().__init__('fleet.agent.Manager')
        """,
    })
    base = facts.callers_of("fleet.service.Service.__init__")
    assert [(s.caller, s.positional[0].text) for s in base.sites] == [
        ("fleet.agent.Agent.__init__", "fleet.agent.Manager")
    ]
    assert facts.callers_of("fleet.agent.Agent.__init__").sites == ()


# -- caught exceptions -----------------------------------------------------------

EXCEPTIONS = """
    class FleetError(Exception):
        msg_fmt = "Fleet failed"

    class Unmovable(FleetError):
        pass

    class Lost(ValueError):
        pass
"""


def test_module_catches_a_project_exception_through_its_base() -> None:
    facts = project({
        "fleet.exception": EXCEPTIONS,
        "fleet.mover": """
            from fleet import exception

            def move():
                try:
                    raise exception.Unmovable()
                except (KeyError, exception.FleetError):
                    pass
        """,
        "fleet.finder": """
            from fleet import exception

            def find():
                try:
                    raise exception.Lost()
                except ValueError:
                    pass
                except Exception:
                    pass
        """,
    })
    assert facts.caught_in("fleet.mover", "fleet.exception.Unmovable") is Tri.YES
    assert facts.caught_in("fleet.mover", "fleet.exception.FleetError") is Tri.YES
    # ValueError is no project ancestor, and Exception never counts.
    assert facts.caught_in("fleet.finder", "fleet.exception.Lost") is Tri.NO
    assert facts.caught_in("fleet.finder", "fleet.exception.Unmovable") is Tri.NO
    assert facts.caught_in("fleet.elsewhere", "fleet.exception.Lost") is Tri.UNKNOWN


# -- the records themselves --------------------------------------------------

def _fields(value: object) -> list[object]:
    if dataclasses.is_dataclass(value):
        return [getattr(value, f.name) for f in dataclasses.fields(value)]
    if isinstance(value, (tuple, frozenset, list)):
        return list(value)
    return []


def test_records_hold_no_tree_and_survive_pickling() -> None:
    facts = record("fleet.service", """
        import oslo_messaging
        from fleet import rpc, exception

        class Service(object):
            target = oslo_messaging.Target()

            def start(self):
                try:
                    rpc.get_server(self.target, [Service()], 'fleet-topic')
                except exception.FleetError:
                    pass
    """)
    stack: list[object] = [facts]
    while stack:
        value = stack.pop()
        assert not isinstance(value, ast.AST)
        stack.extend(_fields(value))
    assert pickle.loads(pickle.dumps(facts)) == facts
    assert hash(facts) == hash(pickle.loads(pickle.dumps(facts)))


def test_a_deep_tree_is_walked_without_recursion() -> None:
    # A left-nested chain of 20000 additions: deeper than any parser allows.
    value: ast.expr = ast.Call(ast.Name("helper", ast.Load()), [], [])
    for _ in range(20000):
        value = ast.BinOp(value, ast.Add(), ast.Constant(1))
    tree = ast.Module([ast.Assign([ast.Name("x", ast.Store())], value, lineno=2)], [])
    for node in ast.walk(tree):
        node.lineno = getattr(node, "lineno", 2)  # type: ignore[attr-defined]
    facts = project_facts.read_module(tree, "fleet.deep", "fleet")
    assert facts.truncated
    index = ProjectFacts([facts])
    assert index.callers_of("fleet.deep.helper").state is Tri.UNKNOWN


def test_a_huge_module_is_capped() -> None:
    source = "def helper(x):\n    pass\n" + "".join(
        f"helper('{n}')\n" for n in range(project_facts.MAX_CALLS + 50)
    )
    facts = record("fleet.huge", source)
    assert len(facts.calls) == project_facts.MAX_CALLS
    assert facts.truncated
    assert ProjectFacts([facts]).callers_of("fleet.huge.helper").state is Tri.UNKNOWN


def test_calls_outside_the_project_are_not_kept() -> None:
    facts = record("fleet.x", """
        import os
        from fleet import utils

        os.path.join('a', 'b')
        utils.run('a')
    """)
    assert [site.callee for site in facts.calls] == ["fleet.utils.run"]


# Odd shapes of the facts the reader looks for, mixed into generated code.
FRAGMENTS = hypothesis.strategies.sampled_from([
    "try:\n    pass\nexcept (a.b, c()[0], *d):\n    pass\n",
    "oslo_messaging.get_rpc_server(t, tt, [x()[0], *y, self, lambda: 1])\n",
    "class A(B[0], g(), metaclass=M):\n    target = Target()\n"
    "    def target(self):\n        return\n",
    "def f(p):\n    endpoints = [p, b.c(), *p]\n    endpoints.extend(p)\n    h(endpoints)\n",
    "class C(D):\n    def __init__(self, *a, **k):\n        super().__init__(*a, **k)\n"
    "        self.endpoints = self.endpoints + [C]\n        get_server(endpoints=self.endpoints)\n",
])


@hypothesis.settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(hypothesis.HealthCheck),
)
@hypothesis.given(hypothesmith.from_grammar(), FRAGMENTS)
@pytest.mark.filterwarnings("ignore::SyntaxWarning")
def test_generated_modules_never_crash_the_reader(generated: str, fragment: str) -> None:
    source = fragment + generated
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return  # flake8 reports those itself; no record is asked for
    facts = ProjectFacts([
        project_facts.read_module(tree, "fleet.gen", "fleet"),
        record("fleet.svc", "from fleet import gen\nclass S(gen.X): target = gen.Target()\n"),
    ], complete=True)
    for name in [*facts.classes, "fleet.gen.X", "fleet.gen"]:
        assert facts.is_rpc_endpoint_class(name) in Tri
        assert facts.callers_of(name).state in Tri
        assert facts.caught_in("fleet.gen", name) in Tri


# -- the ancestor walk -----------------------------------------------------------

def test_the_walk_ends_on_cycles_and_says_when_it_gave_up() -> None:
    cycle = {"a.A": ("a.B",), "a.B": ("a.A",)}
    walked = project_facts_index.walk_ancestors("a.A", lambda name: cycle.get(name, ()))
    assert walked == project_facts_index.Ancestry(("a.A", "a.B"), True)

    def endless(name: str) -> tuple[str | None, ...]:
        return (name + "x",)

    walked = project_facts_index.walk_ancestors("a.A", endless)
    assert not walked.complete
    assert len(walked.classes) == project_facts_index.MAX_ANCESTORS


@pytest.mark.parametrize("bases, complete", [((None,), False), ((), True)])
def test_the_walk_is_incomplete_at_an_unnamed_base(
    bases: tuple[str | None, ...], complete: bool
) -> None:
    walked = project_facts_index.walk_ancestors("a.A", lambda name: bases)
    assert walked.complete is complete


def test_a_base_re_exported_by_a_package() -> None:
    facts = project({
        "fleet.__init__": "from fleet.base import Manager\n",
        "fleet.compat": "from fleet import base\nOldManager = base.Manager\n",
        "fleet.base": BASE,
        "fleet.cells": """
            import fleet

            class CellManager(fleet.Manager):
                pass
        """,
        "fleet.legacy": """
            from fleet.compat import OldManager

            class LegacyManager(OldManager):
                pass
        """,
    })
    assert facts.is_rpc_endpoint_class("fleet.legacy.LegacyManager") is Tri.YES
    assert facts.classes["fleet.cells.CellManager"].bases == ("fleet.Manager",)
    assert facts.is_rpc_endpoint_class("fleet.cells.CellManager") is Tri.YES
