"""Service exceptions; each class formats its default message from kwargs."""
from stratus.i18n import _


class StratusException(Exception):
    msg_fmt = _("Something went wrong inside the service.")
    code = 500

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        if not message:
            message = self.msg_fmt % kwargs
        self.message = message
        super().__init__(message)


class NoValidHost(StratusException):
    msg_fmt = _("Could not find a host to place the request on: %(reason)s")


class MaxRetriesExceeded(NoValidHost):
    msg_fmt = _("Gave up placing the request after %(attempts)s attempts.")


class PlacementUnreachable(StratusException):
    msg_fmt = _("The placement service could not be reached.")


class HostMappingNotFound(Exception):
    """Raised by the cell lookup; carries no text of its own."""
