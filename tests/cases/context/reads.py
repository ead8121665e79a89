"""Reads anywhere in the body count; a nested scope that rebinds the name does not."""
import functools


def nested_function(context, hosts):  # ok: SRB901
    def check(host):
        return host.allowed(context)

    return [h for h in hosts if check(h)]


def nested_lambda(context, hosts):  # ok: SRB901
    return sorted(hosts, key=lambda host: host.weight(context))


def comprehension(ctxt, hosts):  # ok: SRB901
    return {host: ctxt.project_id for host in hosts}


def f_string(ctxt, host):  # ok: SRB901
    return f"{host} for {ctxt.user_id}"


def frame_locals(ctxt, host):  # ok: SRB901
    return "%(ctxt)s on %(host)s" % locals()


def frame_vars(ctxt, host):  # ok: SRB901
    return "{ctxt} on {host}".format(**vars())


def augmented(ctx, extra):  # ok: SRB901
    ctx += extra
    return ctx


def default_of_nested(context, hosts):  # ok: SRB901
    def pick(host, ctx=context):
        return host.allowed(ctx)

    return list(filter(pick, hosts))


def shadowed_by_nested_parameter(context, hosts):  # expect: SRB901
    def check(context, host):
        return host.allowed(context)

    return [check(None, h) for h in hosts]


def shadowed_by_comprehension(ctxt, contexts):  # expect: SRB901
    return [ctxt.user_id for ctxt in contexts]


def nonlocal_read(context):  # ok: SRB901
    def inner():
        nonlocal context
        return context

    return inner


class Manager:
    def __init__(self, context):  # ok: SRB901
        self.context = context


class Scheduler(Manager):
    def select(self, context, spec):  # ok: SRB901
        return super().select(context, spec)

    def partial(self, ctxt, spec):  # ok: SRB901
        return functools.partial(self.run, ctxt)(spec)

    def deleted(self, ctxt, spec):  # expect: SRB901
        del ctxt
        return spec
