"""Picks hosts for new instances; the shape of the reviewed Stein manager."""
import oslo_messaging as messaging
from stevedore import driver

import stratus.conf
from stratus import exception
from stratus import manager

CONF = stratus.conf.CONF


class SchedulerManager(manager.Manager):
    """Places instances on hosts."""

    target = messaging.Target(version="4.5")

    def __init__(self, scheduler_driver=None, *args, **kwargs):
        if not scheduler_driver:
            scheduler_driver = CONF.scheduler.driver
        self.driver = driver.DriverManager(
            "stratus.scheduler.driver",
            scheduler_driver,  # expect: SRB302
            invoke_on_load=True).driver
        super().__init__(service_name="scheduler", *args, **kwargs)

    def select_destinations(self, ctxt, request_spec, instance_uuids):
        try:
            candidates = self.driver.placement.candidates(ctxt, request_spec)
        except exception.PlacementUnreachable as e:
            raise exception.NoValidHost(reason=e.message)  # ok: SRB102
        if candidates is None:
            raise exception.PlacementUnreachable()  # ok: SRB101
        if not candidates:
            # The operator gets "...: " and nothing else in the log.
            raise exception.NoValidHost(reason="")  # expect: SRB102
        if len(candidates) < len(instance_uuids):
            raise exception.MaxRetriesExceeded(attempts=3)  # ok: SRB102
        return self.driver.select_destinations(ctxt, request_spec, candidates)

    def update_aggregates(self, ctxt, aggregates):  # expect: SRB201
        """Refresh the host manager's view of the given aggregates."""
        # The caller's context is not needed here, so it is dropped.
        self.driver.host_manager.update_aggregates(aggregates)

    def delete_aggregate(self, ctxt, aggregate):  # expect: SRB201
        """Forget one aggregate in the host manager."""
        self.driver.host_manager.delete_aggregate(aggregate)

    def update_instance_info(self, context, host_name, instance_info):  # ok: SRB201
        self.driver.host_manager.update_instance_info(
            context, host_name, instance_info)

    def sync_instance_info(self, context, host_name, instance_uuids):
        if not host_name:
            raise exception.HostMappingNotFound()  # expect: SRB101
        self.driver.host_manager.sync_instance_info(
            context, host_name, instance_uuids)
