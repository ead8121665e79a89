def _(text):
    return text


class HarborError(Exception):
    msg_fmt = _("The harbor could not do that.")
    code = 500

    def __init__(self, message=None, **kwargs):
        kwargs.setdefault("code", self.code)
        super().__init__(message or self.msg_fmt % kwargs)


class BerthNotFound(HarborError):
    msg_fmt = _("Berth %(berth_id)s could not be found.")
    code = 404


class PilotUnavailable(HarborError):
    msg_fmt = _("No pilot for %(ship)s before %(hour)s (status %(code)s).")


class TugFailure(HarborError):
    msg_fmt = _("Tug %(tug)s failed: %(reason)s")

    def __init__(self, tug, **kwargs):
        kwargs["reason"] = kwargs.get("reason", "unknown")
        super().__init__(tug=tug, **kwargs)
