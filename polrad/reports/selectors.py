"""Who may see the reports of which municipality: the one rule for pages, CSV and PDF."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from network.models import Municipality
from polrad.permissions import VIEW_MUNICIPAL_REPORTS, VIEW_NETWORK_DASHBOARD
from polrad.reports.models import StoredReport


def report_municipalities(user) -> QuerySet[Municipality]:
    """Coordinators report on every municipality; municipal staff on those in their scope."""
    if user.has_perm(VIEW_NETWORK_DASHBOARD):
        return Municipality.objects.filter(is_active=True)
    if user.has_perm(VIEW_MUNICIPAL_REPORTS):
        return user.municipalities.filter(is_active=True)
    return Municipality.objects.none()


def report_municipality_get_for_user(user, pk: int) -> Municipality:
    """The municipality, or 404 where the user may not know its reports exist."""
    return get_object_or_404(report_municipalities(user), pk=pk)


def latest_report_for(municipalities):
    """The newest finished municipal PDF of these municipalities, or None."""
    return (
        StoredReport.objects.filter(
            kind=StoredReport.Kind.MUNICIPAL,
            state=StoredReport.State.DONE,
            municipality__in=municipalities,
        )
        .select_related("municipality")
        .order_by("-finished_at", "-pk")
        .first()
    )


def failed_reports(*, since) -> QuerySet[StoredReport]:
    """PDF reports whose task failed after `since`, for administrators."""
    return StoredReport.objects.filter(state=StoredReport.State.FAILED, created_at__gte=since)
