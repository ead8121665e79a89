# options: --srb-inference=false
"""Without inference, bases in other modules are unknown: their methods stay silent."""
from oslo_service import periodic_task


class LocalBase:
    def attach(self, context, volume):
        volume.attach(context)


class Manager(periodic_task.PeriodicTasks):
    def update_aggregates(self, ctxt, aggregates):  # ok: SRB901
        self.host_manager.update_aggregates(aggregates)


class Driver(LocalBase):
    def attach(self, context, volume):  # ok: SRB901
        volume.mark_attached()

    def resize(self, context, volume):  # expect: SRB901
        volume.grow()


def helper(context, volume):  # expect: SRB901
    return volume.size
