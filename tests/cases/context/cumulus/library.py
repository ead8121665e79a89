"""A backend library mirrors the driver API without inheriting from it."""
from cumulus import admin


class BlockLibrary:
    def __init__(self, client):
        self.client = client

    def create_volume(self, context, volume):  # ok: SRB901
        self.client.create(volume.name, volume.size)

    def initialize_connection(self, context, volume, connector):  # ok: SRB901
        return self.client.map(volume.name, connector)

    def resize_volume(self, context, volume, size):  # expect: SRB901
        self.client.resize(volume.name, size)

    def delete_volume(self, context, volume):  # expect: SRB202
        context = admin.get_admin_context()
        self.client.delete(volume.name, context.project_id)


def create_volume(context, volume):  # expect: SRB901
    volume.create()

