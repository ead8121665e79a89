# options: --srb-message-attributes=explanation
"""Only the configured attribute names give a default message."""


class Explained(Exception):
    explanation = "Explained by its own attribute."


class Messaged(Exception):
    message = "Not a configured attribute here."


def fail(which):
    if which:
        raise Explained()  # ok: SRB101
    raise Messaged()  # expect: SRB101
