"""An endpoint found only through its base class in another module."""
from nimbostratus.cells import base


class RegionManager(base.ServedBase):
    def drain_region(self, ctxt, region):  # expect: SRB201
        self.store.drain(region)

    def describe(self, ctxt, region):  # ok: SRB201
        return self.store.describe(ctxt, region)

    def _drain_one(self, ctxt, cell):  # expect: SRB901
        self.store.drain(cell)


class RegionView:
    """Not served: no target, no base with one, never handed to a server."""

    def drain_region(self, ctxt, region):  # expect: SRB901
        self.store.drain(region)
