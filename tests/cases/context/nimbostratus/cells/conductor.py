"""Served because the service hands an instance of it to the RPC server."""


class Conductor:
    def build_cells(self, context, specs):  # expect: SRB201
        return [self.builder.build(spec) for spec in specs]

    def warn(self, ctxt, publisher_id, event_type, payload, metadata):  # expect: SRB901
        self.log.append(payload)
