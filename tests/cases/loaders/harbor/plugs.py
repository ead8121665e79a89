"""A lazily loaded backend chosen by an option among the backends its callers name."""

import harbor.conf

CONF = harbor.conf.CONF


class LazyBackend:
    def __init__(self, option, **backends):
        self._backends = backends
        self._option = option

    def load(self):
        chosen = CONF[self._option]
        if chosen not in self._backends:
            raise ValueError(chosen)
        return __import__(self._backends[chosen])  # ok: SRB301


class LooseBackend:
    def __init__(self, option, **backends):
        self._backends = backends
        self._option = option

    def load(self):
        chosen = CONF[self._option]
        if chosen not in self._backends:
            raise ValueError(chosen)
        return __import__(self._backends[chosen])  # expect: SRB301


IMPL = LazyBackend("db_backend", sqlalchemy="harbor.db.sqlalchemy.api")
LOOSE = LooseBackend("db_backend", sqlalchemy=CONF.compute_driver)
