"""A leading underscore opts out: _ctxt is not a context parameter name."""
from nimbus.context import RequestContext


class Endpoint:
    def ping(self, _ctxt, arg):  # ok: SRB901
        return {"arg": arg}

    def annotated(self, _caller: RequestContext, arg):  # ok: SRB901
        return {"arg": arg}

    def replaced(self, _ctxt, arg):  # ok: SRB202
        _ctxt = None
        return arg.refresh(_ctxt)

    def still_reported(self, caller: RequestContext, arg):  # expect: SRB901
        return {"arg": arg}
