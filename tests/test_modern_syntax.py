"""Modern syntax: the plugin reads it on every Python that can parse it.

Each snippet needs a minimum Python; on an older one it is skipped (the
plugin is installed on Python 3.10 and up, as flake8 7 and astroid 4 are).
Markers as in the case files: ``# expect: CODE`` on a reported line.
"""

from __future__ import annotations

import ast
import re
import sys
import textwrap

import pytest

import lintrun

EXPECT = re.compile(r"#\s*expect:\s*(.+?)\s*$")

SNIPPETS = {
    "match_statement": ((3, 10), """\
        def handle(command):
            match command:
                case {"action": "stop", **rest}:
                    raise ValueError()  # expect: SRB101
                case [first, *others] if first:
                    raise RuntimeError("")  # expect: SRB102
                case Point(x=0) | Point(y=0) as where:
                    raise where
                case str() | bytes():
                    raise Exception("text")  # expect: SRB103
                case _:
                    raise
        """),
    "match_soft_keywords_as_names": ((3, 10), """\
        match = 1
        case = 2
        _ = 3
        type = 4


        def match_(match, case):
            raise LookupError(match)
        """),
    "except_star": ((3, 11), """\
        def run(tasks):
            try:
                tasks()
            except* ValueError as group:
                raise group
            except* (KeyError, OSError):
                raise ExceptionGroup("", [ValueError("x")])  # expect: SRB102
            raise BaseExceptionGroup  # expect: SRB101
        """),
    "pep695_generics": ((3, 12), """\
        class Box[T](Exception):
            pass


        class Worded[T, *Ts, **P](Exception):
            msg_fmt = "worded"


        def first[T: (int, str)](items: list[T]) -> T:
            if not items:
                raise Box()  # expect: SRB101
            raise Worded
        """),
    "pep695_type_alias": ((3, 12), """\
        type Failure = ValueError
        type Pair[K, V] = tuple[K, V]


        def act():
            raise Failure()
        """),
    "walrus": ((3, 8), """\
        def act(values):
            if (error := values.get("error")) is not None:
                raise error
            if not (total := sum(values)):
                raise ValueError(f"")  # expect: SRB102
            while (chunk := values.pop()):
                raise chunk
            return [y for x in values if (y := x)]
        """),
    "positional_only": ((3, 8), """\
        def act(context, /, value, *, strict=False, **rest):  # expect: SRB901
            if strict:
                raise TypeError  # expect: SRB101
            raise ValueError(value)


        lam = lambda a, /, b: a
        """),
    "async_and_decorators": ((3, 9), """\
        import functools


        @functools.cache
        @(lambda f: f)
        async def fetch(session):
            async with session as s:
                async for item in s:
                    raise StopAsyncIteration
            raise ConnectionError()  # expect: SRB101
        """),
    "fstring_nesting": ((3, 12), """\
        def act(items):
            raise ValueError(f"{'' if items else f'{items!r:>{10}}'}")
            raise KeyError(f"")  # expect: SRB102
        """),
    "type_parameter_defaults": ((3, 13), """\
        class Slot[T = int](Exception):
            pass


        def act():
            raise Slot()  # expect: SRB101
        """),
}


def _expected(source: str) -> set[tuple[int, str]]:
    found = set()
    for number, text in enumerate(source.splitlines(), 1):
        match = EXPECT.search(text)
        if match:
            found.update((number, code.strip()) for code in match[1].split(","))
    return found


def _available(name: str) -> bool:
    return sys.version_info >= SNIPPETS[name][0]


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_modern_syntax_in_process(tmp_path, name):
    version, body = SNIPPETS[name]
    if sys.version_info < version:
        pytest.skip(f"needs Python {version[0]}.{version[1]}")
    source = textwrap.dedent(body)
    path = tmp_path / f"{name}.py"
    path.write_text(source)
    found = lintrun.run_plugin(ast.parse(source), str(path))
    lintrun.assert_sane(found, source)
    assert {(line, text.split()[0]) for line, _, text in found} == _expected(source)


def test_modern_syntax_through_flake8(tmp_path):
    names = [name for name in sorted(SNIPPETS) if _available(name)]
    expected = set()
    for name in names:
        source = textwrap.dedent(SNIPPETS[name][1])
        path = tmp_path / f"{name}.py"
        path.write_text(source)
        expected.update((str(path), line, code) for line, code in _expected(source))
    run = lintrun.flake8(sorted(tmp_path.glob("*.py")))
    run.assert_clean()
    assert {report for report in run.reports if report[2].startswith("SRB")} == expected
    assert not {report for report in run.reports if report[2].startswith("E9")}
