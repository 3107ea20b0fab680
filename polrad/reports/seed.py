"""Demo data of the reports: one PDF whose task failed, for the administrator to look into."""

from datetime import timedelta

from django.utils import timezone

from network.models import Municipality
from polrad.accounts.models import User
from polrad.accounts.seed import DEMO_SCOPE
from polrad.period_forms import default_period
from polrad.reports.models import StoredReport


def seed_demo(out) -> None:
    if StoredReport.objects.exists():
        out(f"stored reports: {StoredReport.objects.count()}")
        return
    city = Municipality.objects.filter(cbs_code=DEMO_SCOPE).first()
    period = default_period()
    failed_at = timezone.now() - timedelta(hours=5)
    StoredReport.objects.create(
        kind=StoredReport.Kind.MUNICIPAL,
        municipality=city,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        language="nl",
        requested_by=User.objects.filter(email="municipality@example.org").first(),
        state=StoredReport.State.FAILED,
        created_at=failed_at,
        finished_at=failed_at,
        error="OSError: no space left on device (demo)",
    )
    out("stored reports: 1 (failed, for the administrator)")


def seed_scale(out) -> None:
    """The benchmark needs no stored reports."""
