import skyward.exception as exc
from skyward import exception
from skyward import wildcard
from skyward.exception import NoValidHost as NVH
from skyward.scheduler import errors
from skyward.scheduler.errors import Deep

from . import errors as relative_errors


def pick(hosts, error):
    if hosts is None:
        raise exception.NoValidHost()  # expect: SRB104
    if hosts == 1:
        raise exc.NoValidHost  # expect: SRB104
    if hosts == 2:
        raise NVH()  # expect: SRB104
    if hosts == 3:
        raise exception.Plain()  # expect: SRB101
    if hosts == 4:
        raise exc.BlankedOut()  # expect: SRB101
    if hosts == 5:
        raise exception.RemoteBased()  # ok: SRB101
    if hosts == 6:
        raise Deep()  # ok: SRB101
    if hosts == 7:
        raise errors.DeepWithoutMessage()  # expect: SRB101
    if hosts == 8:
        raise relative_errors.Sibling()  # expect: SRB101
    if hosts == 9:
        raise exception.Reexported()  # ok: SRB101
    if hosts == 10:
        raise exception.Alias()  # expect: SRB101
    if hosts == 11:
        raise exception.NoValidHost(reason="")  # expect: SRB102
    if hosts == 12:
        raise exception.NoValidHost(reason=error.message)  # ok: SRB102
    if hosts == 13:
        raise wildcard.Plain()  # expect: SRB101
    if hosts == 14:
        raise wildcard.NoValidHost()  # expect: SRB104
    raise exception.DoesNotExist()  # ok: SRB101
