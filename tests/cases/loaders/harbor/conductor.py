"""A subclass that hands its caller's manager module to its base."""

from harbor import rpc


class RPCService(rpc.BaseRPCService):
    def __init__(self, host, manager_module, embed_api=False):
        super().__init__(host, manager_module)
        self.embed_api = embed_api


def serve(manager_module="harbor.conductor.manager"):
    # an entry point nobody in harbor calls: its default is what it passes
    return RPCService("localhost", manager_module)


def serve_networking():
    return RPCService("localhost", "harbor.networking.manager")
