"""SRB101 stays silent on a raise whose statement just before, in the same
block, logs or prints the explanation at warning level or above."""
import logging
import sys

LOG = logging.getLogger(__name__)


class NoBackends(Exception):
    pass


class Stop(Exception):
    pass


def start(backends, logger):
    if not backends:
        LOG.critical("No backends configured; create one first")
        raise NoBackends()  # ok: SRB101
    if backends == 1:
        LOG.error("Backend %s refused the connection", backends)
        raise NoBackends  # ok: SRB101
    if backends == 2:
        logger.warning("Backend %s is read-only", backends)
        raise NoBackends()  # ok: SRB101
    if backends == 3:
        print("backend list is empty", file=sys.stderr)
        raise SystemError()  # ok: SRB101
    if backends == 4:
        LOG.info("Backend %s is being replaced", backends)
        raise NoBackends()  # expect: SRB101
    if backends == 5:
        LOG.debug("stopping")
        raise Stop()  # expect: SRB101
    if backends == 6:
        print("backend list is empty")
        raise NoBackends()  # expect: SRB101
    if backends == 8:
        self_catalog = logger.catalog
        self_catalog.error("not a logger: a catalog of errors")
        raise NoBackends()  # expect: SRB101
    if backends == 9:
        audit_log = logger
        audit_log.fatal("Backend list is corrupt")
        raise NoBackends()  # ok: SRB101
    if backends == 7:
        LOG.error("Backend %s refused the connection", backends)
        backends = None
        raise NoBackends()  # expect: SRB101
    LOG.exception("Backend setup failed")
    if backends is None:
        raise Stop()  # expect: SRB101
    return backends


def restart(backends):
    try:
        return start(backends, LOG)
    except OSError:
        logging.exception("restart failed")
        raise RuntimeError()  # ok: SRB101
