"""What the network already knows about a municipality, read live beside an analysis and as
hints beside basis op orde. Every app is read through its own selectors and figures; concern
figures only as the suppressed month grid of `signals.stats` (never a count under the
threshold, never any text).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.cache import cache
from django.db.models import Count, Exists, Q, Subquery, Sum, Value
from django.utils import timezone, translation

from network.models import Municipality, NetworkAgreement
from network.selectors import (
    agreements_for_municipality,
    coverage_row,
    key_figures_in,
)
from polrad import periods
from polrad.accounts.models import User
from polrad.accounts.roles import Role
from polrad.dates import month_label, months_of
from rolemodels.selectors import activities_for_overview, role_models_in_stage
from rolemodels.workflow import ActivityState, Stage
from signals.stats import concern_month_grid
from signals.trends import suppression_note
from trainings.stats import ATTENDED_Q, seats_in

ACTIVITY_MONTHS = 12
TRAINED_MONTHS = 24


def concern_months(today: date | None = None) -> list[date]:
    """The twelve months of the last four quarters that have ended."""
    last = periods.last_complete(periods.QUARTER, today)
    return months_of(last.after - relativedelta(months=12), last.after)


def concern_figures(municipality) -> dict:
    """The municipality's concerns per month of the last four ended quarters, and the whole
    region's per category (split per municipality they could be subtracted), suppressed."""
    months = concern_months()
    grid = concern_month_grid(municipalities=[municipality], months=months)
    return {
        "columns": [month_label(month) for month in months],
        "place": grid["places"]["rows"][0],
        "rows": grid["categories"]["rows"],
        "totals": grid["categories"]["totals"],
        "note": suppression_note(),
    }


def _approved_activities(municipality):
    since = timezone.localdate() - relativedelta(months=ACTIVITY_MONTHS)
    return activities_for_overview().filter(
        state=ActivityState.APPROVED, municipality=municipality, date__gte=since
    )


def _trained_seats(municipality, months: int = TRAINED_MONTHS):
    today = timezone.localdate()
    seats = seats_in(
        date_from=today - relativedelta(months=months), date_to=today, municipalities=[municipality]
    )
    return seats.filter(ATTENDED_Q)


def role_models_active(municipality) -> int:
    return role_models_in_stage(Stage.ACTIVE).filter(municipality=municipality).count()


def professionals_trained(municipality, months: int = TRAINED_MONTHS) -> int:
    return _trained_seats(municipality, months).aggregate(n=Count("email", distinct=True))["n"]


def _scalar(queryset, aggregate):
    """An aggregate over a queryset as a subquery, so that several go in one query."""
    whole = queryset.order_by().annotate(whole=Value(1)).values("whole")
    return Subquery(whole.annotate(n=aggregate).values("n")[:1])


def municipality_figures(municipality) -> dict:
    """`activity_figures`, `role_models_active` and `professionals_trained` in one query."""
    activities = _approved_activities(municipality)
    active = role_models_in_stage(Stage.ACTIVE).filter(municipality=municipality)
    n_activities, participants, role_models, trained = (
        Municipality.objects.filter(pk=municipality.pk)
        .values_list(
            _scalar(activities, Count("pk")),
            _scalar(activities, Sum("participants")),
            _scalar(active, Count("pk")),
            _scalar(_trained_seats(municipality), Count("email", distinct=True)),
        )
        .get()
    )
    return {
        "activities": {"activities": n_activities, "participants": participants},
        "role_models": role_models,
        "trained": trained,
    }


def handler_assigned(municipality) -> bool:
    return User.objects.filter(
        is_active=True, groups__name=Role.HANDLER, municipalities=municipality
    ).exists()


@dataclass
class Evidence:
    concerns: dict
    activities: dict
    role_models: int
    trained: int
    coverage: list[tuple[str, int]]
    agreements: list[NetworkAgreement]
    earlier: list
    has_previous: bool = False

    @property
    def white_spots(self) -> list[str]:
        return [name for name, count in self.coverage if not count]


# The figures of a municipality are read live, and kept this long for the next page.
EVIDENCE_TIMEOUT = 300


def evidence_for(analysis) -> Evidence:
    """The municipality's figures (cached a few minutes) and its earlier analyses (live)."""
    from polrad.analysis.models import Analysis

    municipality = analysis.municipality
    key = f"analysis:evidence:{municipality.pk}:{translation.get_language()}"
    figures = cache.get(key)
    if figures is None:
        figures = {
            "concerns": concern_figures(municipality),
            **municipality_figures(municipality),
            "coverage": coverage_row(municipality),
            "agreements": list(agreements_for_municipality(municipality)),
        }
        cache.set(key, figures, EVIDENCE_TIMEOUT)
    # Whether one of the same area came before (`analysis_previous`) rides along: that one
    # is among these, so with none of these there is none.
    previous = Analysis.objects.filter(
        Q(date__lt=analysis.date) | Q(date=analysis.date, pk__lt=analysis.pk),
        municipality=municipality,
        neighbourhood__iexact=analysis.neighbourhood,
    )
    earlier = (
        Analysis.objects.filter(municipality=municipality, date__lte=analysis.date)
        .exclude(pk=analysis.pk)
        .only("pk", "title", "date", "neighbourhood", "kind")
        .annotate(has_previous=Exists(previous))
        .order_by("-date", "-pk")[:5]
    )
    earlier = list(earlier)
    return Evidence(
        **figures, earlier=earlier, has_previous=bool(earlier) and earlier[0].has_previous
    )


def key_figure_count(municipality) -> int:
    return key_figures_in(municipality).count()
