"""Names listed from the package's own directory can only name shipped modules."""

import fnmatch
import glob
import importlib
import os
import pathlib
import pkgutil
import re

from oslo_config import cfg
from oslo_utils import importutils

CONF = cfg.CONF
HERE = os.path.dirname(os.path.abspath(__file__))
SEPARATORS = re.compile(r"[/\\]")


def from_listdir():
    for filename in sorted(os.listdir(os.path.dirname(__file__))):
        stem, _ = os.path.splitext(filename)
        importlib.import_module("%s.%s" % (__name__, stem))  # ok: SRB301


def from_iter_modules():
    extras = [os.path.join(os.path.dirname(__file__), "extras")]
    for _, modname, _ in pkgutil.iter_modules(extras):
        importlib.import_module(f"{__name__}.extras.{modname}")  # ok: SRB301


def from_walk_packages():
    for info in pkgutil.walk_packages(__path__, __name__ + "."):
        importlib.import_module(info.name)  # ok: SRB301


def from_walk():
    for _root, _dirs, files in os.walk(HERE):
        for filename in files:
            module = filename.rsplit(".", 1)[0]
            importutils.import_module("acme.plugins." + module)  # ok: SRB301


def from_glob():
    for path in glob.glob(os.path.join(HERE, "*.py")):
        importlib.import_module(os.path.basename(path)[:-3])  # ok: SRB301


def from_pathlib():
    for path in pathlib.Path(__file__).parent.glob("*.py"):
        importlib.import_module(path.stem)  # ok: SRB301


def from_comprehension():
    names = [name[:-3] for name in os.listdir(HERE) if name.endswith(".py")]
    for name in names:
        importlib.import_module(name)  # ok: SRB301


def from_walk_with_a_pattern():
    for root, _dirs, files in os.walk(HERE):
        base = SEPARATORS.sub(".", os.path.relpath(root, HERE))
        for filename in fnmatch.filter(files, "*.py"):
            importlib.import_module(__name__ + base + "." + filename[:-3])  # ok: SRB301


def from_a_configured_directory():
    for filename in os.listdir(CONF.plugin_dir):
        importlib.import_module(filename[:-3])  # expect: SRB301


def from_an_absolute_directory():
    for filename in os.listdir("/usr/share/acme/plugins"):
        importlib.import_module(filename[:-3])  # expect: SRB301


def from_an_absolute_directory_joined_to_the_package():
    for filename in os.listdir(os.path.join(HERE, "/usr/share/acme")):
        importlib.import_module(filename[:-3])  # expect: SRB301


def from_a_parameter(directory):
    for filename in os.listdir(directory):
        importlib.import_module(filename[:-3])  # expect: SRB301


def from_the_search_path():
    for _, modname, _ in pkgutil.iter_modules():
        importlib.import_module(modname)  # expect: SRB301
