"""The one class-hierarchy walker: order, cycles, the limit, and unknown classes."""

from __future__ import annotations

from flake8_sched_robustness import class_facts, hierarchy
from flake8_sched_robustness.answers import UNKNOWN


def test_walk_is_depth_first_left_to_right_and_visits_each_class_once():
    bases = {"A": ["B", "C"], "B": ["D"], "C": ["D", "A"], "D": []}
    walk = hierarchy.Walk("A")
    order = []
    for name in walk:
        order.append(name)
        walk.descend(bases[name])
    assert order == ["A", "B", "D", "C"]
    assert not walk.cut_short


def test_walk_stops_at_the_limit_and_says_so():
    walk = hierarchy.Walk(0)
    visited = 0
    for depth in walk:
        visited += 1
        walk.descend([depth + 1])
    assert visited == hierarchy.MAX_ANCESTORS
    assert walk.cut_short


def test_ancestry_tells_a_class_not_looked_at_from_one_not_found():
    known = {
        "m.A": class_facts.ClassFacts(
            "m.A", bases=("m.B", None, "m.C"), methods=frozenset({"run"})
        ),
        "m.B": UNKNOWN,
    }
    found = hierarchy.ancestry(lambda name: known.get(name), "m.A")
    assert found.names == {"m.A", "m.B", "m.C"}
    assert found.methods == {"run"}
    assert found.unknown
    assert not hierarchy.ancestry(lambda name: None, "m.C").unknown


def test_ancestry_of_a_builtin_holds_its_whole_mro():
    found = hierarchy.ancestry(
        lambda name: class_facts.ClassFacts(name, builtin=True), "builtins.KeyError"
    )
    assert {"builtins.LookupError", "builtins.Exception", "builtins.object"} <= found.names
