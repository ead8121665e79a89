"""Generated Python never crashes the plugin (hypothesis + hypothesmith).

For every generated module, run() finishes, raises nothing, never trips the
last-resort guard, and reports only codes of the table on lines inside the
file.  The default run is small; ``pytest -m nightly`` runs many more
(``SRB_FUZZ_EXAMPLES``, default 2000 per test).
"""

from __future__ import annotations

import ast
import dataclasses
import os
import pathlib
import tempfile

import hypothesis
import hypothesmith
import pytest
from hypothesis import strategies as st

import lintrun
from flake8_sched_robustness import settings

# Generated code is often odd enough for the compiler to warn about it.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

# A little inference, so that generated imports reach the astroid door.
CONFIG = dataclasses.replace(settings.DEFAULTS, inference_budget=0.5)
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
FILENAME = str(_WORKDIR / "fuzzpkg" / "generated.py")


def _check(source: str) -> None:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        hypothesis.reject()
    found = lintrun.run_plugin(tree, FILENAME, CONFIG)
    lintrun.assert_sane(found, source)


def _with_raises(source: str, extra: list[str]) -> str:
    return "".join(extra) + source + "".join(extra)


@QUICK
@hypothesis.given(hypothesmith.from_grammar())
def test_grammar_generated_modules(source):
    _check(source)


@QUICK
@hypothesis.given(hypothesmith.from_node(), st.lists(RAISES, max_size=4))
def test_node_generated_modules(source, extra):
    _check(_with_raises(source, extra))


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
