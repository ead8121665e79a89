"""Override inference within one file: bases, mixins, two levels up, nested classes."""
import json
import string

from oslo_service import periodic_task


class BaseDriver:
    def attach(self, context, volume):
        volume.attach(context)

    def detach(self, context, volume):
        volume.detach(context)


class ComputeDriver(BaseDriver):
    def get_info(self, context, instance):
        return self.hypervisor.info(context, instance)


class LoggingMixin:
    def audit(self, ctxt, event):
        self.log(ctxt, event)


class FakeDriver(LoggingMixin, ComputeDriver):
    def get_info(self, context, instance):  # ok: SRB901
        return {"state": instance.state}

    def attach(self, ctx, volume):  # ok: SRB901
        volume.mark_attached()

    def audit(self, ctxt, event):  # ok: SRB901
        print(event)

    def __init__(self, context):  # expect: SRB901
        self.ready = True

    def own_method(self, context, volume):  # expect: SRB901
        return volume.size


class Manager(periodic_task.PeriodicTasks):
    def update_aggregates(self, ctxt, aggregates):  # expect: SRB901
        self.host_manager.update_aggregates(aggregates)


class PartlyKnown(periodic_task.PeriodicTasks, BaseDriver):
    def detach(self, context, volume):  # ok: SRB901
        volume.mark_detached()

    def resize(self, context, volume):  # expect: SRB901
        volume.grow()


def build_driver():
    class LocalBase:
        def power_on(self, context, instance):
            instance.start(context)

    class LocalDriver(LocalBase):
        def power_on(self, context, instance):  # ok: SRB901
            instance.start()

        def power_off(self, context, instance):  # expect: SRB901
            instance.stop()

    class NestedFromModule(BaseDriver):
        def detach(self, context, volume):  # ok: SRB901
            volume.mark_detached()

    return LocalDriver, NestedFromModule


class Formatter(string.Formatter):
    def get_value(self, ctx, args, kwargs):  # ok: SRB901
        return args[0]

    def helper(self, ctx):  # expect: SRB901
        return self.fields


class Encoder(json.JSONEncoder):
    def default(self, ctxt):  # ok: SRB901
        return str(None)
