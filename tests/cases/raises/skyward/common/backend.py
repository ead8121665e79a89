"""A holder class of nested errors, and a module-level instance of it."""


class BackendErrors(Exception):
    class BadToken(Exception):
        pass

    class TokenExpired(Exception):
        message = "The backend token has expired."


errors = BackendErrors()
