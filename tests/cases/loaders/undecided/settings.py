class Options(dict):
    """Operator settings: whatever the configuration file says."""


OPTS = Options()
