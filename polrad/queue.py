"""Fan-out for the tasks at the edge: one task per recipient, after commit."""

from collections.abc import Iterable


def queue_each(task, ids: Iterable[int], *args) -> int:
    """Queue `task(id, *args)` for every id; returns how many were queued."""
    count = 0
    for pk in ids:
        task.delay(pk, *args)
        count += 1
    return count
