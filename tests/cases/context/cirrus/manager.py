from oslo_service import periodic_task

from cirrus.db import base


class Manager(base.Base, periodic_task.PeriodicTasks):
    def init_host(self):
        pass

    def reset(self):
        pass
