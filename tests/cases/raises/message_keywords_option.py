# options: --srb-extend-message-keywords=summary
"""--srb-extend-message-keywords adds a keyword to the defaults."""


class Failed(Exception):
    def __init__(self, summary=None, reason=None, stdout=None):
        super().__init__("failed: %s %s" % (summary, reason))


def run(cmd):
    if cmd == 1:
        raise Failed(summary="")  # expect: SRB102
    if cmd == 2:
        raise Failed(reason="")  # expect: SRB102
    raise Failed(stdout="")  # ok: SRB102
