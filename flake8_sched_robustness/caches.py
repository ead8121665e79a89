"""Bounded LRU maps keyed by strings, so that memory stays flat on a large project."""

from __future__ import annotations

import collections
from typing import Any

# What a cache gives for a key it does not hold (None is a value it holds).
MISSING: Any = object()


class BoundedCache:
    """A small LRU map from string keys to answers."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._data: collections.OrderedDict[tuple[str, ...], Any] = (
            collections.OrderedDict()
        )

    def get(self, key: tuple[str, ...]) -> Any:
        """The value kept for ``key``, or MISSING."""
        value = self._data.get(key, MISSING)
        if value is not MISSING:
            self._data.move_to_end(key)
        return value

    def put(self, key: tuple[str, ...], value: Any) -> None:
        """Keep a value, forgetting the least recently used one past the bound."""
        self._data[key] = value
        if len(self._data) > self._size:
            self._data.popitem(last=False)

    def clear(self) -> None:
        """Forget everything."""
        self._data.clear()
