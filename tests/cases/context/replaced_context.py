"""SRB202: the caller's context is replaced before it is read."""
from nimbus import context as nimbus_context
from nimbus.context import RequestContext


def admin_instead(context, host):  # expect: SRB202
    context = nimbus_context.get_admin_context()
    return host.refresh(context)


def set_to_none(ctxt, host):  # expect: SRB202
    ctxt = None
    return host


def new_request_context(ctxt, host):  # expect: SRB202
    ctxt = RequestContext()
    return host.refresh(ctxt)


def tuple_unpacking(context, pair):  # expect: SRB202
    context, host = pair
    return host.refresh(context)


def with_target(context, host):  # expect: SRB202
    with host.session() as context:
        return host.refresh(context)


def loop_target(ctxt, contexts):  # expect: SRB202
    for ctxt in contexts:
        ctxt.touch()


def walrus(context, make):  # expect: SRB202
    if (context := make()) is not None:
        return context


def replaced_late(ctxt, host):  # expect: SRB202
    if host.broken:
        return None
    ctxt = nimbus_context.get_admin_context()
    return host.refresh(ctxt)


def elevated(context, host):  # ok: SRB202
    context = context.elevated()
    return host.refresh(context)


def default_when_missing(context=None, host=None):  # ok: SRB202
    if context is None:
        context = nimbus_context.get_admin_context()
    return host.refresh(context)


def or_default(ctxt, host):  # ok: SRB202
    ctxt = ctxt or nimbus_context.get_admin_context()
    return host.refresh(ctxt)


def read_then_replaced(context, host):  # ok: SRB202
    try:
        return host.refresh(context)
    except LookupError:
        context = nimbus_context.get_admin_context()
        return host.refresh(context)


def comprehension_target_is_not_a_rebinding(ctxt, contexts):  # ok: SRB202
    return [ctxt for ctxt in contexts], ctxt


def nested_rebinding(context, host):  # ok: SRB202
    def inner():
        context = None
        return context

    return inner, context


def one_code_only(ctxt, host):  # expect: SRB202
    ctxt = None
    return host



class Notice:
    """A callback payload carries the context of the same request."""

    def on_port_removed(self, resource, event, trigger, context, payload):  # expect: SRB901
        context = payload.context
        return payload.port.refresh(context)

    def revert(self, context, result, **kwargs):  # expect: SRB901
        context = self.retry_context
        return result.retry(context)

    def another_attribute(self, context, holder):  # expect: SRB202
        context = holder.session
        return holder.refresh(context)
