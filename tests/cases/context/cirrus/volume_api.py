"""Decorators reached through the project's re-exports count as the originals."""
from cirrus.common import decorators
from cirrus.common.decorators import abstractmethod


class VolumeAPI:
    @decorators.override
    def attach(self, context, volume):  # ok: SRB901
        volume.attach()

    @decorators.abstractmethod
    def detach(self, context, volume):  # ok: SRB901
        volume.detach()

    @abstractmethod
    def extend(self, context, volume, size):  # ok: SRB901
        volume.extend(size)

    @decorators.overload
    def lookup(self, context, key):  # ok: SRB901
        return key

    @decorators.overrides
    def resize(self, context, volume, size):  # expect: SRB901
        volume.resize(size)
