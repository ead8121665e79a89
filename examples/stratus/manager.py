"""The base every service manager inherits from."""
from oslo_service_not_installed import periodic_task


class Manager(periodic_task.PeriodicTasks):
    def __init__(self, service_name=None):
        self.service_name = service_name

    def periodic_tasks(self, context, raise_on_error=False):
        return self.run_periodic_tasks(context, raise_on_error=raise_on_error)
