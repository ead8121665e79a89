"""SRB101 stays silent where a Python protocol method raises the exception
its protocol defines: the caller's ``d[key]``, ``getattr`` or ``a + b``
gets the error it expects, with the interpreter's own words."""


class MissingSetting(KeyError):
    pass


class Settings:
    def __init__(self, values):
        self._values = values

    def __getitem__(self, key):
        if key not in self._values:
            raise KeyError()  # ok: SRB101
        return self._values[key]

    def __delitem__(self, key):
        raise MissingSetting  # ok: SRB101

    def __missing__(self, key):
        raise LookupError()  # ok: SRB101

    def __getattr__(self, name):
        raise AttributeError()  # ok: SRB101

    def __iadd__(self, other):
        if not isinstance(other, Settings):
            raise TypeError()  # ok: SRB101
        return self

    def __index__(self):
        raise ValueError()  # ok: SRB101

    def __lt__(self, other):
        raise TypeError  # ok: SRB101

    def __getitem_or_none(self, key):
        raise KeyError()  # expect: SRB101

    def lookup(self, key):
        raise KeyError()  # expect: SRB101

    def __getattr_helper(self, name):
        raise AttributeError()  # expect: SRB101

    def __eq__(self, other):
        raise KeyError()  # expect: SRB101

    def __getitem_wrong__(self, key):
        raise TypeError()  # expect: SRB101

    def __len__(self):
        raise ValueError()  # expect: SRB101


def __getattr__(name):
    """A module's own __getattr__ (PEP 562): the same protocol."""
    raise AttributeError()  # ok: SRB101
