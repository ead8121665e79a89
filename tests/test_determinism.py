"""The same tree and options give the same findings, however flake8 is run.

A tree built to sit near the work budgets: three files raise classes of the
same forty modules, in different orders, with a budget that answers some
of their questions and not others, and a fourth asks astroid about a
constant only it can tell.  Under -j1, -j2, the reverse file order and each file by
standard input, the set of findings must be the same, since budgets count
work (module reads, modules astroid builds) and a remembered answer costs
what it cost to compute.
"""

from __future__ import annotations

import pathlib

import lintrun

MODULES = 40
OPTIONS = ("--srb-inference-modules=60", "--srb-astroid-modules-per-line=0.5")


def _build(root: pathlib.Path) -> list[pathlib.Path]:
    package = root / "near"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    for n in range(MODULES):
        (package / f"m{n:02d}.py").write_text(
            f"class Root{n}(Exception):\n    pass\n\n\nclass Leaf(Root{n}):\n    pass\n"
        )
    (package / "drivers.py").write_text("def pick():\n    return 3\n\n\nNAME = pick()\n")
    users = []
    for number, order in enumerate(
        (range(MODULES), reversed(range(MODULES)), [*range(1, MODULES, 2), *range(0, MODULES, 2)])
    ):
        lines = [f"from near import m{n:02d}\n" for n in range(MODULES)]
        lines += ["\n\ndef act(n):\n"]
        for n in order:
            lines.append(f"    if n == {n}:\n        raise m{n:02d}.Leaf\n")
        user = package / f"user{number}.py"
        user.write_text("".join(lines))
        users.append(user)
    # Long enough (40 lines at 0.5) for a share of astroid that answers.
    loader = package / "loader.py"
    loader.write_text(
        '"""Load the driver."""\n' + "# -\n" * 32 + "import importlib\n\n"
        "from near import drivers\n\n\n"
        "def load():\n    return importlib.import_module(drivers.NAME)\n"
    )
    return [*users, loader]


def _findings(run: lintrun.Flake8Run, display: str | None = None) -> set[tuple[str, int, str]]:
    run.assert_clean()
    return {(display or path, line, code) for path, line, code in run.reports}


def test_findings_do_not_depend_on_how_flake8_is_run(tmp_path):
    users = _build(tmp_path)
    names = [str(user.relative_to(tmp_path)) for user in users]
    one_job = _findings(lintrun.flake8(names, *OPTIONS, cwd=tmp_path))
    two_jobs = _findings(lintrun.flake8(names, *OPTIONS, "--jobs=2", cwd=tmp_path))
    reversed_order = _findings(lintrun.flake8(names[::-1], *OPTIONS, cwd=tmp_path))
    by_stdin: set[tuple[str, int, str]] = set()
    for user, name in zip(users, names):
        run = lintrun.flake8(
            ["-"], *OPTIONS, "--stdin-display-name", name, cwd=tmp_path,
            stdin=user.read_bytes(),
        )
        by_stdin |= _findings(run, name)
    alone: set[tuple[str, int, str]] = set()
    for name in names:
        alone |= _findings(lintrun.flake8([name], *OPTIONS, cwd=tmp_path))
    assert two_jobs == one_job
    assert reversed_order == one_job
    assert by_stdin == one_job
    assert alone == one_job
    # Near the caps: some questions answered, others left silent, and
    # astroid's answer among the findings.
    per_file = {
        name: {line for path, line, code in one_job if path == name} for name in names[:-1]
    }
    assert all(0 < len(lines) < MODULES for lines in per_file.values()), per_file
    assert {code for path, _, code in one_job if path == names[-1]} == {"SRB301"}
