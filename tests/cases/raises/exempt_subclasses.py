# options: --srb-extend-exempt-exceptions=exempt_subclasses.NotTransformable
"""An exempt class makes its subclasses exempt too."""


class NotTransformable(Exception):
    pass


class InvalidType(NotTransformable):
    pass


class Unrelated(Exception):
    pass


class EndOfStream(StopIteration):
    pass


def transform(value):
    if value is None:
        raise NotTransformable()  # ok: SRB101
    if value == 1:
        raise InvalidType()  # ok: SRB101
    if value == 2:
        raise EndOfStream()  # ok: SRB101
    raise Unrelated()  # expect: SRB101
