from remote_faults_not_installed import Fault

from skyward.common.base.errors import DeepBase as Reexported  # noqa: F401
from skyward.i18n import _


class SkywardException(Exception):
    msg_fmt = _("An unknown exception occurred.")

    def __init__(self, message=None, **kwargs):
        super().__init__(message or self.msg_fmt % kwargs)


class NoValidHost(SkywardException):
    msg_fmt = _("No valid host was found. %(reason)s")


class Plain(Exception):
    """No message of its own."""


class BlankedOut(SkywardException):
    msg_fmt = ""


class RemoteBased(Fault):
    pass


Alias = Plain
