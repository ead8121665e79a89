"""Calls of the loading helpers, with what each passes."""

import harbor.conf
from harbor import loading

CONF = harbor.conf.CONF
DEFAULT_STORE = "harbor.store.Disk"


def start(manager_name):
    loading.load_store(DEFAULT_STORE)
    loading.load_store(CONF.scheduler.weigher)
    loading.load_hook("audit")
    loading.load_scheduler(CONF.scheduler.driver)
    loading.load_scheduler(name="fake_scheduler")
    loading.Service("localhost", "harbor.managers.Compute")
    loading.Service("localhost", manager="harbor.managers.Volume")
    loading.Worker("harbor.managers.Compute")
    loading.Worker(manager_name)
    loading.load_weigher("harbor.weights.Ram")
    loading.load_weigher(name="harbor.weights.Disk")
    loading.load_default_weigher()
