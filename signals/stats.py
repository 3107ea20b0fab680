"""Aggregates of concerns for coordinators and municipal staff: counts only, never a single
concern or any text, with the small-count suppression of the trend updates.

Only whole quarters and years that have ended can be asked for: with a free range of days,
or a period still running, two answers could be subtracted down to a single concern.
"""

from datetime import date

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from network.models import Municipality
from signals.models import Concern
from signals.trends import (
    QUARTERLY,
    Period,
    last_complete,
    local_midnight,
    suppress,
    suppress_linked,
    year_period,
)
from signals.workflow import Outcome

FIGURE_YEARS = 5


def municipalities_for_figures(user) -> QuerySet[Municipality]:
    """Coordinators see the whole network; municipal staff the municipalities in their scope."""
    if user.has_perm("accounts.view_network_dashboard"):
        return Municipality.objects.filter(is_active=True)
    if user.has_perm("accounts.view_municipal_reports"):
        return user.municipalities.filter(is_active=True)
    return Municipality.objects.none()


def figure_periods(today: date | None = None) -> dict[str, list[Period]]:
    """The periods one can ask figures for: the last years and quarters that have ended."""
    today = today or timezone.localdate()
    quarters = [last_complete(QUARTERLY, today)]
    while len(quarters) < 4 * FIGURE_YEARS:
        quarters.append(quarters[-1].previous)
    years = [year_period(today.year - back) for back in range(1, FIGURE_YEARS + 1)]
    return {"years": years, "quarters": quarters}


def _table(counts: dict[str, int], shown: dict) -> dict:
    return {
        "rows": [(label, shown["cells"][label]) for label in counts],
        "total": shown["total"],
        "hidden": shown["hidden"],
    }


def concern_figures(*, municipalities: QuerySet[Municipality], period: Period) -> dict:
    """Concerns submitted in the period in these municipalities: per category, per month
    and per outcome (of those closed). Three queries."""
    submitted = Concern.objects.filter(
        municipality__in=municipalities,
        submitted_at__gte=local_midnight(period.start),
        submitted_at__lt=local_midnight(period.end),
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
    # Categories and months count the same concerns: they hide their total together.
    linked = suppress_linked({"categories": per_category, "months": per_month})
    return {
        "categories": _table(per_category, linked["categories"]),
        "months": _table(per_month, linked["months"]),
        "outcomes": _table(per_outcome, suppress(per_outcome)),
    }
