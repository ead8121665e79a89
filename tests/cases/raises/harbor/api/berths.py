from harbor import exception
from harbor.exception import PilotUnavailable as NoPilot


class BerthController:
    def show(self, berth_id, found):
        if not found:
            raise exception.BerthNotFound()  # expect: SRB104
        return found

    def delete(self, berth_id, found):
        if not found:
            raise exception.BerthNotFound(berth_id=berth_id)  # ok: SRB104
        return found

    def book(self, ship, hour):
        if hour is None:
            raise NoPilot(ship=ship)  # expect: SRB104
        if ship is None:
            raise NoPilot(ship="unknown", hour=hour)  # ok: SRB104
        raise exception.TugFailure("T-1")  # ok: SRB104
