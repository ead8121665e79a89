"""Exception classes nested in another class, raised through it or an instance of it.

A backend module keeps its errors inside one holder class and raises them
through a module-level instance of it: ``errors.BadToken()`` is a new,
message-less exception, not a re-raise.
"""


class BackendErrors(Exception):
    def __init__(self):
        super().__init__("backend error holder")

    class BadToken(Exception):
        pass

    class TokenExpired(Exception):
        msg_fmt = "The backend token has expired."

    class Deeper:
        class Unreachable(Exception):
            pass


errors = BackendErrors()
holder = BackendErrors


def login(token):
    if not token:
        raise errors.BadToken()  # expect: SRB101
    if token == "old":
        raise errors.TokenExpired()  # ok: SRB101
    if token == "bad":
        raise BackendErrors.BadToken  # expect: SRB101
    if token == "far":
        raise BackendErrors.Deeper.Unreachable()  # expect: SRB101
    raise errors  # ok: SRB101


def through_alias(token):
    if token is None:
        raise holder.BadToken("no token given")  # ok: SRB101
    raise holder.TokenExpired()  # ok: SRB101


def made_elsewhere(factory):
    made = factory()
    raise made.BadToken()  # ok: SRB101
