# options: --srb-context-names=tenant_ctx --srb-extend-context-types=*SecurityContext
"""Replaced names, and an extra context type."""
from nimbus.auth import SecurityContext


def renamed(tenant_ctx, host):  # expect: SRB901
    return host.name


def default_name_now_plain(context, host):  # ok: SRB901
    return host.name


def extra_type(auth: SecurityContext, host):  # expect: SRB901
    return host.name


def default_type_kept(auth: "RequestContext", host):  # expect: SRB901
    return host.name
