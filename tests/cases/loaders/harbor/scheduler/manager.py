import importlib

from stevedore import driver

import harbor.conf
from harbor import constants
from harbor import utils

CONF = harbor.conf.CONF


class SchedulerManager:
    def __init__(self, scheduler_driver=None):
        if not scheduler_driver:
            scheduler_driver = CONF.scheduler.driver
        self.driver = driver.DriverManager(
            "harbor.scheduler.driver",
            scheduler_driver,  # ok: SRB302
            invoke_on_load=True).driver

    def direct(self):
        return driver.DriverManager("harbor.scheduler.driver", CONF.scheduler.driver)  # ok: SRB302

    def through_local(self):
        name = CONF.scheduler.driver
        return driver.DriverManager("harbor.scheduler.driver", name)  # ok: SRB302

    def weigher(self):
        weigher = CONF.scheduler.weigher
        return utils.import_class(weigher)  # expect: SRB301

    def compute(self, compute_driver=None):
        compute_driver = compute_driver or CONF.compute_driver
        return utils.import_object("harbor.virt.%s" % compute_driver)  # expect: SRB301

    def through_module_attribute(self):
        return utils.importutils.import_class(CONF.scheduler.weigher)  # expect: SRB301

    def local_function(self):
        return utils.import_module(CONF.scheduler.weigher)  # ok: SRB301

    def monitors(self):
        for monitor in CONF.monitors:
            driver.DriverManager("harbor.monitors", monitor)  # expect: SRB302

    def constants(self, name):
        importlib.import_module(constants.DEFAULT_DRIVER)  # ok: SRB301
        importlib.import_module(constants.DRIVER_PATHS[name])  # ok: SRB301
        importlib.import_module(constants.DRIVER_PATHS.get(name))  # ok: SRB301
        importlib.import_module(constants.LONG_NAME)  # ok: SRB301

    def through_default(self, name=CONF.scheduler.driver):
        return driver.DriverManager("harbor.scheduler.driver", name)  # ok: SRB302

    def through_default_without_choices(self, name=CONF.scheduler.weigher):
        return driver.DriverManager("harbor.weighers", name)  # expect: SRB302
