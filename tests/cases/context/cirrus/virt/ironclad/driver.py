"""A driver in a directory without __init__.py, inside a regular package.

Python imports it as cirrus.virt.ironclad.driver (a namespace portion), so
its base class in cirrus.virt.base is found from the project root.
"""
from cirrus.virt import base


class IroncladDriver(base.BaseDriver):
    def cleanup(self, context, instance):  # ok: SRB901
        instance.wipe()

    def rescue(self, context, instance):  # expect: SRB901
        instance.rescue()
