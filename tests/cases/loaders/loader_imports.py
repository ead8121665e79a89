"""Every loader, reached through each import form and alias."""

import importlib
import importlib as il
import pkgutil
import pydoc
import runpy
from importlib import import_module as im

import oslo_utils.importutils
from oslo_utils import importutils
from oslo_utils.importutils import import_class as load_class


def load_all(name, version, namespace):
    importlib.import_module(name)  # expect: SRB301
    il.import_module(name)  # expect: SRB301
    im(name)  # expect: SRB301
    importlib.import_module(name="x." + name)  # expect: SRB301
    __import__(name)  # expect: SRB301
    importutils.import_class(name)  # expect: SRB301
    importutils.import_object(name, 1, 2)  # expect: SRB301
    importutils.import_object_ns(namespace, name)  # expect: SRB301
    importutils.import_object_ns(name, "fixed.path")  # ok: SRB301
    importutils.import_module(import_str=name)  # expect: SRB301
    importutils.try_import(name, default=None)  # expect: SRB301
    importutils.import_versioned_module(name, version)  # expect: SRB301
    oslo_utils.importutils.import_class(name)  # expect: SRB301
    load_class(name)  # expect: SRB301
    pkgutil.resolve_name(name)  # expect: SRB301
    pydoc.locate(name)  # expect: SRB301
    runpy.run_module(name)  # expect: SRB301
    runpy.run_path(path_name=name)  # expect: SRB301


def spans_lines(name):
    return importutils.import_object(
        name,  # expect: SRB301
        "an argument",
    )


def no_name_argument(args):
    importlib.import_module(*args)  # ok: SRB301
    importutils.import_object_ns("ns")  # ok: SRB301
