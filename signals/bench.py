"""Benchmark measurements of the concern app (`make bench`)."""

from django.urls import reverse

from polrad import periods
from polrad.accounts.roles import Role
from polrad.benchmark import register_job, register_page
from signals import tasks
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
