from cirrus import manager


class SchedulerManager(manager.Manager):
    def __init__(self, context=None):  # ok: SRB901
        super().__init__()

    def select_destinations(self, ctxt, spec):  # ok: SRB901
        return self.driver.select_destinations(ctxt, spec)

    def update_aggregates(self, ctxt, aggregates):  # expect: SRB901
        self.host_manager.update_aggregates(aggregates)

    def delete_aggregate(self, ctxt, aggregate):  # expect: SRB901
        self.host_manager.delete_aggregate(aggregate)

    def reset(self, context=None):  # ok: SRB901
        self.host_manager.refresh()
