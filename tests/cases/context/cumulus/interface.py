# options: --srb-interface-classes=cumulus.interface.VolumeDriverCore
"""The driver API, declared apart from the classes that implement it."""


class ConnectionCore:
    def initialize_connection(self, context, volume, connector):
        """Give the connector what it needs to attach the volume."""


class VolumeDriverCore(ConnectionCore):
    def create_volume(self, context, volume):
        """Create a volume on the backend."""

    def delete_volume(self, context, volume):
        """Delete a volume on the backend."""
