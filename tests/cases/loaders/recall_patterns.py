# options: --srb-validator-functions=recall_patterns.RpcClient.is_known_class
"""Shapes found in real services: local aliases, subclassed managers, built lists."""

import oslo_utils.importutils
from oslo_config import cfg
from stevedore import named

CONF = cfg.CONF
KNOWN_HOOKS = ("audit", "quota")


def local_module_alias():
    importutils = oslo_utils.importutils
    class_name = CONF.volume_api_class
    return importutils.import_class(class_name)  # expect: SRB301


class MechanismManager(named.NamedExtensionManager):
    def __init__(self):
        super().__init__(
            "acme.mechanisms",
            CONF.ml2.mechanism_drivers,  # expect: SRB302
            invoke_on_load=True,
        )


class TypeManager(named.NamedExtensionManager):
    def __init__(self):
        super(TypeManager, self).__init__("acme.types", ["flat", "vlan"])  # ok: SRB302


class ExplicitBase(named.NamedExtensionManager):
    def __init__(self, names):
        named.NamedExtensionManager.__init__(self, "acme.hooks", names)  # expect: SRB302


class NotAManager:
    def __init__(self, names):
        super().__init__("acme.hooks", names)  # ok: SRB302


def list_built_by_append():
    enabled = []
    for name in CONF.hooks.enabled:
        enabled.append(name)
    return named.NamedExtensionManager("acme.hooks", enabled)  # expect: SRB302


def list_built_from_constants():
    enabled = []
    for name in KNOWN_HOOKS:
        enabled.append(name)
    enabled.extend(["extra"])
    return named.NamedExtensionManager("acme.hooks", enabled)  # ok: SRB302


class Registry:
    def __init__(self):
        self.names = []

    def enable(self, name):
        self.names.append(name)

    def load(self):
        return named.NamedExtensionManager("acme.hooks", self.names)  # expect: SRB302


class RpcClient:
    def __init__(self, namespaces):
        self.namespaces = namespaces

    def is_known_class(self, class_name):
        return any(class_name.startswith(ns) for ns in self.namespaces)

    def handle_error(self, error):
        class_name = error["class"]
        if not self.is_known_class(class_name):
            raise RuntimeError("unexpected error class")
        raise oslo_utils.importutils.import_object(class_name)  # ok: SRB301

    def handle_unchecked(self, error):
        raise oslo_utils.importutils.import_object(error["class"])  # expect: SRB301
