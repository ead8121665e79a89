# options: --srb-message-keywords=summary
"""--srb-message-keywords replaces the defaults."""


class Failed(Exception):
    def __init__(self, summary=None, reason=None):
        super().__init__("failed: %s %s" % (summary, reason))


def run(cmd):
    if cmd == 1:
        raise Failed(summary="")  # expect: SRB102
    raise Failed(reason="")  # ok: SRB102
