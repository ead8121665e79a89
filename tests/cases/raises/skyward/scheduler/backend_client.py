"""Nested error classes of another module, through its instance and its class."""
from skyward.common import backend
from skyward.common.backend import errors


def connect(token):
    if not token:
        raise backend.errors.BadToken()  # expect: SRB101
    if token == "old":
        raise errors.TokenExpired()  # ok: SRB101
    if token == "bad":
        raise backend.BackendErrors.BadToken()  # expect: SRB101
    raise errors.BadToken()  # expect: SRB101
