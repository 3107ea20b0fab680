"""Aggregates of concerns for coordinators and municipal staff: counts only, never a single
concern or any text, with the small-count suppression of the trend updates.

Only whole quarters and years that have ended can be asked for: with a free range of days,
or a period still running, two answers could be subtracted down to a single concern.
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Intervention, Municipality
from polrad.dates import local_midnight, months_of
from signals.models import CaseConference, Concern
from signals.trends import (
    QUARTERLY,
    Period,
    last_complete,
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


def _per_month(concerns: QuerySet[Concern], months: list[date], field: str) -> dict:
    """Concerns per month and per value of `field`: one query."""
    rows = (
        concerns.order_by()
        .annotate(month=TruncMonth("submitted_at"))
        .values_list("month", field)
        .annotate(n=Count("pk"))
    )
    counts: dict[date, dict[str, int]] = {month: {} for month in months}
    for month, value, n in rows:
        counts[timezone.localtime(month).date()][value] = n
    return counts


def concern_month_grid(*, municipalities, months: list[date]) -> dict:
    """Concerns submitted per calendar month (a column each), per category and per outcome
    (plus those not closed yet): two queries. `municipalities` None means everywhere.

    Every count anywhere is a cell of this one grid of months, each month suppressed on its
    own (the categories and outcomes of a month count the same concerns and hide their total
    together), and there are no totals over several months: numbers of one grid cannot be
    combined into anything the grid does not show already, however the periods overlap.
    """
    concerns = Concern.objects.filter(
        submitted_at__gte=local_midnight(months[0]),
        submitted_at__lt=local_midnight(months[-1] + relativedelta(months=1)),
    )
    if municipalities is not None:
        concerns = concerns.filter(municipality__in=municipalities)
    per_category = _per_month(concerns, months, "category__name")
    per_outcome = _per_month(concerns, months, "outcome")
    categories = sorted({name for counts in per_category.values() for name in counts})
    not_closed = _("Not closed with an outcome yet")
    outcomes = [*(str(label) for _value, label in Outcome.choices), not_closed]
    shown = []
    for month in months:
        by_category = {name: per_category[month].get(name, 0) for name in categories}
        closed = {str(label): per_outcome[month].get(value, 0) for value, label in Outcome.choices}
        closed[not_closed] = sum(by_category.values()) - sum(closed.values())
        shown.append(suppress_linked({"categories": by_category, "outcomes": closed}))
    return {
        "months": months,
        "categories": _grid(categories, [month["categories"] for month in shown]),
        "outcomes": _grid(outcomes, [month["outcomes"] for month in shown]),
        "hidden": any(month[table]["hidden"] for month in shown for table in month),
    }


def _grid(names: list[str], months: list[dict]) -> dict:
    return {
        "rows": [[name, *(month["cells"][name] for month in months)] for name in names],
        "totals": [month["total"] for month in months],
    }


def concern_figures(*, municipalities: QuerySet[Municipality], period: Period) -> dict:
    """The month grid of a whole quarter or year that has ended: counts only."""
    return concern_month_grid(
        municipalities=municipalities, months=months_of(period.start, period.end)
    )


def conference_intervention_month_grid(*, municipalities, months: list[date]) -> dict:
    """Interventions chosen in case conferences per calendar month of the conference, per kind
    and per practice category (each choice of an intervention counts once): one query.

    Concern-derived, so built like `concern_month_grid`: one grid of whole months, each month
    suppressed on its own (kinds and categories count the same choices and hide together), no
    totals over several months."""
    choices = CaseConference.interventions.through.objects.filter(
        caseconference__held_on__gte=months[0],
        caseconference__held_on__lt=months[-1] + relativedelta(months=1),
    )
    if municipalities is not None:
        choices = choices.filter(caseconference__concern__municipality__in=municipalities)
    rows = (
        choices.annotate(month=TruncMonth("caseconference__held_on"))
        .values_list("month", "intervention__kind", "intervention__category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kinds = {value: str(label) for value, label in Intervention.Kind.choices}
    categories = {value: str(label) for value, label in Intervention.Category.choices}
    counts = {
        month: ({k: 0 for k in kinds.values()}, {c: 0 for c in categories.values()})
        for month in months
    }
    for month, kind, category, n in rows:
        by_kind, by_category = counts[month]
        by_kind[kinds[kind]] += n
        by_category[categories[category]] += n
    shown = [
        suppress_linked({"kinds": counts[month][0], "categories": counts[month][1]})
        for month in months
    ]
    return {
        "months": months,
        "kinds": _grid(list(kinds.values()), [month["kinds"] for month in shown]),
        "categories": _grid(list(categories.values()), [month["categories"] for month in shown]),
    }
