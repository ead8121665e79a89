from quarry import connection


def main(key):
    # Called here with no handler: Busy escapes to the operator.
    connection.Connection(key).check_token()
