"""Methods defined on a plain base, served through the subclass handed to the server.

The contract question of barbican's TaskServer(Tasks): the subclass's
instances are the endpoints, so the base's public methods are served.
"""
import oslo_messaging as messaging

from nimbostratus import rpc


class Tasks:
    def process_order(self, ctxt, order_id):  # expect: SRB201
        return self.orders.process(order_id)

    def process_with_caller(self, ctxt, order_id):  # ok: SRB201
        return self.orders.process(order_id, ctxt)


class TaskServer(Tasks):
    def __init__(self):
        super().__init__()
        target = messaging.Target(topic="tasks")
        self._server = rpc.get_server(target, endpoints=[self])
