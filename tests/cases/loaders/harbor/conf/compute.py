from oslo_config import cfg

compute_opts = [
    cfg.StrOpt("compute_driver", help="Which virt driver to load."),
]
monitor_opts = [
    cfg.ListOpt("monitors", default=[], choices=None),
]
ALL_OPTS = compute_opts + monitor_opts


def register_opts(conf):
    conf.register_opts(ALL_OPTS)
