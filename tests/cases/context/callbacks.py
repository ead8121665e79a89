"""Functions handed over as values: whoever calls them fixes the signature."""
import functools

from nimbus import utils


def require_image_type(ctxt, request_spec):  # ok: SRB901
    request_spec.require("image_type")
    return True


def isolate_aggregates(ctxt, request_spec):  # ok: SRB901
    request_spec.forbid("isolated")
    return True


ALL_REQUEST_FILTERS = [require_image_type, isolate_aggregates]


def not_registered(ctxt, request_spec):  # expect: SRB901
    request_spec.require("cpu")
    return True


class ImageBackend:
    def _create_swap(self, target, swap_mb, context=None):  # ok: SRB901
        utils.mkfs("swap", target, swap_mb)

    def _create_ephemeral(self, target, size, context=None):  # ok: SRB901
        utils.mkfs("ext4", target, size)

    def _build(self, context, instance):  # expect: SRB901
        instance.build()

    def create_disks(self, context, instance):
        self.cache(fetch_func=self._create_swap, context=context)
        fetch = functools.partial(self._create_ephemeral, size=1)
        self.cache(fetch_func=fetch, context=context)
        utils.spawn(self._build, context, instance)


def register(hooks):
    hooks.add(lambda ctxt, event: event.ack())  # ok: SRB901
    hooks.add(lambda ctxt, event: ctxt.notify(event))  # ok: SRB901


class Instance:
    def save(self, context):
        for field in self.changed_fields:
            getattr(self, "_save_%s" % field)(context)
        for field in self.loaded_fields:
            getattr(self, f"_load_{field}_extra")(context)

    def _save_flavor(self, context):  # ok: SRB901
        self.extra["flavor"] = self.flavor.dumps()

    def _load_numa_extra(self, context):  # ok: SRB901
        self.numa = self.extra.get("numa")

    def _load_numa(self, context):  # expect: SRB901
        self.numa = None


class DhcpAgent:
    """A second RPC name for the same endpoint is not a hand-over."""

    def network_update_end(self, context, payload):  # expect: SRB901
        self.queue.put(payload)

    def subnet_update_end(self, context, payload):  # expect: SRB901
        self.queue.put(payload)

    subnet_create_end = subnet_update_end

    def port_update_end(self, context, payload):  # ok: SRB901
        self.queue.put(payload)

    port_create_end = port_update_end
    HANDLERS = {"port": port_create_end}
