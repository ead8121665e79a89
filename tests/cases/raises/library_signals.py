"""SRB101 stays silent on the libraries' documented signals: each one ends in
the library's own handler (a periodic task stops, a looping call returns, a
retry starts again, the RPC server logs nothing), where no message is read."""
import oslo_messaging as messaging
import tenacity
from futurist import periodics
from oslo_service import loopingcall
from oslo_service.loopingcall import LoopingCallDone as Done
from oslo_messaging.rpc import dispatcher as rpc_dispatcher


class TryAgain(Exception):
    """The project's own class, named like tenacity's: not a signal."""


def poll(state):
    if state == "gone":
        raise periodics.NeverAgain()  # ok: SRB101
    if state == "done":
        raise loopingcall.LoopingCallDone  # ok: SRB101
    if state == "finished":
        raise Done()  # ok: SRB101
    if state == "busy":
        raise tenacity.TryAgain()  # ok: SRB101
    if state == "expected":
        raise messaging.ExpectedException()  # ok: SRB101
    if state == "expected here":
        # Imported from the module that defines it, as Designate does.
        raise rpc_dispatcher.ExpectedException()  # ok: SRB101
    raise TryAgain()  # expect: SRB101
