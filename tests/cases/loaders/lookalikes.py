"""Local functions, parameters and methods that only share a loader's name."""

from oslo_utils import importutils


def import_module(name):
    return name.upper()


def uses_local_function(name):
    return import_module(name)  # ok: SRB301


def uses_parameter(importutils, name):
    return importutils.import_class(name)  # ok: SRB301


class Registry:
    def import_class(self, name):
        return name

    def lookup(self, name):
        return self.import_class(name)  # ok: SRB301


def lazy_import(name):
    from importlib import import_module as load

    return load(name)  # expect: SRB301


def plain_call(name):
    result = importutils.import_class(name)  # expect: SRB301
    return result
