"""SRB104: a default-message template whose named fields the raise leaves empty."""


class FleetError(Exception):
    msg_fmt = "Something went wrong in the fleet."
    code = 500

    def __init__(self, message=None, **kwargs):
        kwargs.setdefault("code", self.code)
        super().__init__(message or self.msg_fmt % kwargs)


class DockFull(FleetError):
    msg_fmt = "Dock %(dock)s has no free berth."


class CargoRejected(FleetError):
    msg_fmt = "Cargo %(cargo_id)s was refused by port %(port)s."


class HullBreach(FleetError):
    msg_fmt = "Hull breach, status %(code)s: %(section)s"


class CrewShort(FleetError):
    msg_fmt = "Ship %(ship)s lacks %(count)s crew."

    def __init__(self, ship, count=1):
        super().__init__(ship=ship, count=count)


class CrewShortAgain(CrewShort):
    """Inherits both the template and the __init__ that fills it."""


class Deckhand(Exception):
    pattern_note = None
    message = "Deckhand {name} missed the {watch} watch."

    def __str__(self):
        return self.message


class FormattedBase(Exception):
    message = "Unknown trouble."

    def __init__(self, **kwargs):
        super().__init__(self.message.format(**kwargs))


class RudderStuck(FormattedBase):
    message = "Rudder stuck at {angle} degrees on {vessel}."


class PercentWithBraces(FleetError):
    msg_fmt = "Manifest {not a field} for %(voyage)s."


class Anchored(StopIteration):
    msg_fmt = "Anchored at %(harbour)s."


def sail(options, dock, cargo, port):
    if options == 1:
        raise DockFull()  # expect: SRB104
    if options == 2:
        raise DockFull  # expect: SRB104
    if options == 3:
        raise DockFull(dock=dock)  # ok: SRB104
    if options == 4:
        raise CargoRejected(cargo_id=cargo)  # expect: SRB104
    if options == 5:
        raise CargoRejected(cargo_id=cargo, port=port)  # ok: SRB104
    if options == 6:
        raise CargoRejected(**options)  # ok: SRB104
    if options == 7:
        raise CargoRejected("port %s refused the cargo" % port)  # ok: SRB104
    if options == 8:
        raise CargoRejected(message="port refused the cargo")  # ok: SRB104
    if options == 9:
        raise CrewShort("Aurora")  # ok: SRB104
    if options == 10:
        raise CrewShortAgain("Aurora")  # ok: SRB104
    if options == 11:
        raise HullBreach(section="aft")  # ok: SRB104
    if options == 12:
        raise HullBreach()  # expect: SRB104
    if options == 13:
        raise RudderStuck(angle=30)  # expect: SRB104
    if options == 14:
        raise RudderStuck(angle=30, vessel="Aurora")  # ok: SRB104
    if options == 15:
        raise PercentWithBraces()  # expect: SRB104
    if options == 16:
        raise Anchored()  # ok: SRB104
    if options == 17:
        raise Deckhand()  # ok: SRB104
    if options == 18:
        # Two defects: cargo_id is blank (SRB102), port is not passed (SRB104).
        raise CargoRejected(cargo_id="")  # expect: SRB102, SRB104
    if options == 19:
        raise CargoRejected(cargo_id="", port=port)  # expect: SRB102


class Squall(FleetError):
    msg_fmt = "Squall over %(sea)s."


def forecast(log, sea):
    # Squall is caught in shelter() below, but forecast() is called from
    # elsewhere too, and a handler may show the message: still reported.
    if sea is None:
        raise Squall()  # expect: SRB104
    if sea == "north":
        log.error("No sea given for the forecast")
        raise DockFull()  # expect: SRB104
    return sea


def shelter(log, sea):
    try:
        return forecast(log, sea)
    except Squall:
        return None


def moor(dock):
    try:
        # The handler just below ends it: nobody reads its template.
        raise DockFull()  # ok: SRB104
    except DockFull:
        return None
    finally:
        dock.release()


def moor_loudly(dock):
    try:
        raise DockFull()  # expect: SRB104
    except DockFull:
        dock.release()
        raise
