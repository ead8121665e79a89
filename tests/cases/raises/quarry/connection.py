"""The connection helper raises bare classes that its neighbours catch."""


class ConnectionErrors:
    class InvalidKey(Exception):
        pass

    class Busy(Exception):
        pass


errors = ConnectionErrors()


class Connection:
    def __init__(self, key):
        self.key = key

    def check_key(self):
        if not self.key:
            raise errors.InvalidKey()  # ok: SRB101

    def send(self, command):
        if not self.key:
            raise errors.InvalidKey()  # expect: SRB101
        return command

    def list_volumes(self):
        # Its own helper calls send outside any handler: the class escapes.
        return self.send("list")

    def check_token(self):
        if not self.key:
            raise errors.Busy()  # expect: SRB101
