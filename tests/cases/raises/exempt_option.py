# options: --srb-extend-exempt-exceptions=TimeoutError,exempt_option.Retry
"""The exempt list is extended by option, by built-in and qualified name."""


class Retry(Exception):
    pass


class Other(Exception):
    pass


def poll(done):
    if done is None:
        raise TimeoutError()  # ok: SRB101
    if not done:
        raise Retry()  # ok: SRB101
    if done == 1:
        raise Other()  # expect: SRB101
    raise NotImplementedError()  # ok: SRB101
