"""Re-exports every exception; only inference can see through the star."""
from skyward.exception import *  # noqa: F401,F403
