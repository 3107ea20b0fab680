"""Benchmark measurements of the trainings app (`make bench`)."""

from datetime import timedelta

from django.utils import timezone

from polrad.accounts.roles import Role
from polrad.benchmark import BenchError, register_job, register_page
from trainings.certificates import certificate_pdf, verification_url
from trainings.models import Certificate
from trainings.stats import TrainingFigures, training_figures

# --- figures and certificates (helper B) ----------------------------------------------------

register_page("trainings dashboard", "/trainingen/cijfers/", role=Role.COORDINATOR)


def _a_certificate() -> Certificate:
    certificate = Certificate.objects.select_related("programme").order_by("pk").first()
    if certificate is None:
        raise BenchError("no certificate to render; seed the database (seed_demo --scale)")
    return certificate


@register_job("certificate PDF", setup=_a_certificate, n=5)
def _certificate_pdf(certificate: Certificate) -> bytes:
    return certificate_pdf(certificate=certificate, verify_url=verification_url(certificate))


# --- sessions and attendance (helper A) -----------------------------------------------------


def _busiest_recent_session(user) -> str:
    """The attendance page of the past month's session with the most participants."""
    # Imported here: this part is appended below the module's other measurements.
    from datetime import timedelta

    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone

    from trainings.models import Session

    since = timezone.now() - timedelta(days=31)
    session = (
        Session.objects.filter(starts_at__gte=since, starts_at__lte=timezone.now())
        .annotate(n=Count("enrolments"))
        .order_by("-n", "pk")
        .first()
    )
    if session is None:
        raise BenchError("no session in the past month; seed the database (seed_demo --scale)")
    return reverse("trainings:attendance", args=[session.pk])


register_page("training sessions", "/trainingen/", role=Role.COORDINATOR)
register_page("session attendance", _busiest_recent_session, role=Role.COORDINATOR)


# --- coaching (helper C) --------------------------------------------------------------------

register_page("coaching overview", "/trainingen/coaching/", role=Role.COORDINATOR)


# --- figures without the cache --------------------------------------------------------------


def _last_twelve_months() -> dict:
    today = timezone.localdate()
    return {"date_from": today - timedelta(days=365), "date_to": today}


def _training_figures(period: dict) -> TrainingFigures:
    return training_figures(**period)


# The dashboard page is measured warm (figures cached until they change); this is the cost of
# the first request after a change, for the whole network.
register_job(
    "trainings figures of 12 months (uncached)",
    _training_figures,
    setup=_last_twelve_months,
    n=5,
)
