"""SRB103: Exception and BaseException raised themselves."""


class DriverException(Exception):
    pass


class BaseException_(BaseException):
    pass


def load(name):
    if not name:
        raise Exception("driver name is empty")  # expect: SRB103
    if name == "x":
        raise BaseException("stop everything")  # expect: SRB103
    if name == "y":
        raise Exception()  # expect: SRB101, SRB103
    if name == "z":
        raise Exception  # expect: SRB101, SRB103
    if name == "q":
        raise DriverException("driver %s failed" % name)  # ok: SRB103
    raise BaseException_("a subclass")  # ok: SRB103


def guarded(call):
    try:
        return call()
    except Exception as exc:
        raise exc  # ok: SRB103, SRB101
