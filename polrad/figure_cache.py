"""Figures kept in the cache until a write changes them: a version per kind of figures, and
one per scope of them (a municipality, a month).

Services call `changed(scopes)` (after commit) when they write something the figures count,
naming the scopes the write touched: every cached result that depends on one of them goes
stale at once, because its key carries the versions it was computed under, and results of
other scopes stay. A result of no scope in particular (the whole region) depends on every
scope. `changed()` without scopes makes every result of that kind stale (a renamed category,
a write that cannot tell its scopes). The timeout bounds the staleness of a write that does
not call it.

A result may depend on several kinds (a report section counting activities and case
conferences): `Cached` names them all, and `fetch` reads the versions of every result asked
for and then the results themselves in two round trips to the cache.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

T = TypeVar("T")

EVERY_SCOPE = "*"  # the version a result of the whole region carries: bumped by every change


class VersionedCache:
    def __init__(self, name: str, *, timeout: int):
        self.name = name
        self.timeout = timeout
        self.version_key = f"{name}-version"

    def scope_key(self, scope) -> str:
        return f"{self.version_key}:{scope}"

    def changed(self, scopes: Iterable | None = None) -> None:
        """Results of these scopes, and of the whole region, are stale; without scopes, every
        result cached so far."""
        if scopes is None:
            _bump(self.version_key)
            return
        for scope in {EVERY_SCOPE, *(str(scope) for scope in scopes)}:
            _bump(self.scope_key(scope))

    def version_keys(self, scopes: Iterable | None) -> list[str]:
        """The versions a result of these scopes (None: the whole region) is computed under."""
        if scopes is None:
            return [self.version_key, self.scope_key(EVERY_SCOPE)]
        return [self.version_key, *(self.scope_key(s) for s in sorted({str(s) for s in scopes}))]

    def get(
        self,
        params,
        compute: Callable[[], T],
        *,
        scopes: Iterable | None = None,
        timeout: int | None = None,
    ) -> T:
        """The result for these parameters (and the active language), computed when the
        cache has none of the current versions of its scopes (None: the whole region)."""
        entry = Cached(self.name, params, compute, [(self, scopes)], timeout or self.timeout)
        return fetch([entry])[0]


@dataclass
class Cached:
    """One result to fetch: under `name` for these parameters, depending on the versions of
    the scopes of each kind it counts."""

    name: str
    params: Any
    compute: Callable[[], Any] | None
    depends_on: Sequence[tuple[VersionedCache, Iterable | None]]
    timeout: int


def fetch(entries: list[Cached], *, compute_missing: Callable[[list], list] | None = None) -> list:
    """The results of the entries, from the cache where it holds them under the current
    versions, computed (and kept) otherwise: two round trips when all are cached.

    `compute_missing(entries)` computes the results of the entries the cache lacks in one go
    (in their order), where that is cheaper than each entry's own `compute`."""
    return fetch_keyed(entries, compute_missing=compute_missing)[0]


def fetch_keyed(
    entries: list[Cached], *, compute_missing: Callable[[list], list] | None = None
) -> tuple[list, list[str]]:
    """`fetch`, and the keys the results are kept under: they change when a result would
    (what is made of the results, such as a rendered page, can be kept under them)."""
    wanted = [
        [key for kind, scopes in entry.depends_on for key in kind.version_keys(scopes)]
        for entry in entries
    ]
    versions = _versions({key for keys in wanted for key in keys})
    language = get_language()
    keys = []
    for entry, version_keys in zip(entries, wanted, strict=True):
        parts = (entry.params, [versions[key] for key in version_keys], language)
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()
        keys.append(f"{entry.name}:{digest}")
    found = cache.get_many(keys)
    missing = [(entry, key) for entry, key in zip(entries, keys, strict=True) if key not in found]
    if missing:
        if compute_missing is None:
            computed = [entry.compute() for entry, _key in missing]
        else:
            computed = compute_missing([entry for entry, _key in missing])
        for (entry, key), result in zip(missing, computed, strict=True):
            cache.set(key, result, entry.timeout)
            found[key] = result
    return [found[key] for key in keys], keys


def _versions(keys: set[str]) -> dict[str, int]:
    versions = cache.get_many(list(keys))
    for key in keys - versions.keys():
        # Not in the cache (yet, or any more): any new value will do, the first one wins.
        new = time.time_ns()
        cache.add(key, new, None)
        versions[key] = cache.get(key, new)
    return versions


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not in the cache (yet, or any more): any new value will do
        cache.set(key, time.time_ns(), None)
