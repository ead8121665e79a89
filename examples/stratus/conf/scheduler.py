from oslo_config import cfg

CONF = cfg.CONF

scheduler_group = cfg.OptGroup(name="scheduler")

driver_opt = cfg.StrOpt(
    "driver",
    default="filter_scheduler",
    help="Which scheduler driver to load from the stratus.scheduler.driver "
         "entry-point namespace.",
)

CONF.register_opt(driver_opt, group=scheduler_group)
