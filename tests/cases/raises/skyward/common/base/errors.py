from skyward.i18n import _


class DeepBase(Exception):
    message = _("A base two packages away supplies this message.")


class DeepPlain(Exception):
    pass
