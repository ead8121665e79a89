class PingMixin:
    def ping(self, context, arg):  # expect: SRB901
        return {"arg": arg}


class PeriodicMixin:
    def run_periodic_tasks(self, context):
        self.tasks.run(context)
