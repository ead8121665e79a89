"""The exact text and column of one report per code, as flake8 prints them.

Case files pin the line and code of every report; this table pins the rest
of what a user reads: the column flake8 shows, and the whole message with
its fields filled in.  One flake8 run over a few small files.
"""

from __future__ import annotations

import ast

import lintrun
import pytest
from flake8_sched_robustness import codes

SOURCES = {
    # in a package, as real code is: SRB201 asks which classes it serves over RPC
    "svc/__init__.py": "",
    "raising.py": """\
class QuotaError(Exception):
    pass


def check(used, limit):
    if used is None:
        raise QuotaError
    if used < 0:
        raise ValueError("  ")
    if used > limit:
        raise Exception("quota of %d exceeded" % limit)


class HostBusy(Exception):
    msg_fmt = "Host %(host)s is busy with %(task)s."


def reserve(host):
    raise HostBusy()
""",
    "svc/endpoint.py": """\
import oslo_messaging as messaging

from nova import context as nova_context


class SchedulerManager:
    target = messaging.Target(version="4.5")

    def update_aggregates(self, ctxt, aggregates):
        self.driver.update(aggregates)

    def reset(self, context, host):
        context = nova_context.get_admin_context()
        self.driver.reset(context, host)

    def _sync(self, ctxt, host):
        self.driver.sync(host)
""",
    "loading.py": """\
import importlib

from oslo_config import cfg
from stevedore import driver

CONF = cfg.CONF


def load_weigher(name):
    return importlib.import_module(name)


def load_backend():
    return driver.DriverManager(
        "nova.backends",
        CONF.backend.name,
    )
""",
    # The fields that vary: a keyword argument, an option declared without
    # choices= (named with its place), a list of names, a method of a plain class.
    "variants.py": """\
from oslo_config import cfg
from oslo_utils import importutils
from stevedore import named

CONF = cfg.CONF
CONF.register_opts([cfg.StrOpt('weigher'), cfg.ListOpt('filters')], group='scheduler')


class NotFound(Exception):
    def __init__(self, message=None, reason=None):
        super().__init__(message or reason)


def fail():
    raise NotFound(reason="")


def load():
    weigher = importutils.import_class(CONF.scheduler.weigher)
    filters = named.NamedExtensionManager("nova.filters", CONF.scheduler.filters)
    return weigher, filters


class Api:
    def create(self, request_context, values):
        request_context = None
        return self.db.create(request_context, values)
""",
}

# Columns are flake8's (1-based): the raise statement, the context
# parameter, the loader's name argument (on its own line when the call
# spans lines).
EXPECTED = [
    "svc/endpoint.py:9:33: SRB201 RPC endpoint SchedulerManager.update_aggregates() never "
    "reads its context parameter 'ctxt'; pass it on to the work done for the caller",
    "svc/endpoint.py:12:21: SRB202 context parameter 'context' of SchedulerManager.reset() "
    "is replaced by nova_context.get_admin_context(); pass the caller's context on, or "
    "context.elevated() where admin rights are needed",
    "svc/endpoint.py:16:21: SRB901 context parameter 'ctxt' of SchedulerManager._sync() is "
    "never read; pass it on, or rename it '_ctxt' if unused on purpose",
    "loading.py:10:36: SRB301 import_module() imports code named by 'name' passed in "
    "by the caller without an allowlist; check it against the allowed names first",
    "loading.py:16:9: SRB302 driver name 'CONF.backend.name' chosen from configuration "
    "is loaded by DriverManager() without an allowlist; check it against the allowed "
    "names or declare the option with choices=",
    "raising.py:7:9: SRB101 QuotaError raised without a message; say what failed and why",
    'raising.py:9:9: SRB102 ValueError raised with an empty message "  "; say why it failed',
    "raising.py:11:9: SRB103 generic Exception raised; raise a specific exception class "
    "that callers can catch",
    "raising.py:19:5: SRB104 HostBusy raised without host=, task=, which its message "
    "needs; the operator sees the raw template; pass host=..., task=... or give a message",
    'variants.py:15:5: SRB102 NotFound raised with an empty reason=""; say why it failed',
    "variants.py:19:40: SRB301 import_class() imports code named by "
    "'CONF.scheduler.weigher' chosen from configuration ([scheduler]weigher, declared in "
    "variants.py:6 without choices=) without an allowlist; check it against the allowed "
    "names or declare the option with choices=",
    "variants.py:20:59: SRB302 driver name 'CONF.scheduler.filters' chosen from "
    "configuration ([scheduler]filters, declared in variants.py:6 without choices=) is "
    "loaded by NamedExtensionManager() without an allowlist; check it against the allowed "
    "names or declare the option with choices=",
    "variants.py:25:22: SRB202 context parameter 'request_context' of Api.create() is "
    "replaced by None; pass the caller's context on, or request_context.elevated() "
    "where admin rights are needed",
]


def test_the_table_has_a_report_for_every_code():
    assert {line.split()[1] for line in EXPECTED} == set(codes.CODES)


def test_each_code_prints_its_exact_message_and_column(tmp_path):
    for name, source in SOURCES.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(source)
    run = lintrun.flake8(sorted(SOURCES), "--select=SRB", cwd=tmp_path)
    run.assert_clean()
    assert sorted(run.stdout.splitlines()) == sorted(EXPECTED)


@pytest.mark.parametrize(("source", "spelled"), [
    ('""', '""'),
    ("'  '", '"  "'),
    ("_('')", "_('')"),
    ("CONF.scheduler.driver", "CONF.scheduler.driver"),
    ("'nova.' + " + " + ".join(["CONF.part"] * 10), "'nova.' + CONF.part + CONF.part + CON..."),
])
def test_an_expression_is_spelled_as_written_and_cut_short(source, spelled):
    assert codes.spell(ast.parse(source, mode="eval").body) == spelled
    assert len(spelled) <= codes.MAX_SPELLED


def test_an_expression_too_deep_to_unparse_is_spelled_as_an_ellipsis():
    deep = ast.parse(" + ".join(["a"] * 900), mode="eval").body
    assert codes.spell(deep) == codes.ELLIPSIS
