from oslo_config import cfg

SHARED_GROUP = "backend_defaults"

volume_opts = [
    cfg.StrOpt("target_helper", default="lio"),
    cfg.StrOpt("volume_flavor", choices=["thin", "thick"]),
]
cfg.CONF.register_opts(volume_opts, group=SHARED_GROUP)


class BaseDriver:
    def __init__(self, configuration):
        self.configuration = configuration
        self.target_mapping = {
            "lio": "harbor.targets.Lio",
            "tgt": "harbor.targets.Tgt",
        }
