# flake8: noqa -- a pending case, failing until the plugin is fixed (docs/recall.md).
# bench/recall.py --cases runs it with --disable-noqa; drop both lines in tests/cases/.
"""SRB101 on an exception class nested in another class, raised through the
outer class or through an instance of it.

From Cinder's and Manila's zadara/common.py, where ``exception =
CommonException()`` and ``raise exception.ZadaraInvalidAccessKey()`` raise a
nested class that has no message (bench/recall: missed).
"""


class CommonException(Exception):
    def __init__(self):
        pass

    class InvalidAccessKey(Exception):
        pass

    class ExpiredAccessKey(Exception):
        message = "The VPSA access key has expired."


exception = CommonException()


def through_an_instance(key):
    if not key:
        raise exception.InvalidAccessKey()  # expect: SRB101


def through_the_class(key):
    if not key:
        raise CommonException.InvalidAccessKey()  # expect: SRB101


def with_a_default_message(key):
    if key == "expired":
        raise exception.ExpiredAccessKey()  # ok: SRB101
