"""Starts the conductor's RPC server."""
import oslo_messaging as messaging

from nimbostratus import rpc
from nimbostratus.cells import conductor


def start():
    target = messaging.Target(topic="conductor")
    endpoints = [conductor.Conductor()]
    return rpc.get_server(target, endpoints)
