"""Aggregates of concerns for coordinators and municipal staff: counts only, never a single
concern or any text, with the small-count suppression of the trend updates."""

from datetime import date, timedelta

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from network.models import Municipality
from signals.models import Concern
from signals.trends import local_midnight, suppress
from signals.workflow import Outcome


def municipalities_for_figures(user) -> QuerySet[Municipality]:
    """Coordinators see the whole network; municipal staff the municipalities in their scope."""
    if user.has_perm("accounts.view_network_dashboard"):
        return Municipality.objects.filter(is_active=True)
    if user.has_perm("accounts.view_municipal_reports"):
        return user.municipalities.filter(is_active=True)
    return Municipality.objects.none()


def _table(counts: dict[str, int]) -> dict:
    shown = suppress(counts)
    return {
        "rows": [(label, shown["cells"][label]) for label in counts],
        "total": shown["total"],
        "secondary": shown["secondary"],
    }


def concern_figures(*, municipalities: QuerySet[Municipality], start: date, end: date) -> dict:
    """Concerns submitted in [start, end] in these municipalities: per category, per month
    and per outcome (of those closed in the period). Three queries."""
    submitted = Concern.objects.filter(
        municipality__in=municipalities,
        submitted_at__gte=local_midnight(start),
        submitted_at__lt=local_midnight(end + timedelta(days=1)),
    ).order_by()
    per_category = dict(
        submitted.values_list("category__name").annotate(n=Count("pk")).order_by("category__name")
    )
    per_month = {
        f"{month:%Y-%m}": n
        for month, n in submitted.annotate(month=TruncMonth("submitted_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    }
    outcomes = dict(Outcome.choices)
    per_outcome = {
        str(outcomes.get(key, key)): n
        for key, n in submitted.exclude(outcome="")
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .order_by("outcome")
    }
    return {
        "categories": _table(per_category),
        "months": _table(per_month),
        "outcomes": _table(per_outcome),
    }
