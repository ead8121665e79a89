# flake8: noqa -- a pending case, failing until the plugin is fixed (docs/recall.md).
# bench/recall.py --cases runs it with --disable-noqa; drop both lines in tests/cases/.
"""SRB201 on an RPC handler that the class also publishes under a second
name: ``subnet_create_end = subnet_update_end`` gives the same endpoint
another RPC name, it does not hand the method to a caller that fixes its
signature.

From Neutron's agent/dhcp/agent.py:609 (bench/recall: missed).
"""


class DhcpAgent:
    def network_update_end(self, context, payload):  # expect: SRB201
        self.queue.add(payload["network"])

    def subnet_update_end(self, context, payload):  # expect: SRB201
        self.queue.add(payload["subnet"])

    subnet_create_end = subnet_update_end

    def port_update_end(self, context, payload):  # ok: SRB201
        self.queue.add(payload["port"])

    def __init__(self, registry):
        self.queue = set()
        registry.subscribe(self.port_update_end, "port", "after_update")
