from cirrus.common.rpc import endpoint
from ...common.rpc.mixins import PeriodicMixin
from thirdparty.messaging import RPCEndpoint


class SchedulerEndpoint(endpoint.Endpoint):
    def ping(self, ctxt, arg):  # ok: SRB201
        return arg

    def run_periodic_tasks(self, context):  # ok: SRB201
        return None if self else 1

    def get_backdoor_port(self, ctx):  # ok: SRB201
        return 8000

    def select(self, context, spec):  # expect: SRB201
        return spec.hosts


class Relative(PeriodicMixin):
    def run_periodic_tasks(self, context):  # ok: SRB201
        self.tasks.clear()


class ThirdParty(RPCEndpoint):
    def dispatch(self, context, message):  # expect: SRB201
        return message.reply()
