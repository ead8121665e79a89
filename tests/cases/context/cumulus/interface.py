# options: --srb-interface-classes=cumulus.interface.VolumeDriverCore
"""The driver API, declared apart from the classes that implement it."""


class ConnectionCore:
    def initialize_connection(self, context, volume, connector):
        """Give the connector what it needs to attach the volume."""

    def terminate_connection(self, context, volume, connector):  # expect: SRB901
        """A base of the listed interface is not a mirror of it either."""
        volume.unmap(connector)


class VolumeDriverCore(ConnectionCore):
    def create_volume(self, context, volume):
        """Create a volume on the backend."""

    def delete_volume(self, context, volume):
        """Delete a volume on the backend."""

    def _connection_info(self, context, volume):  # expect: SRB901
        """The interface's own helpers are checked: listing it exempts only mirrors."""
        return {"volume": volume.name}
