from oslo_config import cfg

scheduler_group = cfg.OptGroup(name="scheduler", title="Scheduler options")

scheduler_opts = [
    cfg.StrOpt(
        "driver",
        default="filter_scheduler",
        choices=["filter_scheduler", "fake_scheduler"],
        help="The scheduler driver.",
    ),
    cfg.StrOpt("weigher", default="harbor.weights.Ram"),
]


def register_opts(conf):
    conf.register_group(scheduler_group)
    conf.register_opts(scheduler_opts, group=scheduler_group)


def list_opts():
    return {scheduler_group: scheduler_opts}
