"""SRB1 stays silent on a raise that only jumps to a handler of its own
function: the exception never leaves it, so nobody reads its message."""
from oslo_utils_not_installed import excutils


class InvalidVersion(Exception):
    pass


class ParseError(InvalidVersion):
    pass


def parse_version(text):
    try:
        major, minor = text.split(".")
        if not major.isdigit():
            raise ValueError()  # ok: SRB101
        if not minor.isdigit():
            raise ParseError()  # ok: SRB101
    except (ValueError, InvalidVersion):
        raise InvalidVersion("%r is not a MAJOR.MINOR version" % text)  # ok: SRB101
    return int(major), int(minor)


def wrapped(client):
    try:
        if client is None:
            raise Exception("no client")  # ok: SRB103
        return client.get()
    except Exception as exc:
        return {"error": str(exc)}


def swallowed(items):
    for item in items:
        try:
            if item is None:
                raise KeyError()  # ok: SRB101
        except LookupError:
            continue


def reraised(value):
    try:
        if value is None:
            raise ValueError()  # expect: SRB101
    except ValueError:
        print("logging before re-raising")
        raise


def reraised_by_name(value):
    try:
        if value is None:
            raise ValueError("")  # expect: SRB102
    except ValueError as err:
        raise err


def reraised_by_helper(value):
    try:
        if value is None:
            raise TypeError()  # expect: SRB101
    except TypeError:
        with excutils.save_and_reraise_exception():
            print("cleaning up")


def other_handler(value):
    try:
        if value is None:
            raise ValueError()  # expect: SRB101
    except KeyError:
        pass


def in_the_handler_itself(value):
    try:
        return int(value)
    except ValueError:
        raise TypeError()  # expect: SRB101


def caught_by_an_outer_try(value):
    try:
        try:
            raise ValueError()  # ok: SRB101
        except ValueError:
            raise
    except ValueError:
        return None
