"""The project's error classes, shared by the modules of the package."""


class LanternError(Exception):
    pass


class Unparsable(LanternError):
    pass


class BadHeader(Unparsable):
    pass


class BadFooter(LanternError):
    pass


class Offline(LanternError):
    pass
