from cirrus.common.rpc import mixins


class Endpoint(mixins.PingMixin, mixins.PeriodicMixin):
    def get_backdoor_port(self, context):
        return self.backdoor_port.for_context(context)
