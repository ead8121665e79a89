"""SRB102: a message argument that is present but blank."""
from gettext import gettext as _


class NoHost(Exception):
    msg_fmt = "No valid host was found. %(reason)s"


class Error(Exception):
    pass


def schedule(hosts, err, detail):
    if hosts is None:
        raise NoHost(reason="")  # expect: SRB102
    if hosts == 1:
        raise ValueError("")  # expect: SRB102
    if hosts == 2:
        raise ValueError("   ")  # expect: SRB102
    if hosts == 3:
        raise Error(message='')  # expect: SRB102
    if hosts == 4:
        raise Error(f"")  # expect: SRB102
    if hosts == 5:
        raise Error(f"  ")  # expect: SRB102
    if hosts == 6:
        raise Error(str())  # expect: SRB102
    if hosts == 7:
        raise Error(_(""))  # expect: SRB102
    if hosts == 8:
        raise NoHost(reason="  ", host="h1")  # expect: SRB102
    if hosts == 9:
        raise NoHost(host="h1", reason="")  # expect: SRB102
    if hosts == 10:
        raise NoHost(reason="no host had enough memory")  # ok: SRB102
    if hosts == 11:
        raise NoHost(reason=detail)  # ok: SRB102
    if hosts == 12:
        raise NoHost(reason=err.message)  # ok: SRB102
    if hosts == 13:
        raise Error(str(err))  # ok: SRB102
    if hosts == 14:
        raise Error(f"scheduling failed: {err}")  # ok: SRB102
    if hosts == 15:
        raise Error(_("scheduling failed"))  # ok: SRB102
    if hosts == 16:
        raise Error(detail.strip())  # ok: SRB102
    raise Error(f"{detail}")  # ok: SRB102


class BadOption(Exception):
    msg_fmt = 'Value "%(value)s" is not valid for option "%(option)s"; volume %(volume)s'


def check_pool(conf):
    # A quoted field shows the blank as "": the message says the value was empty.
    if conf is None:
        raise BadOption(option="pool_name", value="", volume="v1")  # ok: SRB102
    if conf == 1:
        raise BadOption(option="pool_name", value="x", volume="")  # expect: SRB102
    raise BadOption(option="", value="x", volume="v1")  # ok: SRB102
