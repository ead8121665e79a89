"""Helper functions, loaded classes and compound guards seen in older Nova."""

from oslo_utils import importutils
from stevedore import driver, extension

CELL_TYPE_TO_CLASS = {"api": "acme.compute.cells_api.API", None: "acme.compute.api.API"}
ALLOWED_MODULES = ("acme.exception", "acme.errors")


def _class_name(cell_type):
    return CELL_TYPE_TO_CLASS[cell_type]


def _passthrough(name):
    return name


def api():
    return importutils.import_object(_class_name(None))  # ok: SRB301


def host_api():
    api_class = importutils.import_class(_class_name("api"))  # ok: SRB301
    return importutils.import_object(api_class.__module__ + ".HostAPI")  # ok: SRB301


def unchecked_helper(name):
    return importutils.import_object(_passthrough(name))  # expect: SRB301


def every_installed_plugin():
    plugins = extension.ExtensionManager("acme.download")
    for name in plugins.names():
        driver.DriverManager("acme.download", name=name)  # ok: SRB302


def remote_error(failure):
    module = failure.get("module")
    if module != "exceptions" and module not in ALLOWED_MODULES:
        return None
    return importutils.import_module(module)  # ok: SRB301


def remote_error_unchecked(failure, strict):
    module = failure.get("module")
    if module != "exceptions" and strict:
        return None
    return importutils.import_module(module)  # expect: SRB301


def single_allowed_name(name):
    if name == "fake":
        return driver.DriverManager("acme.drivers", name)  # ok: SRB302
    return None


class Loader:
    def _driver_name(self):
        return CELL_TYPE_TO_CLASS.get("api")

    def load(self):
        return importutils.import_class(self._driver_name())  # ok: SRB301
