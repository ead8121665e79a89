from stratus.conf import scheduler

CONF = scheduler.CONF
