"""A loop over a constant table gives constant names, fields included."""

import collections
import importlib
import typing

from oslo_config import cfg
from oslo_utils import importutils
from stevedore import driver

CONF = cfg.CONF
Backend = collections.namedtuple("Backend", ["alias", "path"])
BACKENDS = (Backend("disk", "acme.store.Disk"), Backend("tape", "acme.store.Tape"))
PAIRS = [("disk", "acme.store.disk"), ("tape", "acme.store.tape")]
ROWS = ({"cls": "acme.store.Disk", "ns": "acme.store"}, {"cls": "acme.store.Tape", "ns": "acme.x"})


class Hook(typing.NamedTuple):
    namespace: str
    name: str


HOOKS = [Hook("acme.hooks", "audit"), Hook("acme.hooks", "quota")]
CONFIGURED = [CONF.store.primary, CONF.store.secondary]
MIXED = (Backend("disk", "acme.store.Disk"), Backend("other", CONF.store.other))


def fields_of_namedtuples():
    for backend in BACKENDS:
        importutils.import_class(backend.path)  # ok: SRB301


def unpacked_pairs():
    for _alias, path in PAIRS:
        importlib.import_module(path)  # ok: SRB301


def keys_of_dicts():
    for row in ROWS:
        importutils.import_class(row["cls"])  # ok: SRB301


def typed_records():
    for hook in HOOKS:
        driver.DriverManager(hook.namespace, hook.name)  # ok: SRB302


def inline_table():
    for ns, name in (("acme.a", "one"), ("acme.b", "two")):
        driver.DriverManager(ns, name)  # ok: SRB302


def a_list_built_from_configuration():
    for path in CONFIGURED:
        importutils.import_class(path)  # expect: SRB301


def a_record_with_one_configured_field():
    for backend in MIXED:
        importutils.import_class(backend.path)  # expect: SRB301


def fields_of_a_parameter(backends):
    for backend in backends:
        importutils.import_class(backend.path)  # expect: SRB301
