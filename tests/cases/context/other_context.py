"""SRB202: a body that never reads its context but works with another one."""
import nimbus.context
from nimbus import context as nimbus_context
from nimbus.context import RequestContext


def sweep_hosts(context, hosts):  # expect: SRB202
    admin = nimbus_context.get_admin_context()
    return [host.refresh(admin) for host in hosts]


def fresh_context(ctxt, host):  # expect: SRB202
    return host.refresh(RequestContext(user_id="sweeper"))


def qualified_factory(ctxt, host):  # expect: SRB202
    return host.refresh(nimbus.context.RequestContext())


def bare_factory(ctxt, host):  # expect: SRB202
    return host.refresh(get_context())


def none_by_keyword(ctxt, host):  # expect: SRB202
    return host.refresh(context=None)


def none_by_position(ctxt, host):  # expect: SRB202
    return refresh_one(None, host)


def refresh_one(context, host):  # ok: SRB202
    return host.refresh(context)


def none_to_an_unknown_callee(ctxt, host):  # expect: SRB901
    # which argument of host.refresh is the context cannot be told
    return host.refresh(None, ctxt_free=True)


class Sweeper:
    def sweep(self, ctxt, host):  # expect: SRB202
        return self._sweep_one(None, host)

    def _sweep_one(self, context, host):  # ok: SRB202
        return host.refresh(context)

    def none_for_another_parameter(self, ctxt, host):  # expect: SRB901
        return self._sweep_one(host, None)


def elevated_is_no_substitute(context, host):  # ok: SRB202
    return host.refresh(context.elevated())


def reads_and_makes_another(context, host):  # ok: SRB202
    # the caller's context is read: another beside it is a visible choice
    audit = nimbus_context.get_admin_context()
    return host.refresh(context), audit


def factory_in_a_nested_function(context, hosts):  # expect: SRB901
    def admin():
        return nimbus_context.get_admin_context()

    return [host.refresh(admin) for host in hosts]


def a_lookalike_name(ctxt, host):  # expect: SRB901
    return host.refresh(get_admin_context_id())


def get_context():
    return None


def get_admin_context_id():
    return 0
