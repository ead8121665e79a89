"""Entry-point managers and selections that choose a plugin by name."""

import importlib.metadata
from importlib import metadata
from importlib.metadata import entry_points

import pkg_resources
import stevedore
from stevedore import driver, enabled, extension, named


def managers(name, names, check):
    driver.DriverManager("acme.drivers", name)  # expect: SRB302
    stevedore.DriverManager(namespace="acme.drivers", name=name)  # expect: SRB302
    named.NamedExtensionManager("acme.hooks", names)  # expect: SRB302
    stevedore.NamedExtensionManager("acme.hooks", names=[name])  # expect: SRB302
    extension.ExtensionManager("acme.hooks")  # ok: SRB302
    stevedore.ExtensionManager(namespace=name)  # ok: SRB302
    enabled.EnabledExtensionManager("acme.hooks", check_func=check)  # ok: SRB302
    named.NamedExtensionManager("acme.hooks", ["one", "two"])  # ok: SRB302
    named.NamedExtensionManager("acme.hooks", names=("one",))  # ok: SRB302
    driver.DriverManager("acme.drivers", "fixed")  # ok: SRB302


def entry_point_lookups(dist, name):
    pkg_resources.load_entry_point(dist, "acme.drivers", name)  # expect: SRB302
    pkg_resources.load_entry_point(dist, "acme.drivers", name="fixed")  # ok: SRB302
    pkg_resources.load_entry_point(dist=dist, group="acme.drivers", name=name)  # expect: SRB302
    entry_points(group="acme.drivers", name=name)  # expect: SRB302
    importlib.metadata.entry_points(group="acme.drivers")  # ok: SRB302
    metadata.entry_points().select(group="acme.drivers", name=name)  # expect: SRB302
    found = entry_points()
    found.select(name=name)  # expect: SRB302
    found.select(name="fixed")  # ok: SRB302
    metadata.distribution(dist).entry_points.select(name=name)  # expect: SRB302


class Unrelated:
    def select(self, name):
        return name

    def use(self, name):
        return self.select(name=name)  # ok: SRB302
