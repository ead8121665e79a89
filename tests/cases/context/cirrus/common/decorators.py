"""The project's own spellings of standard decorators, re-exported for its code."""
import abc

import typing_extensions
from typing_extensions import overload

override = typing_extensions.override
abstractmethod = abc.abstractmethod
__all__ = ["abstractmethod", "overload", "override"]


def overrides(function):
    """A home-made marker: not typing's override, so it exempts nothing."""
    return function
