"""SRB101: exceptions raised with no message at all."""


class QuotaError(Exception):
    pass


class Overcommitted(QuotaError):
    pass


class Described(Exception):
    message = "The request could not be described."


class Blanked(Described):
    message = ""


class Nulled(Described):
    message = None


def reserve(amount):
    if amount < 0:
        raise ValueError()  # expect: SRB101
    if amount == 0:
        raise ValueError  # expect: SRB101
    if amount > 10:
        raise QuotaError  # expect: SRB101
    if amount > 20:
        raise Overcommitted()  # expect: SRB101
    if amount > 30:
        raise Blanked()  # expect: SRB101
    if amount > 40:
        raise Nulled()  # expect: SRB101
    if amount > 50:
        raise Described()  # ok: SRB101
    raise ValueError("amount %d is out of range" % amount)  # ok: SRB101


async def reserve_async(amount):
    if amount is None:
        raise TypeError()  # expect: SRB101
    raise TypeError(f"amount {amount!r} is not a number")  # ok: SRB101


def chained(error):
    raise LookupError() from error  # expect: SRB101
