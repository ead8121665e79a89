"""Services whose worker class comes from a classmethod factory.

Callers reach ``create`` and ``start`` through the class, so only modules
that import this one can call them: a module that calls ``create`` on some
other object (noise.py) is not among their callers.
"""

from oslo_config import cfg
from oslo_utils import importutils

CONF = cfg.CONF


class Service(object):
    def __init__(self, topic, worker):
        self.worker_path = worker
        # Every caller of create passes a worker, so the fallback below
        # never runs: the load is as constant as those literals.
        self.worker = importutils.import_class(self.worker_path)  # ok: SRB301

    @classmethod
    def create(cls, topic, worker=None):
        if not worker:
            worker = CONF.service_worker
        return cls(topic, worker)


class Agent(object):
    def __init__(self, topic, worker):
        # One caller of create leaves the worker out: configuration names it.
        self.worker = importutils.import_class(worker)  # expect: SRB301

    @classmethod
    def create(cls, topic, worker=None):
        if not worker:
            worker = CONF.agent_worker
        return cls(topic, worker)


class Harness(object):
    def __init__(self, kind):
        # The one caller of start hands over a command-line argument.
        self.kind = importutils.import_class(kind)  # expect: SRB301

    @staticmethod
    def start(kind):
        return Harness(kind)
