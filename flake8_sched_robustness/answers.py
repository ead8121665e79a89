"""The three-valued answer the rules share: yes, no, or unknown."""

from __future__ import annotations

import enum


class Tri(enum.Enum):
    """A three-valued answer; UNKNOWN always ends in silence."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"
