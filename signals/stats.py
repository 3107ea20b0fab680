"""Aggregates of concerns for coordinators and municipal staff: counts only, never a single
concern or any text, each month published once with the suppression of `signals.suppression`.

Only whole quarters and years that have ended can be asked for: with a free range of days,
or a period still running, two answers could be subtracted down to a single concern.
"""

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from network.models import Municipality
from polrad.dates import months_of
from signals.suppression import Published, combined, month_publications, not_closed_label
from signals.trends import QUARTERLY, Period, last_complete, year_period
from signals.workflow import Outcome

FIGURE_YEARS = 5


def municipalities_for_figures(user) -> QuerySet[Municipality]:
    """Coordinators see the whole network; municipal staff the municipalities in their scope."""
    if user.has_perm("accounts.view_network_dashboard"):
        return Municipality.objects.filter(is_active=True)
    if user.has_perm("accounts.view_municipal_reports"):
        return user.municipalities.filter(is_active=True)
    return Municipality.objects.none()


def places_for_figures(user, allowed: QuerySet[Municipality], chosen) -> list | None:
    """The chosen municipality; without a choice the whole region for coordinators (None),
    each municipality in scope for municipal staff."""
    if chosen is not None:
        return [chosen]
    if user.has_perm("accounts.view_network_dashboard"):
        return None
    return list(allowed)


def figure_periods(today: date | None = None) -> dict[str, list[Period]]:
    """The periods one can ask figures for: the last years and quarters that have ended."""
    today = today or timezone.localdate()
    quarters = [last_complete(QUARTERLY, today)]
    while len(quarters) < 4 * FIGURE_YEARS:
        quarters.append(quarters[-1].previous)
    years = [year_period(today.year - back) for back in range(1, FIGURE_YEARS + 1)]
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
        municipalities=municipalities, months=months_of(period.start, period.end)
    )
