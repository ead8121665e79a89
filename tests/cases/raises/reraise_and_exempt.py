"""SRB101 stays silent on re-raises, control flow and unresolvable classes."""
import sys

from not_installed_anywhere import RemoteFault

PRESET = ValueError("preset failure")


def retry(call):
    try:
        return call()
    except ValueError:
        raise  # ok: SRB101
    except KeyError as err:
        raise err  # ok: SRB101
    except OSError as err:
        raise err.with_traceback(sys.exc_info()[2])  # ok: SRB101


def pending():
    raise NotImplementedError()  # ok: SRB101


def generator():
    raise StopIteration  # ok: SRB101


def leave():
    raise SystemExit()  # ok: SRB101


def interrupted():
    raise KeyboardInterrupt  # ok: SRB101


def remote():
    raise RemoteFault()  # ok: SRB101


def preset():
    raise PRESET  # ok: SRB101


def built(factory):
    raise factory()  # ok: SRB101


def shadowed(ValueError):
    raise ValueError()  # ok: SRB101
