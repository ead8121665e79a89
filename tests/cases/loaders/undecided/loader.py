"""Left undecided for want of inference: silence, not a report.

A file this small does not start astroid (--srb-astroid-budget-per-line), so
whether registry.DRIVERS is a constant mapping cannot be told here.
"""
import importlib

from undecided import registry, settings


def load(name):
    return importlib.import_module(registry.DRIVERS[name])  # ok: SRB301


def load_computed(name):
    return importlib.import_module("undecided.drivers." + name)  # expect: SRB301


def load_checked(name):
    if name not in ("fast", "slow"):
        name = "fast"
    name = registry.DRIVERS.get(name)
    return importlib.import_module(name)  # ok: SRB301


def load_configured():
    # settings.OPTS is an instance of a class of that module: no constant,
    # which the module's source settles without astroid.
    return importlib.import_module(settings.OPTS.get("driver"))  # expect: SRB301
