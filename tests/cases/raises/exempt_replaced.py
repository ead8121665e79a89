# options: --srb-exempt-exceptions=StopIteration
"""Replacing the exempt list drops the defaults that are not repeated."""


def step(item):
    if item is None:
        raise StopIteration()  # ok: SRB101
    raise NotImplementedError()  # expect: SRB101
