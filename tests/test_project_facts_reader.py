"""The door's project-wide answers: RPC endpoint classes and callers, from source.

Each test writes a small invented service package and asks the door of one
of its modules, the way a rule does while it lints that module.
"""

from __future__ import annotations

import ast
import pathlib
import textwrap

import pytest

from flake8_sched_robustness import door as doors
from flake8_sched_robustness import module_facts, project_facts_reader
from flake8_sched_robustness.answers import UNKNOWN, Tri
from flake8_sched_robustness.project_facts import ArgKind

SERVICE = {
    "__init__.py": "",
    "base.py": """
        import oslo_messaging as messaging

        class Manager(object):
            target = messaging.Target(version='1.0')
        """,
    "tools.py": """
        class Helper(object):
            def run(self, ctxt):
                return 1


        def load_driver(name):
            return name
        """,
    "planner/__init__.py": "",
    "planner/manager.py": """
        from fleet import base
        from fleet import tools

        class PlannerManager(base.Manager):
            def plan(self, ctxt, hosts):
                return tools.load_driver('static')
        """,
    "tasks.py": """
        class Tasks(object):
            def process(self, ctxt, item):
                return item


        class TaskServer(Tasks):
            pass
        """,
    "server.py": """
        import oslo_messaging

        from fleet import tasks
        from fleet import tools
        from fleet.conf import CONF


        def start(transport, target):
            endpoints = [tasks.TaskServer()]
            tools.load_driver(CONF.tasks.driver)
            return oslo_messaging.get_rpc_server(transport, target, endpoints)
        """,
    "conf.py": "CONF = object()\n",
}


