"""A frozen, tree-less summary of another module: its name tables and class facts."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator, Mapping

from flake8_sched_robustness import class_facts, module_facts, naming


@dataclasses.dataclass(frozen=True)
class ModuleSummary:
    """What the door keeps of a module read on behalf of another file.

    Summaries are cached for the whole run: a module's tree would cost
    megabytes, its summary a few kilobytes.  Aliases are kept as dotted
    text, and classes (nested ones included) as ClassFacts by their path.
    """

    name: str
    imports: Mapping[str, str]
    classes: frozenset[str]
    functions: frozenset[str]
    aliases: Mapping[str, str]
    module_names: frozenset[str]
    instances: Mapping[str, str]
    star_imports: tuple[str, ...]
    exports: frozenset[str] | None
    maybe_exports: frozenset[str]
    exports_opaque: bool
    constant_kinds: Mapping[str, str]
    rebound: frozenset[str]
    class_table: Mapping[str, class_facts.ClassFacts]

    def alias_target(self, name: str) -> str | None:
        """The dotted name a module-level alias stands for, or None."""
        return self.aliases.get(name)

    def binds_name(self, name: str) -> bool:
        """Tell whether the module binds a name in its own scope."""
        return naming.binds_in(self, name)

    def qualify_name(self, dotted: str) -> str | None:
        """The qualified name a dotted name refers to at this module's level."""
        return naming.qualify_in(self, dotted)

    def local_class_facts(self, qualname: str) -> class_facts.ClassFacts | None:
        """Describe a class of this module, nested ones included, by qualname."""
        if not qualname.startswith(self.name + "."):
            return None
        return self.class_table.get(qualname[len(self.name) + 1:])


def summarize(module: module_facts.ModuleFacts) -> ModuleSummary:
    """Keep a module's name tables and class facts, and none of its tree."""
    class_table: dict[str, class_facts.ClassFacts] = {}
    for name, node in module.classes.items():
        for path in _nested_paths(node, name):
            facts = module.local_class_facts(f"{module.name}.{path}")
            if facts is not None:
                class_table[path] = facts
    aliases = {name: module.alias_target(name) for name in module.aliases}
    return ModuleSummary(
        name=module.name,
        imports=dict(module.imports),
        classes=frozenset(module.classes),
        functions=frozenset(module.functions),
        aliases={name: target for name, target in aliases.items() if target is not None},
        module_names=frozenset(module.module_names),
        instances=dict(module.instances),
        star_imports=module.star_imports,
        exports=module.exports,
        maybe_exports=module.maybe_exports,
        exports_opaque=module.exports_opaque,
        constant_kinds=dict(module.constant_kinds),
        rebound=frozenset(module.rebound),
        class_table=class_table,
    )


def _nested_paths(node: ast.ClassDef, path: str, depth: int = 0) -> Iterator[str]:
    yield path
    if depth < class_facts.MAX_CLASS_NESTING:
        for statement in node.body:
            if isinstance(statement, ast.ClassDef):
                yield from _nested_paths(statement, f"{path}.{statement.name}", depth + 1)
