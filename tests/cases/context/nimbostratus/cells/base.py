"""A project base that declares the RPC target its subclasses are served with."""
import oslo_messaging as messaging


class ServedBase:
    target = messaging.Target(version="3.0")

    def ping(self, ctxt):  # ok: SRB201, SRB901
        return "pong"
