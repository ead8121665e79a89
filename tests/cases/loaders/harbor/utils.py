from oslo_utils import importutils
from oslo_utils.importutils import import_object  # noqa: F401 (re-exported)

import_class = importutils.import_class


def import_module(name):
    """Not a loader: only shares oslo's name."""
    return name.split(".")


# Renamed re-exports: callers spell neither DriverManager nor import_object.
from stevedore.driver import DriverManager as Loader  # noqa: E402
make_object = importutils.import_object
load_class = import_module  # the local look-alike above, not oslo's loader
