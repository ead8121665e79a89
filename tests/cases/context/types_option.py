# options: --srb-context-types=nimbus.context.RequestContext
"""A dotted context type matches the qualified name, not a look-alike."""
from nimbus import context as nimbus_context
from other.context import RequestContext as OtherContext
from other import RequestContext


def qualified(caller: nimbus_context.RequestContext, host):  # expect: SRB901
    return host.name


def look_alike(caller: RequestContext, host):  # ok: SRB901
    return host.name


def aliased_other(caller: OtherContext, host):  # ok: SRB901
    return host.name
