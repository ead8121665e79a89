# options: --srb-extend-context-decorators=*.audited
"""Extra decorators that use the context themselves."""
from nimbus import audit


@audit.audited
def resize(context, instance):  # ok: SRB901
    instance.resize()


@audit.logged
def rebuild(context, instance):  # expect: SRB901
    instance.rebuild()
