"""Figures kept in the cache until a write changes them: one version per kind of figures.

Services call `changed()` (after commit) when they write something the figures count; every
cached result of that kind then goes stale at once, because its key carries the version. The
timeout bounds the staleness of a write that does not call it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

T = TypeVar("T")


class VersionedCache:
    def __init__(self, name: str, *, timeout: int):
        self.name = name
        self.timeout = timeout
        self.version_key = f"{name}-version"

    def changed(self) -> None:
        """Every result cached so far is stale."""
        try:
            cache.incr(self.version_key)
        except ValueError:  # not in the cache (yet, or any more): any new value will do
            cache.set(self.version_key, time.time_ns(), None)

    def get(self, params, compute: Callable[[], T]) -> T:
        """The result for these parameters (and the active language), computed when the
        cache has none of the current version."""
        version = cache.get_or_set(self.version_key, time.time_ns, None)
        digest = hashlib.sha256(repr((params, get_language())).encode()).hexdigest()
        key = f"{self.name}:{version}:{digest}"
        result = cache.get(key)
        if result is None:
            result = compute()
            cache.set(key, result, self.timeout)
        return result
