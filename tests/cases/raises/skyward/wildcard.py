"""Re-exports every exception with a star import, followed from source."""
from skyward.exception import *  # noqa: F401,F403
