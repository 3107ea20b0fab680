"""The web process sets aside what it loaded at start-up (polrad.collector)."""

import gc
import importlib
import weakref

import pytest

from polrad import collector


@pytest.fixture
def restored_collector():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_loading_the_wsgi_application_freezes_the_loaded_objects(restored_collector):
    import polrad.wsgi

    gc.unfreeze()
    importlib.reload(polrad.wsgi)
    assert gc.get_freeze_count() > 50_000  # Django and the apps: the collector skips them
    assert gc.get_threshold()[0] == collector.YOUNG_THRESHOLD


def test_cycles_made_after_start_up_are_still_collected(restored_collector):
    collector.set_aside_what_is_loaded()

    class Node:
        pass

    node = Node()
    node.itself = node  # a cycle: reference counting alone never frees it
    gone = weakref.ref(node)
    del node
    gc.collect()
    assert gone() is None


def test_a_celery_worker_process_sets_aside_what_it_loaded(restored_collector):
    """Prefork worker processes render batches of emails: they freeze what they inherited."""
    from celery.signals import worker_process_init

    import polrad.celery  # noqa: F401 -- connects the receiver

    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    worker_process_init.send(sender=None)
    assert gc.get_freeze_count() > 50_000
    assert gc.get_threshold()[0] == collector.YOUNG_THRESHOLD
