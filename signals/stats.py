"""Aggregates of concerns for coordinators and municipal staff: counts only, never a single
concern or any text, each month published once with the suppression of `signals.suppression`.

Only whole quarters and years that have ended can be asked for: with a free range of days,
or a period still running, two answers could be subtracted down to a single concern.
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from network.models import Intervention, Municipality
from polrad import periods
from polrad.dates import months_of
from polrad.figure_cache import VersionedCache
from polrad.periods import Period
from polrad.permissions import VIEW_MUNICIPAL_REPORTS, VIEW_NETWORK_DASHBOARD
from signals.models import CaseConference
from signals.suppression import (
    Published,
    combined,
    month_publications,
    not_closed_label,
    publish,
)
from signals.workflow import Outcome

FIGURE_YEARS = 5


def municipalities_for_figures(user) -> QuerySet[Municipality]:
    """Coordinators see the whole network; municipal staff the municipalities in their scope."""
    if user.has_perm(VIEW_NETWORK_DASHBOARD):
        return Municipality.objects.filter(is_active=True)
    if user.has_perm(VIEW_MUNICIPAL_REPORTS):
        return user.municipalities.filter(is_active=True)
    return Municipality.objects.none()


def places_for_figures(user, allowed: QuerySet[Municipality], chosen) -> list | None:
    """The chosen municipality; without a choice the whole region for coordinators (None),
    each municipality in scope for municipal staff."""
    if chosen is not None:
        return [chosen]
    if user.has_perm(VIEW_NETWORK_DASHBOARD):
        return None
    return list(allowed)


def figure_periods(today: date | None = None) -> dict[str, list[Period]]:
    """The periods one can ask figures for: the last years and quarters that have ended."""
    today = today or timezone.localdate()
    quarters = [periods.last_complete(periods.QUARTER, today)]
    while len(quarters) < 4 * FIGURE_YEARS:
        quarters.append(quarters[-1].previous)
    years = [periods.year(today.year - back) for back in range(1, FIGURE_YEARS + 1)]
    return {"years": years, "quarters": quarters}


def concern_month_grid(*, municipalities, months: list[date]) -> dict:
    """The published months (a column each): the region's concerns per category and per
    outcome, and the concerns of the chosen municipalities (`None`: the region as a whole).

    Category and outcome tables are always the region's: split per municipality, beside the
    region's, they could be subtracted. Several municipalities show a row each; their sum
    only where every part is shown.
    """
    published = month_publications(months)
    columns = [published[month] for month in months]
    categories = sorted({label for pub in columns for label in pub.tables.get("categories", [])})
    outcomes = [*(str(label) for _value, label in Outcome.choices), not_closed_label()]
    totals = [pub.total for pub in columns]
    if municipalities is None:
        places = {"rows": [], "totals": totals}
    else:
        rows = [
            [place.name, *(pub.text("municipalities", str(place.pk)) for pub in columns)]
            for place in sorted(municipalities, key=lambda place: place.name)
        ]
        sums = [combined([row[index] for row in rows]) for index in range(1, len(months) + 1)]
        places = {"rows": rows, "totals": rows[0][1:] if len(rows) == 1 else sums}
    return {
        "months": months,
        "region_wide": municipalities is not None,
        "places": places,
        "categories": _grid("categories", categories, columns, totals),
        "outcomes": _grid("outcomes", outcomes, columns, totals),
        "hidden": any(pub.hidden for pub in columns),
    }


def _grid(table: str, labels: list[str], columns: list[Published], totals: list[str]) -> dict:
    return {
        "rows": [[label, *(pub.text(table, label) for pub in columns)] for label in labels],
        "totals": totals,
    }


def concern_figures(*, municipalities, period: Period) -> dict:
    """The month grid of a whole quarter or year that has ended: counts only."""
    return concern_month_grid(
        municipalities=municipalities, months=months_of(period.start, period.after)
    )


# Case conferences recorded for a municipality's concerns: services name the municipality, so
# the figures of the others stay cached.
CONFERENCES = VersionedCache("signals:conferences", timeout=60 * 60)


def conferences_changed(municipality_ids) -> None:
    CONFERENCES.changed(municipality_ids)


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
        publish({"kinds": counts[month][0], "categories": counts[month][1]}) for month in months
    ]
    totals = [pub.total for pub in shown]
    return {
        "months": months,
        "kinds": _grid("kinds", list(kinds.values()), shown, totals),
        "categories": _grid("categories", list(categories.values()), shown, totals),
    }
