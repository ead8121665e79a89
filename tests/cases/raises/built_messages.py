"""SRB101 stays silent when __init__ hands the base a text of its own."""


class FixedText(Exception):
    def __init__(self):
        super().__init__("the operation timed out after 30 seconds")


class Formatted(Exception):
    template = "volume %s is busy"

    def __init__(self, volume=None):
        Exception.__init__(self, self.template % volume)


class Forwarding(Exception):
    def __init__(self, message=None):
        super().__init__(message)


class StoresOnly(Exception):
    def __init__(self, code=None):
        self.code = code


def fail(kind):
    if kind == 1:
        raise FixedText()  # ok: SRB101
    if kind == 2:
        raise Formatted()  # ok: SRB101
    if kind == 3:
        raise Forwarding()  # expect: SRB101
    raise StoresOnly()  # expect: SRB101
