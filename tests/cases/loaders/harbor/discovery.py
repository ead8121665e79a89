"""Helpers that list a directory their callers hand over."""

import os
import re
import sys

from oslo_utils import importutils


def load_shipped_addons(paths, package):
    # every caller passes its own __path__ and __package__
    top = paths[0]
    for dirpath, _dirs, files in os.walk(top):
        relative = os.path.relpath(dirpath, top)
        prefix = "" if relative == "." else "." + ".".join(relative.split(os.sep))
        for filename in files:
            stem, ext = os.path.splitext(filename)
            if ext == ".py":
                importutils.import_module("%s%s.%s" % (package, prefix, stem))  # ok: SRB301


def load_addons_from(directory):
    # one caller hands over a configured directory
    for filename in os.listdir(directory):
        importutils.import_module("harbor.addons." + filename[:-3])  # expect: SRB301


SEPARATORS = re.compile(r"[\\/]")


def import_tree(topdir):
    # its callers in other modules pass a directory built from their own __file__
    topdir = SEPARATORS.sub("/", topdir)
    for root, _dirs, files in os.walk(topdir):
        base = SEPARATORS.sub(".", root)
        for filename in files:
            if filename.endswith(".py"):
                importutils.import_module(base + "." + filename[:-3])  # ok: SRB301


def load_source_tree(start):
    # its caller names a directory of harbor's own source tree
    for root, _dirs, files in os.walk(start):
        for filename in files:
            path = os.path.join(root, filename)
            __import__(path.replace("/", ".")[:-3])  # ok: SRB301


def load_vendor_tree(start):
    for root, _dirs, files in os.walk(start):
        for filename in files:
            __import__(os.path.join(root, filename).replace("/", ".")[:-3])  # expect: SRB301


class Registry:
    """Finds its subclasses' modules in the subclass's own package."""

    def __init__(self):
        own = sys.modules[self.__class__.__module__]
        self.root = os.path.abspath(own.__path__[0])
        self.package = own.__package__

    def load_all(self):
        for name in sorted(os.listdir(self.root)):
            if name.endswith(".py"):
                importutils.import_module(self.package + "." + name[:-3])  # ok: SRB301


class Service:
    def __init__(self, host, manager):
        self.manager = importutils.import_class(manager)  # ok: SRB301

    @classmethod
    def create(cls, host, binary, manager=None):
        if not manager:
            manager = MANAGERS.get(binary)
        return cls(host, manager)


class ConfiguredService:
    def __init__(self, host, manager):
        self.manager = importutils.import_class(manager)  # expect: SRB301

    @classmethod
    def create(cls, host, topic, manager=None):
        if not manager:
            manager = "harbor.%s.Manager" % topic
        return cls(host, manager)


MANAGERS = {"harbor-volume": "harbor.volume.Manager"}