def _write(root: pathlib.Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / "fleet" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


@pytest.fixture
def service(tmp_path: pathlib.Path) -> pathlib.Path:
    doors.clear_caches()
    _write(tmp_path, SERVICE)
    return tmp_path


def _door(root: pathlib.Path, module: str) -> doors.Door:
    path = root / "fleet" / module
    tree = ast.parse(path.read_text())
    return doors.Door(module_facts.ModuleFacts(tree, str(path)), budget=30.0, enabled=True)


def test_an_endpoint_found_only_through_a_base_in_another_module(service):
    door = _door(service, "planner/manager.py")
    assert door.rpc_endpoint("fleet.planner.manager.PlannerManager") is Tri.YES


def test_a_base_class_is_served_when_its_subclass_is_handed_to_the_server(service):
    door = _door(service, "tasks.py")
    assert door.rpc_endpoint("fleet.tasks.TaskServer") is Tri.YES
    assert door.rpc_endpoint("fleet.tasks.Tasks") is Tri.YES


def test_a_plain_class_is_no_endpoint(service):
    door = _door(service, "tools.py")
    assert door.rpc_endpoint("fleet.tools.Helper") is Tri.NO


def test_an_endpoint_built_by_a_factory_leaves_other_classes_unknown(service):
    _write(service, {"extra.py": """
        import oslo_messaging

        def serve(transport, target, make):
            return oslo_messaging.get_rpc_server(transport, target, [make()])
        """})
    door = _door(service, "tools.py")
    assert door.rpc_endpoint("fleet.tools.Helper") is Tri.UNKNOWN


def test_callers_say_what_each_passes(service):
    door = _door(service, "tools.py")
    callers = door.callers_of("fleet.tools", "fleet.tools.load_driver")
    assert callers is not UNKNOWN
    assert callers.state is Tri.YES
    passed = sorted(
        (site.where(), site.positional[0].kind, site.positional[0].text)
        for site in callers.sites
    )
    assert passed == [
        ("fleet/planner/manager.py:7", ArgKind.STRING, "static"),
        ("fleet/server.py:11", ArgKind.ATTRIBUTE, "CONF.tasks.driver"),
    ]


def test_a_function_no_module_calls_has_no_callers(service):
    door = _door(service, "tasks.py")
    callers = door.callers_of("fleet.tasks", "fleet.tasks.Tasks.process")
    assert callers is not UNKNOWN and callers.state is Tri.NO


def test_a_function_handed_over_as_a_value_has_unknown_callers(service):
    _write(service, {"hooks.py": """
        from fleet import tools

        HOOKS = [tools.load_driver]
        """})
    door = _door(service, "tools.py")
    callers = door.callers_of("fleet.tools", "fleet.tools.load_driver")
    assert callers is not UNKNOWN and callers.state is Tri.UNKNOWN


def test_a_module_outside_any_package_gets_unknown(tmp_path):
    lone = tmp_path / "lone.py"
    lone.write_text("class A(object):\n    pass\n")
    door = doors.Door(
        module_facts.ModuleFacts(ast.parse(lone.read_text()), str(lone)), budget=30.0,
        enabled=True,
    )
    assert door.rpc_endpoint("lone.A") is Tri.UNKNOWN
    assert door.callers_of("lone", "lone.f") is UNKNOWN


def test_the_same_question_costs_the_same_when_remembered(service):
    first = _door(service, "tools.py")
    first.callers_of("fleet.tools", "fleet.tools.load_driver")
    spent_first = first._budget._total_left
    second = _door(service, "tools.py")
    second.callers_of("fleet.tools", "fleet.tools.load_driver")
    assert second._budget._total_left == spent_first


def _padding(size: int) -> str:
    return "".join(f"PAD_{i} = {i}\n" for i in range(size // 12))


def test_a_module_too_large_to_read_that_imports_the_function_leaves_callers_unknown(service):
    _write(service, {"huge.py": "from fleet import tools\n\ntools.load_driver(NAME)\n" + _padding(
        project_facts_reader.MAX_FACTS_MODULE_BYTES + 1)})
    callers = _door(service, "tools.py").callers_of("fleet.tools", "fleet.tools.load_driver")
    assert callers is not UNKNOWN and callers.state is Tri.UNKNOWN


def test_a_module_too_large_to_read_that_cannot_name_the_function_is_skipped(service):
    _write(service, {"huge.py": "def load_driver(x):\n    return x\n" + _padding(
        project_facts_reader.MAX_FACTS_MODULE_BYTES + 1)})
    callers = _door(service, "tools.py").callers_of("fleet.tools", "fleet.tools.load_driver")
    assert callers is not UNKNOWN and callers.state is Tri.YES
    assert len(callers.sites) == 2


def test_a_name_spelled_in_too_many_modules_has_unknown_callers(service):
    _write(service, {
        f"many_{i}.py": "from fleet import tools\n\ntools.load_driver('static')\n"
        for i in range(project_facts_reader.MAX_CALLER_MODULES)
    })
    callers = _door(service, "tools.py").callers_of("fleet.tools", "fleet.tools.load_driver")
    assert callers is not UNKNOWN and callers.state is Tri.UNKNOWN


def test_a_home_module_too_large_to_read_leaves_its_own_callers_unknown(service):
    _write(service, {"tools.py": SERVICE["tools.py"] + "\nload_driver(NAME)\n" + _padding(
        project_facts_reader.MAX_FACTS_MODULE_BYTES + 1)})
    door = _door(service, "planner/manager.py")
    callers = door.callers_of("fleet.tools", "fleet.tools.load_driver")
    assert callers is not UNKNOWN and callers.state is Tri.UNKNOWN


def _callers_of_load_driver(service) -> list[str]:
    callers = _door(service, "tools.py").callers_of("fleet.tools", "fleet.tools.load_driver")
    assert callers is not UNKNOWN and callers.state is Tri.YES
    return sorted(site.where() for site in callers.sites)


def test_a_module_that_never_imports_the_home_calls_another_function_of_that_name(service):
    # Before: its ``runner.load_driver`` made every caller unknown.
    _write(service, {"bench.py": """
        def measure(runner):
            return runner.load_driver(runner.name)
        """})
    assert _callers_of_load_driver(service) == [
        "fleet/planner/manager.py:7", "fleet/server.py:11",
    ]


@pytest.mark.parametrize("importing", [
    "from fleet import (\n    base,\n    tools,\n)\n",
    "from fleet import base, \\\n    tools\n",
    "from . import tools\n",
    "import fleet.tools as tools\n",
])
def test_every_import_form_of_the_home_is_followed(service, importing):
    _write(service, {"audit.py": importing + "\n\ndef audit(name):\n    tools.load_driver(name)\n"})
    found = _callers_of_load_driver(service)
    assert len(found) == 3 and any(where.startswith("fleet/audit.py:") for where in found)


def test_a_caller_that_imports_the_function_from_a_re_exporting_module_is_found(service):
    _write(service, {
        "compat.py": "from fleet.tools import load_driver  # kept for old importers\n",
        "legacy.py": "from fleet.compat import load_driver\n\n\nload_driver(CHOSEN)\n",
    })
    assert "fleet/legacy.py:4" in _callers_of_load_driver(service)


def test_a_classmethod_is_called_through_its_class_so_only_importers_call_it(service):
    _write(service, {
        "factory.py": """
            class Factory(object):
                @classmethod
                def build(cls, name):
                    return name
            """,
        "boot.py": "from fleet import factory\n\n\nfactory.Factory.build('static')\n",
        "other.py": "def make(maker):\n    return maker.build(maker.name)\n",
    })
    door = _door(service, "factory.py")
    through_class = door.callers_of("fleet.factory", "fleet.factory.Factory.build", on_class=True)
    assert through_class is not UNKNOWN and through_class.state is Tri.YES
    assert [site.where() for site in through_class.sites] == ["fleet/boot.py:4"]
    # An ordinary method may be called on any object: other.py's call keeps it unknown.
    on_objects = door.callers_of("fleet.factory", "fleet.factory.Factory.build")
    assert on_objects is not UNKNOWN and on_objects.state is Tri.UNKNOWN


def test_a_module_importing_a_longer_name_does_not_import_the_home(service):
    # ``fleet.toolsmith`` spells ``fleet.tools``; reading forge.py would add
    # its ``kit.load_driver`` and leave every caller unknown.
    _write(service, {
        "toolsmith.py": "",
        "forge.py": """
            import fleet.toolsmith


            def make(kit):
                return kit.load_driver(kit.name)
            """,
    })
    assert _callers_of_load_driver(service) == [
        "fleet/planner/manager.py:7", "fleet/server.py:11",
    ]
