from quarry import connection
from quarry import ticker


class DriverKeyError(Exception):
    msg_fmt = "The array refused the access key."


class Driver:
    def __init__(self, conn):
        self.conn = conn

    def check_key(self):
        try:
            self.conn.check_key()
        except connection.errors.InvalidKey:
            raise DriverKeyError()

    def setup(self):
        # The driver's own check_key, not the connection's.
        self.check_key()

    def command(self, text):
        try:
            return self.conn.send(text)
        except connection.errors.InvalidKey:
            raise DriverKeyError()

    def token(self):
        try:
            self.conn.check_token()
        except connection.errors.Busy:
            return None

    @ticker.periodic
    def poll(self):
        if self.conn is None:
            raise ticker.Halt()  # ok: SRB101
        if self.conn.key is None:
            raise ticker.Idle()  # expect: SRB101
