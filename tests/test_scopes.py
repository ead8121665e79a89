"""The per-file scope model: parents, scopes, reaching definitions, first use."""

from __future__ import annotations

import ast
import textwrap

from flake8_sched_robustness import scopes


def model(source: str) -> tuple[ast.Module, scopes.FileScopes]:
    tree = ast.parse(textwrap.dedent(source))
    return tree, scopes.FileScopes(tree)


def find(tree: ast.AST, kind: type, **fields: object) -> ast.AST:
    for node in ast.walk(tree):
        if isinstance(node, kind) and all(getattr(node, k) == v for k, v in fields.items()):
            return node
    raise LookupError(kind)


def test_scope_of_a_name_is_its_innermost_function():
    tree, file_scopes = model("""
        def outer():
            def inner():
                return name
    """)
    read = find(tree, ast.Name, id="name")
    assert file_scopes.scope_of(read) is find(tree, ast.FunctionDef, name="inner")
    assert file_scopes.scope_of(find(tree, ast.FunctionDef, name="outer")) is tree


def test_enclosing_functions_stop_at_a_class_body():
    tree, file_scopes = model("""
        def factory():
            def helper():
                class Direct:
                    class Nested:
                        pass
            return helper
    """)
    direct = find(tree, ast.ClassDef, name="Direct")
    nested = find(tree, ast.ClassDef, name="Nested")
    names = [f.name for f in file_scopes.enclosing_functions(direct)]
    assert names == ["factory", "helper"]
    assert file_scopes.enclosing_functions(nested) == ()


def test_reaching_definitions_stop_at_an_unconditional_binding():
    tree, file_scopes = model("""
        def load(flag):
            name = "first"
            name = "second"
            if flag:
                name = flag
            return name
    """)
    use = find(tree, ast.Return)
    found = file_scopes.definitions("name", use)
    assert [ast.unparse(d.value) for d in found] == ["flag", "'second'"]
    assert not file_scopes.reaches_top("name", use)


def test_a_parameter_reaches_a_use_that_only_some_paths_rebind():
    tree, file_scopes = model("""
        def load(name, flag):
            if flag:
                name = "fixed"
            return name
    """)
    use = find(tree, ast.Return)
    assert file_scopes.reaches_top("name", use)
    assert file_scopes.local_names(find(tree, ast.FunctionDef)) == {"name", "flag"}


def test_an_imported_local_does_not_shadow():
    tree, file_scopes = model("""
        def run():
            from importlib import import_module
            return import_module(x)
        def other(import_module):
            return import_module(x)
    """)
    run, other = (find(tree, ast.FunctionDef, name=n) for n in ("run", "other"))
    assert not file_scopes.shadows("import_module", run)
    assert file_scopes.shadows("import_module", other)


def test_first_read_and_first_rebinding():
    tree, file_scopes = model("""
        def handler(context, other):
            other = context
            context = make()
            return context
    """)
    function = find(tree, ast.FunctionDef)
    names = frozenset({"context", "other"})
    bound = file_scopes.first_rebindings(function, names, walrus=False)
    read = file_scopes.first_reads(function, names, frozenset(bound))
    assert bound == {"other": (3, 19), "context": (4, 20)}  # after the value is evaluated
    assert read == {"context": (3, 12)}


def test_statements_spelling_a_word_include_their_decorators_and_continuation_lines():
    source = textwrap.dedent("""\
        import os


        @register(
            loader.import_class)
        def decorated():
            pass


        def plain():
            return os.getcwd()


        def spans(name):
            return (utils
                    .import_class(name))
    """)
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    found = scopes.statements_spelling(tree, lines, frozenset({"import_class"}))
    assert [getattr(top, "name", None) for top in found] == ["decorated", "spans"]
    assert scopes.statements_spelling(tree, lines, frozenset({"import_cla"})) == []


def test_walking_some_statements_keeps_the_whole_walk_order():
    tree = ast.parse(textwrap.dedent("""
        def a():
            return f(g(1), [h(2)])

        class B:
            def m(self):
                return k(3)

        def c():
            return (lambda: j(4))()
    """))
    kept = [tree.body[0], tree.body[2]]
    walked = list(scopes.FileScopes(tree).walk_statements(kept))

    # Load and Store are shared by every tree: only nodes of their own count.
    def own(nodes):
        return [node for node in nodes if not isinstance(node, ast.expr_context)]

    inside = {id(node) for top in kept for node in own(scopes.walk(top))}
    expected = [node for node in own(scopes.walk(tree)) if id(node) in inside]
    assert own(walked) == expected


def test_walking_statements_maps_their_parents():
    tree, file_scopes = model("""
        def a():
            return f(1)
    """)
    walked = file_scopes.walk_statements(tree.body)
    call = next(node for node in walked if isinstance(node, ast.Call))
    assert file_scopes.parent_of(call) is tree.body[0].body[0]
    assert file_scopes.parent_of(tree.body[0]) is tree
