"""A base service whose manager module arrives through a subclass."""

from oslo_utils import importutils


class BaseRPCService:
    def __init__(self, host, manager_module):
        self.host = host
        # conductor.py passes its own parameter on; its callers pass literals
        self.module = importutils.try_import(manager_module)  # ok: SRB301
