"""SRB201: RPC endpoint methods that drop the caller's context while working.

Anything else unread is the opt-in SRB901 (the case runs with --select=SRB).
"""
import json
import logging

import oslo_messaging as messaging

LOG = logging.getLogger(__name__)
API_VERSION = "2.1"


class CellBase:
    def rebalance(self, ctxt, cells):
        return self.planner.rebalance(ctxt, cells)


class CellManager(CellBase):
    target = messaging.Target(version=API_VERSION)

    def sync_cells(self, ctxt, cells):  # expect: SRB201
        self.store.sync(cells)

    async def drain(self, context, cell):  # expect: SRB201
        await self.store.drain(cell)

    def forward(self, ctxt, cells):  # ok: SRB201
        return self.store.sync(ctxt, cells)

    def rebalance(self, ctxt, cells):  # expect: SRB201
        # overrides a project base: the project chose this signature
        return self.store.rebalance(cells)

    def _sync_one(self, ctxt, cell):  # expect: SRB901
        self.store.sync([cell])

    def info(self, ctxt, publisher_id, event_type, payload, metadata):  # expect: SRB901
        self.store.note(publisher_id, payload)

    def sample(self, ctxt, publisher_id, event_type, payload, metadata):  # expect: SRB901
        self.store.note(event_type, payload)

    # oslo.versionedobjects' indirection API: the library fixes the
    # signature, and the object dispatched to carries the caller's context.
    def object_action(self, context, objinst, objmethod, args, kwargs):  # expect: SRB901
        return getattr(objinst, objmethod)(*args, **kwargs)

    def object_backport_versions(self, context, objinst, object_versions):  # expect: SRB901
        return objinst.obj_to_primitive(version_manifest=object_versions)

    def object_actions(self, context, objinst):  # expect: SRB201
        return objinst.refresh()

    def version(self, ctxt):  # expect: SRB901
        return self.api_version

    def default_version(self, ctxt):  # expect: SRB901
        return API_VERSION

    def ping(self, ctxt):  # ok: SRB201, SRB901
        return True

    def note(self, ctxt, message):  # expect: SRB901
        LOG.info("note from a peer: %s", message)

    def not_supported(self, ctxt, cell):  # ok: SRB201, SRB901
        raise NotImplementedError()

    def reset(self, ctxt, cells):  # expect: SRB202
        return self.store.reset(cells, context=None)


class CellEncoder(json.JSONEncoder):
    target = messaging.Target(version="1.0")

    def default(self, ctxt):  # ok: SRB201, SRB901
        # overrides an installed base's method: its signature is not ours
        return str(self)


class CellHelper:
    """Not served over RPC: nothing declares a target or hands it to a server."""

    def sync_cells(self, ctxt, cells):  # expect: SRB901
        self.store.sync(cells)
