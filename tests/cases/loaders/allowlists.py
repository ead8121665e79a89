"""Each allowlist form, and the near misses that do not hold on every path."""

import logging

from oslo_config import cfg
from oslo_utils import importutils
from stevedore import driver

CONF = cfg.CONF
LOG = logging.getLogger(__name__)
ALLOWED = frozenset({"local", "remote"})
ALIASES = {"local": "acme.drivers.local", "remote": "acme.drivers.remote"}
NESTED = {"block": {"iscsi": "acme.block.Iscsi"}, "file": {"nfs": "acme.file.Nfs"}}


def raise_when_not_allowed(name):
    if name not in ALLOWED:
        raise ValueError(name)
    return driver.DriverManager("acme.drivers", name)  # ok: SRB302


def return_when_not_allowed(name):
    if not name in ALLOWED or name.startswith("_"):
        return None
    return driver.DriverManager("acme.drivers", name)  # ok: SRB302


def enclosing_membership(name):
    if name in ALLOWED and name:
        return driver.DriverManager("acme.drivers", name)  # ok: SRB302
    return driver.DriverManager("acme.drivers", name)  # expect: SRB302


def else_branch(name):
    if name not in ALLOWED:
        LOG.warning("unknown driver %s", name)
    else:
        driver.DriverManager("acme.drivers", name)  # ok: SRB302


def asserted(name):
    assert name in ALLOWED, name
    return driver.DriverManager("acme.drivers", name)  # ok: SRB302


def mapped(name):
    name = ALIASES[name]
    return importutils.import_class(name)  # ok: SRB301


def mapped_with_get(name):
    path = ALIASES.get(name)
    if path is None:
        raise ValueError(name)
    return importutils.import_class(path)  # ok: SRB301


def mapped_inline(name):
    return importutils.import_class(ALIASES.get(name, "acme.drivers.local"))  # ok: SRB301


def nested_mapping(family, protocol):
    table = NESTED.get(family)
    if table is None:
        raise ValueError(family)
    return importutils.import_object(table.get(protocol))  # ok: SRB301


def operator_enabled_list(name):
    if name not in CONF.drivers.enabled_backends:
        raise ValueError(name)
    return driver.DriverManager("acme.drivers", name)  # ok: SRB302


def derived_after_check(name):
    if name not in ALLOWED:
        raise ValueError(name)
    path = "acme.drivers.%s" % name
    return importutils.import_class(path)  # ok: SRB301


def replaced_by_default(name):
    if name not in ALLOWED:
        name = "local"
    return driver.DriverManager("acme.drivers", name)  # ok: SRB302


def in_loop(names):
    for name in names:
        if name not in ALLOWED:
            continue
        driver.DriverManager("acme.drivers", name)  # ok: SRB302


def comprehension(names):
    return [driver.DriverManager("acme", n) for n in names if n in ALLOWED]  # ok: SRB302


def conditional_expression(name):
    return importutils.import_class(name) if name in ALLOWED else None  # ok: SRB301


def checked_attribute():
    if CONF.acme.driver not in ALLOWED:
        raise ValueError(CONF.acme.driver)
    return driver.DriverManager("acme.drivers", CONF.acme.driver)  # ok: SRB302


# The near misses: each lets some name through unchecked.

def guard_on_wrong_variable(name, other):
    if other not in ALLOWED:
        raise ValueError(other)
    return driver.DriverManager("acme.drivers", name)  # expect: SRB302


def guard_after_call(name):
    manager = driver.DriverManager("acme.drivers", name)  # expect: SRB302
    if name not in ALLOWED:
        raise ValueError(name)
    return manager


def guard_only_logs(name):
    if name not in ALLOWED:
        LOG.error("unknown driver %s", name)
    return driver.DriverManager("acme.drivers", name)  # expect: SRB302


def guard_on_one_branch(name, strict):
    if strict:
        if name not in ALLOWED:
            raise ValueError(name)
    return driver.DriverManager("acme.drivers", name)  # expect: SRB302


def mapped_on_one_branch(name):
    if name in ALIASES:
        name = ALIASES[name]
    return importutils.import_class(name)  # expect: SRB301


def constant_prefix_only():
    return importutils.import_object("acme.virt.%s" % CONF.compute_driver)  # expect: SRB301


def rebound_after_check(name, request):
    if name not in ALLOWED:
        raise ValueError(name)
    name = request.driver
    return driver.DriverManager("acme.drivers", name)  # expect: SRB302


def membership_in_itself(name):
    if name not in [name]:
        raise ValueError(name)
    return driver.DriverManager("acme.drivers", name)  # expect: SRB302


def replaced_by_computed(name, request):
    if name not in ALLOWED:
        name = request.fallback
    return driver.DriverManager("acme.drivers", name)  # expect: SRB302


def either_membership(name, other):
    if name in ALLOWED or other:
        return driver.DriverManager("acme.drivers", name)  # expect: SRB302
    return None
