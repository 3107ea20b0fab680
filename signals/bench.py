"""Benchmark measurements of the concern app (`make bench`)."""

from typing import NamedTuple

from django.db import connection
from django.db.models import Max
from django.urls import reverse

from polrad import periods
from polrad.accounts.roles import Role
from polrad.benchmark import CeleryWorker, register_job, register_page, wait_for
from polrad.models import LinkKey
from signals import tasks
from signals.models import TrendDigest
from signals.selectors import work_queue


def _first_in_queue(user) -> str:
    return reverse("signals:detail", args=[work_queue(user).first().pk])


register_page("concern work queue", "/meldingen/werkvoorraad/", role=Role.HANDLER)
register_page(
    "concern work queue (overdue)", "/meldingen/werkvoorraad/?view=overdue", role=Role.HANDLER
)
register_page("concern detail", _first_in_queue, role=Role.HANDLER)


def _first_with_guidance(user) -> str:
    """A concern whose category has situation guidance: the page shows the cards."""
    queue = work_queue(user).filter(category__polarisation_form__guidance__isnull=False)
    return reverse("signals:detail", args=[queue.first().pk])


register_page("concern detail with guidance", _first_with_guidance, role=Role.HANDLER)
register_page("my reports", "/meldingen/mijn/", role=Role.PROFESSIONAL)
register_page("concern figures", "/meldingen/cijfers/", role=Role.COORDINATOR)


@register_job("trend updates for all reporters")
def _trend_updates():
    """The monthly job end to end, tasks in-process and email to a dummy backend."""
    return tasks.send_trend_updates(period=periods.last_complete(periods.MONTH).key)


# The same run as production does it: the batches go through a broker to real Celery worker
# processes (prefork). Two processes on two cores should take little more than half the time
# of one: the work is rendering, and the shared part is rendered once per process.
WORKER_JOB = "trend updates for all reporters, Celery worker with {} process{}"


class _Run(NamedTuple):
    period: str
    worker: CeleryWorker
    last_link_key: int  # the unsubscribe keys made by the run are removed after it


def _settle_written_tables() -> None:
    """VACUUM ANALYZE the tables a run writes (untimed, before it starts). Each run, and the
    in-process run's rolled-back one, leaves 50,000 dead digest rows and unsubscribe keys;
    autovacuum then woke in the middle of the next run and took a core from two workers."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (TrendDigest, LinkKey):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _start_worker(processes: int):
    def setup() -> _Run:
        period = periods.last_complete(periods.MONTH).key
        TrendDigest.objects.filter(period=period).delete()
        _settle_written_tables()
        last = LinkKey.objects.aggregate(last=Max("pk"))["last"] or 0
        return _Run(period, CeleryWorker(processes).start(), last)

    return setup


def _stop_worker(run: _Run) -> None:
    """Stop the worker; the bench database stays as seeded, so that every run does the same
    work (making 50,000 unsubscribe keys included)."""
    run.worker.stop()
    TrendDigest.objects.filter(period=run.period).delete()
    LinkKey.objects.filter(pk__gt=run.last_link_key).delete()


def _trend_updates_by_workers(run: _Run) -> int:
    period, worker = run.period, run.worker
    total = tasks.send_trend_updates(period=period)
    sent = TrendDigest.objects.filter(period=period, state=TrendDigest.State.SENT)
    what = f"{total:,} trend updates sent"
    # Twice a second, not ten times: each poll counts the 50,000 digests on the database the
    # workers write to, and with two worker processes on two cores the polls took their time
    # from the work being measured. The time is known to within half a second of ~30.
    wait_for(lambda: sent.count() >= total, timeout=30 * 60, what=what, worker=worker, interval=0.5)
    return total


for _processes in (1, 2):
    register_job(
        WORKER_JOB.format(_processes, "" if _processes == 1 else "es"),
        _trend_updates_by_workers,
        setup=_start_worker(_processes),
        teardown=_stop_worker,
        rollback=False,
    )


def _handler_and_concern():
    from polrad.benchmark import user_with_role

    handler = user_with_role(Role.HANDLER)
    return handler, work_queue(handler).first()


@register_job("concern PDF", setup=_handler_and_concern)
def _concern_pdf(handler_and_concern):
    from django.utils import timezone

    from signals.pdf import concern_pdf

    handler, concern = handler_and_concern
    return concern_pdf(concern=concern, viewer=handler, generated_at=timezone.now())
