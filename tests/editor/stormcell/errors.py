"""Exceptions of a small cell scheduler; some carry a default message."""


class StormcellError(Exception):
    msg_fmt = "An unknown cell scheduling error occurred."


class NoCellAvailable(StormcellError):
    msg_fmt = "No cell can take the instance."


class CellBusy(Exception):
    """Raised when a cell refuses work; it has no text of its own."""
