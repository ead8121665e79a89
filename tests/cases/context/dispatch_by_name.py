"""SRB901 stays silent on handlers found by a name built before getattr."""


class LoggingDriver:
    def handle(self, action, context, resource_type, **kwargs):
        handler_name = "_{}_{}_log".format(action, resource_type)
        handler = getattr(self, handler_name)
        handler(context, **kwargs)

    def _delete_port_log(self, context, **kwargs):  # ok: SRB901
        self.ports.discard(kwargs["port_id"])

    def _create_port_log(self, context, **kwargs):  # ok: SRB901
        self.ports.add(kwargs["port_id"])

    def refresh(self, context, port_id):  # expect: SRB901
        self.ports.add(port_id)

