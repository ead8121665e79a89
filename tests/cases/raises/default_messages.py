"""SRB101 stays silent when a class carries its own default message."""
from gettext import gettext as _


class ServiceError(Exception):
    msg_fmt = _("An unknown service error occurred.")


class HostMissing(ServiceError):
    msg_fmt = _("Host %(host)s was not found.")


class Inherits(HostMissing):
    code = 404


class Formatted(Exception):
    message_format = "The %s failed."


class Spelled(Exception):
    _msg_fmt = "Spelled with a leading underscore."


class Defaulted(Exception):
    default_message = "Defaulted message."


class Rendered(Exception):
    def __str__(self):
        return "rendered by the class"


class Computed(Exception):
    msg_fmt = "".join(["built", " at import"])


def check(host):
    if host is None:
        raise ServiceError()  # ok: SRB101
    if host == "a":
        raise HostMissing  # expect: SRB104
    if host == "b":
        raise Inherits()  # expect: SRB104
    if host == "c":
        raise Formatted()  # ok: SRB101
    if host == "d":
        raise Spelled()  # ok: SRB101
    if host == "e":
        raise Defaulted()  # ok: SRB101
    if host == "f":
        raise Rendered()  # ok: SRB101
    raise Computed()  # ok: SRB101
