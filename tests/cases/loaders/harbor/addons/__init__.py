import os
import sys

import harbor.conf
from harbor import discovery

CONF = harbor.conf.CONF


def standard(manager):
    discovery.load_shipped_addons(__path__, __package__)
    discovery.load_addons_from(CONF.compute_driver)


def register_all():
    here = os.path.dirname(sys.modules[__name__].__file__)
    discovery.import_tree(here)
    discovery.load_source_tree("harbor/volume")
    discovery.load_vendor_tree("vendor/harbor_plugins")
