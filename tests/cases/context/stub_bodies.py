"""Stub bodies do no work for the caller: no SRB901."""
import logging

from nimbus import exception
from nimbus.i18n import _

LOG = logging.getLogger(__name__)


class DriverHooks:
    def get_stats(self, context, pool):  # ok: SRB901
        """Return pool statistics; drivers that can, override this."""
        return None

    def only_docstring(self, context):  # ok: SRB901
        """Nothing to do by default."""

    def passes(self, context):  # ok: SRB901
        pass

    def ellipsis(self, context):  # ok: SRB901
        ...

    def bare_return(self, context):  # ok: SRB901
        return

    def literal_true(self, context):  # ok: SRB901
        return True

    def literal_containers(self, context):  # ok: SRB901
        return {"hosts": [], "weight": -1}

    def empty_constructor(self, context):  # ok: SRB901
        return dict()

    def raises_not_implemented(self, context, instance):  # ok: SRB901
        raise NotImplementedError()

    def raises_not_supported(self, context, instance):  # ok: SRB901
        raise exception.NotSupported(operation="rescue")

    def message_then_raise(self, context, instance):  # ok: SRB901
        msg = _("Rescue is not supported by %(driver)s") % {"driver": self.name}
        raise exception.NotSupported(reason=msg)

    def log_then_raise(self, context, instance):  # ok: SRB901
        msg = _("Resize is not supported.")
        LOG.error(msg)
        raise exception.NotSupported(reason=msg)

    def pass_through(self, context, instance, migrate_data):  # ok: SRB901
        """Return migrate_data unchanged; drivers may add to it."""
        return migrate_data

    def returns_attribute(self, context, instance):  # expect: SRB901
        return instance.host

    def logs_then_returns(self, context, instance):  # expect: SRB901
        LOG.debug("nothing to do for %s", instance)
        return None

    def computes_then_raises(self, context, instance):  # expect: SRB901
        self.cleanup(instance)
        raise exception.NotSupported(operation="rescue")

    def two_returns(self, context, instance):  # expect: SRB901
        if instance:
            return True
        return False


ignore = lambda ctxt: None  # ok: SRB901
