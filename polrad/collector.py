"""Python's garbage collector in a serving process: what was loaded at start-up is set aside.

A web process holds a few hundred thousand long-lived objects once Django, the apps, their
URL patterns and templates are loaded. CPython's full collection walks all of them, and a
request that allocates much (a page of 342 municipalities, a long list) sets one off: a
pause of tens of milliseconds in the middle of somebody's page. `gc.freeze()` moves the
objects alive at that moment to a permanent generation the collector no longer walks, and
a larger first threshold lets a request's short-lived objects die by reference counting
before a collection looks at them. Reference cycles are still collected.

Called where a process has loaded the application and before it serves: `polrad.wsgi`
(gunicorn and any WSGI server), each Celery worker process (`polrad.celery`, on
worker_process_init) and the bench (`manage.py bench`), so that what is measured is what is
served.
"""

import gc

# Allocations (minus deallocations) of container objects before a young collection: CPython's
# default is 700, some dozens of collections per request here.
YOUNG_THRESHOLD = 50_000


def set_aside_what_is_loaded() -> None:
    """Freeze the objects alive now and raise the young generation's threshold."""
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
