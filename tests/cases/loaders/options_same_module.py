"""oslo.config options declared in the linted module itself."""

from oslo_config import cfg
from oslo_utils import importutils
from stevedore import driver

CONF = cfg.CONF

backend_group = cfg.OptGroup(name="backend", title="Backend options")
backend_opts = [
    cfg.StrOpt("driver", default="local", choices=["local", "remote"]),
    cfg.StrOpt("helper", default="acme.helpers.Local"),
    cfg.ListOpt(
        "hooks",
        item_type=cfg.types.String(choices=["audit", "quota"]),
        default=[],
    ),
]
CONF.register_opts(backend_opts, group=backend_group)
CONF.register_opts([cfg.StrOpt("flavor", choices=("small", "large"))])


def read_directly():
    return driver.DriverManager("acme.drivers", CONF.backend.driver)  # ok: SRB302


def read_through_local():
    name = CONF.backend.driver
    return driver.DriverManager("acme.drivers", name)  # ok: SRB302


def read_through_fallback(name=None):
    if not name:
        name = CONF.backend.driver
    return driver.DriverManager("acme.drivers", name)  # ok: SRB302


def read_through_or(name=None):
    name = name or CONF.backend.driver
    return driver.DriverManager("acme.drivers", name)  # ok: SRB302


def read_through_default(name=CONF.flavor):
    return driver.DriverManager("acme.flavors", name)  # ok: SRB302


def list_items_with_choices():
    for hook in CONF.backend.hooks:
        driver.DriverManager("acme.hooks", hook)  # ok: SRB302


def read_without_choices():
    return importutils.import_object(CONF.backend.helper)  # expect: SRB301


def fallback_without_choices(helper=None):
    if helper is None:
        helper = CONF.backend.helper
    return importutils.import_object(helper)  # expect: SRB301


def unknown_option():
    return importutils.import_object(CONF.backend.elsewhere)  # expect: SRB301


def wrong_group():
    return driver.DriverManager("acme.drivers", CONF.other.driver)  # expect: SRB302


def read_by_subscript_of_the_group():
    return driver.DriverManager("acme.drivers", CONF["backend"].driver)  # ok: SRB302


def read_by_subscript_of_the_option():
    return driver.DriverManager("acme.drivers", CONF.backend["driver"])  # ok: SRB302


def read_unchecked_by_subscript():
    importutils.import_class(CONF["backend"].helper)  # expect: SRB301
    importutils.import_class(CONF.backend["helper"])  # expect: SRB301
