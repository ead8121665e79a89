"""Loaders reached through names the project re-exports them under."""
from harbor import utils
from harbor.utils import Loader
import harbor.conf

CONF = harbor.conf.CONF


def filters(name):
    return Loader("harbor.scheduler.filters", name)  # expect: SRB302


def weigher():
    return utils.make_object(CONF.scheduler.weigher)  # expect: SRB301


def allowed(name):
    if name not in ("fast", "slow"):
        raise ValueError("unknown weigher %s" % name)
    return utils.make_object(name)  # ok: SRB301


def lookalike():
    return utils.load_class(CONF.scheduler.weigher)  # ok: SRB301
