"""SRB102 counts a blank keyword only where it fills the message: a
placeholder of the class's default-message template or, where there is no
template, one of the configured message keywords.  Other blanks are data."""
from gettext import gettext as _

from vendor_not_installed import failures


class CommandFailed(Exception):
    """Builds its text from its arguments: no template to name placeholders."""

    def __init__(self, stdout=None, stderr=None, cmd=None, reason=None):
        super().__init__("%s failed: %s %s" % (cmd, stderr, reason))


class VolumeMissing(Exception):
    msg_fmt = _("Volume {volume_id} was not found on {host}.")


class GroupMissing(Exception):
    message = _("Instance group %(group_uuid)s could not be found.")


class Fixed(Exception):
    msg_fmt = "The operation is not supported."


def run(cmd):
    if cmd == 1:
        raise CommandFailed(stdout="", stderr="Error running SSH command", cmd=cmd)  # ok: SRB102
    if cmd == 2:
        raise CommandFailed(stdout="out", reason="")  # expect: SRB102
    if cmd == 3:
        raise VolumeMissing(volume_id="", host="h1")  # expect: SRB102
    if cmd == 4:
        raise VolumeMissing(volume_id="v1", host="h1", reason="")  # ok: SRB102
    if cmd == 5:
        raise GroupMissing(group_uuid="")  # expect: SRB102
    if cmd == 6:
        raise GroupMissing(group_uuid="g1", detail="")  # ok: SRB102
    if cmd == 7:
        raise Fixed(reason="")  # ok: SRB102
    if cmd == 8:
        raise failures.Failure(stdout="", exit_code=1)  # ok: SRB102
    if cmd == 9:
        raise failures.Failure(explanation=" ")  # expect: SRB102
    raise Fixed("")  # expect: SRB102
