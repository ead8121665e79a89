"""Three-valued answers: Tri for judgements, and the door's value, None or UNKNOWN."""

from __future__ import annotations

import enum
from typing import TypeVar, Union

_T = TypeVar("_T")


class Tri(enum.Enum):
    """A three-valued answer; UNKNOWN always ends in silence."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Unknown(enum.Enum):
    """The door did not look: inference is off or the file's budget is spent.

    A caller tells it from None ("looked, and found nothing to go on"): a
    base class not looked at leaves a verdict open, one not found does not.
    """

    UNKNOWN = "unknown"


UNKNOWN = Unknown.UNKNOWN

# What a door question returns: the value, None, or UNKNOWN.
Answer = Union[_T, None, Unknown]
