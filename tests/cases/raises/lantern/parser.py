"""A module that catches its project's classes by name: raising them here is
a jump to one of its own handlers, a few lines away."""
import json

from lantern import errors
from lantern import vanished
from lantern.errors import Offline
from unknown_vendor_lib import VendorSignal, vendor


class _Skip(Exception):
    """A private signal of this module."""


class _Retry(Exception):
    pass


def _header(text):
    if not text.startswith("#"):
        raise errors.BadHeader()  # ok: SRB101
    if text == "#":
        raise _Skip  # ok: SRB101
    if text == "##":
        raise errors.BadFooter()  # expect: SRB101
    if text == "###":
        raise KeyError()  # expect: SRB101
    if text == "####":
        raise VendorSignal()  # ok: SRB101
    if text == "#####":
        raise vendor.Other()  # ok: SRB101
    if text == "######":
        raise vanished.Gone()  # ok: SRB101
    if text == "#######":
        raise errors.BadHeader(reason="")  # expect: SRB102
    raise _Retry()  # expect: SRB101


def _body(text):
    if not text:
        raise Offline()  # ok: SRB101
    return json.loads(text)


def parse(lines):
    for line in lines:
        try:
            _header(line)
            _body(line)
        except (errors.Unparsable, _Skip):
            continue
        except Offline:
            return None
        except (KeyError, Exception):
            pass
        except (VendorSignal, vanished.Gone):
            pass
