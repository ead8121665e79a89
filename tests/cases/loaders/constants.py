"""Names built from constants only stay silent; computed ones do not."""

import importlib

from oslo_utils import importutils
from stevedore import driver

PACKAGE = "acme.drivers"
DEFAULT_DRIVER = PACKAGE + ".local"
DRIVERS = {"local": "acme.drivers.local", "remote": "acme.drivers.remote"}
BUILTIN_DRIVERS = ("acme.drivers.local", "acme.drivers.remote")
SUFFIX = "driver"
LONG_NAME = "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a"


def literals():
    importlib.import_module("acme.drivers.local")  # ok: SRB301
    importlib.import_module(DEFAULT_DRIVER)  # ok: SRB301
    importlib.import_module(PACKAGE + "." + SUFFIX)  # ok: SRB301
    importlib.import_module(f"{PACKAGE}.{SUFFIX}")  # ok: SRB301
    importlib.import_module("%s.%s" % (PACKAGE, SUFFIX))  # ok: SRB301
    importlib.import_module("{}.local".format(PACKAGE))  # ok: SRB301
    importlib.import_module(".".join([PACKAGE, SUFFIX]))  # ok: SRB301
    importlib.import_module(DRIVERS["local"])  # ok: SRB301
    importlib.import_module(__name__ + ".helpers")  # ok: SRB301
    importlib.import_module(LONG_NAME)  # ok: SRB301
    importlib.import_module("a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a" + "a")  # ok: SRB301
    driver.DriverManager(PACKAGE, SUFFIX.upper())  # ok: SRB302


def loops():
    for name in BUILTIN_DRIVERS:
        importutils.import_class(name)  # ok: SRB301
    for key, path in DRIVERS.items():
        importutils.import_class(path)  # ok: SRB301
    for path in DRIVERS.values():
        importutils.import_class(path)  # ok: SRB301
    for name in ("one", "two"):
        driver.DriverManager(PACKAGE, name)  # ok: SRB302
    return [importlib.import_module(n) for n in BUILTIN_DRIVERS]  # ok: SRB301


def local_variables(flag):
    name = "acme.drivers.local"
    if flag:
        name = PACKAGE + ".remote"
    name += "_v2"
    importlib.import_module(name)  # ok: SRB301


def computed(suffix, options):
    importlib.import_module(PACKAGE + "." + suffix)  # expect: SRB301
    importlib.import_module(f"{PACKAGE}.{suffix}")  # expect: SRB301
    importlib.import_module(options.driver)  # expect: SRB301
    for name in options.drivers:
        driver.DriverManager(PACKAGE, name)  # expect: SRB302


def one_computed_assignment(flag, suffix):
    name = "acme.drivers.local"
    if flag:
        name = PACKAGE + suffix
    importlib.import_module(name)  # expect: SRB301


def augmented_with_computed(suffix):
    name = PACKAGE
    name += suffix
    importlib.import_module(name)  # expect: SRB301


def killed_assignment(options):
    name = options.driver
    name = DEFAULT_DRIVER
    importlib.import_module(name)  # ok: SRB301


def default_constant(name=DEFAULT_DRIVER):
    importlib.import_module(name)  # ok: SRB301


def parameter_without_default(name):
    importlib.import_module(name)  # expect: SRB301
