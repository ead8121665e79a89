from cirrus.common.rpc import endpoint
from ...common.rpc.mixins import PeriodicMixin
from thirdparty.messaging import RPCEndpoint


class SchedulerEndpoint(endpoint.Endpoint):
    def ping(self, ctxt, arg):  # ok: SRB901
        return arg

    def run_periodic_tasks(self, context):  # ok: SRB901
        return None if self else 1

    def get_backdoor_port(self, ctx):  # ok: SRB901
        return 8000

    def select(self, context, spec):  # expect: SRB901
        return spec.hosts


class Relative(PeriodicMixin):
    def run_periodic_tasks(self, context):  # ok: SRB901
        self.tasks.clear()


class ThirdParty(RPCEndpoint):
    def dispatch(self, context, message):  # expect: SRB901
        return message.reply()
