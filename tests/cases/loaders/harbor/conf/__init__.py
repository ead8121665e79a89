from oslo_config import cfg

from harbor.conf import compute
from harbor.conf import scheduler

CONF = cfg.CONF

compute.register_opts(CONF)
scheduler.register_opts(CONF)
