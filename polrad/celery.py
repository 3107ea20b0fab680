import os

from celery import Celery
from celery.signals import worker_process_init

from polrad.collector import set_aside_what_is_loaded as _set_aside

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "polrad.settings")

app = Celery("polrad")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def set_aside_what_is_loaded(**_kwargs) -> None:
    """Each worker process sets aside what it loaded, as a web process does (polrad.collector):
    a batch of 100 trend updates allocates enough to set off full collections, which would
    otherwise walk Django and every app each time."""
    _set_aside()
