from oslo_utils import importutils

from harbor.volume import driver


class LvmDriver(driver.BaseDriver):
    def __init__(self, configuration):
        super().__init__(configuration)
        target = self.target_mapping[self.configuration.safe_get("target_helper")]
        self.target = importutils.import_object(target)  # ok: SRB301
        self.flavor = importutils.import_class(self.configuration.volume_flavor)  # ok: SRB301
        self.helper = importutils.import_class(self.configuration.target_helper)  # expect: SRB301
