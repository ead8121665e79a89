"""The project's wrapper around the RPC server."""
import oslo_messaging as messaging

TRANSPORT = None


def get_server(target, endpoints):
    return messaging.get_rpc_server(TRANSPORT, target, endpoints)
