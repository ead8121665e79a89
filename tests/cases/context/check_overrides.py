# options: --srb-check-overrides=true
"""With --srb-check-overrides, overrides and @override methods are reported too."""
import typing_extensions


class BaseDriver:
    def attach(self, context, volume):
        volume.attach(context)


class Driver(BaseDriver):
    def attach(self, context, volume):  # expect: SRB901
        volume.mark_attached()

    @typing_extensions.override
    def detach(self, context, volume):  # expect: SRB901
        volume.mark_detached()

    def get_stats(self, context, pool):  # ok: SRB901
        """Stubs stay silent."""
        return None
