"""A name template alone, with no getattr on a computed name, exempts nothing."""
LABEL = "_{}_{}_log".format("delete", "port")


class Recorder:
    def _delete_port_log(self, context):  # expect: SRB901
        self.ports.clear()
