"""SRB901: context parameters that the body never reads."""
import typing
from typing import Optional

from nimbus import context as nimbus_context
from nimbus.context import RequestContext


class HostTracker:
    def update_aggregates(self, ctxt, aggregates):  # expect: SRB901
        self.host_manager.update_aggregates(aggregates)

    def delete_aggregate(self, ctxt, aggregate):  # ok: SRB901
        self.host_manager.delete_aggregate(ctxt, aggregate)

    async def refresh(self, context, host):  # expect: SRB901
        await self.cache.refresh(host)

    @staticmethod
    def summarize(request_context, hosts):  # expect: SRB901
        return len(hosts)

    @classmethod
    def build(cls, req_context, spec):  # expect: SRB901
        return cls(spec)


def positional_only(ctx, /, host):  # expect: SRB901
    return host.name


def keyword_only(host, *, context):  # expect: SRB901
    return host.name


def keyword_only_read(host, *, context):  # ok: SRB901
    return context.elevated(), host


def annotated(
    caller: RequestContext,  # expect: SRB901
    admin: nimbus_context.RequestContext,  # expect: SRB901
    maybe: Optional[RequestContext],  # expect: SRB901
    union: "RequestContext | None",  # expect: SRB901
    old_union: typing.Union[None, nimbus_context.AdminRequestContext],  # expect: SRB901
    other: "list[RequestContext]",  # ok: SRB901
    plain: int,  # ok: SRB901
):
    return plain, other


def annotated_read(caller: RequestContext, host):  # ok: SRB901
    return caller.project_id, host


def forwards_kwargs_only(context, **kwargs):  # expect: SRB901
    return dispatch(**kwargs)


drop = lambda ctxt, host: host  # expect: SRB901
keep = lambda ctxt, host: ctxt.elevated()  # ok: SRB901


def dispatch(**kwargs):
    return kwargs
