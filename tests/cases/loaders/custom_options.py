# options: --srb-loader-functions=acme.plugins.load_plugin,acme.plugins.load_from:1:path
# options: --srb-extend-entry-point-managers=acme.plugins.PluginManager
# options: --srb-validator-functions=acme.checks.ensure_allowed
"""Loaders, managers and validators the user adds by option."""

from acme import checks
from acme import plugins
from acme.checks import ensure_allowed
from stevedore import driver


def loaders(name, base):
    plugins.load_plugin(name)  # expect: SRB301
    plugins.load_from(base, name)  # expect: SRB301
    plugins.load_from(name, "fixed.path")  # ok: SRB301
    plugins.load_from(base, path=name)  # expect: SRB301
    plugins.load_plugin("fixed.path")  # ok: SRB301


def managers(name):
    plugins.PluginManager("acme.plugins", name)  # expect: SRB302
    plugins.PluginManager("acme.plugins", names=[name])  # expect: SRB302
    driver.DriverManager("acme.plugins", name)  # expect: SRB302


def validated(name):
    checks.ensure_allowed(name)
    plugins.load_plugin(name)  # ok: SRB301


def validated_by_alias(name):
    ensure_allowed(name, strict=True)
    return driver.DriverManager("acme.plugins", name)  # ok: SRB302


def validated_in_test(name):
    if not ensure_allowed(name):
        raise ValueError(name)
    return driver.DriverManager("acme.plugins", name)  # ok: SRB302


def validated_value(name):
    name = checks.ensure_allowed(name)
    return driver.DriverManager("acme.plugins", name)  # ok: SRB302


def validator_after_load(name):
    manager = driver.DriverManager("acme.plugins", name)  # expect: SRB302
    ensure_allowed(name)
    return manager


def other_function(name):
    checks.describe(name)
    return driver.DriverManager("acme.plugins", name)  # expect: SRB302
