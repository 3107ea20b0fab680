"""Filters of the session calendar; every filter lives in the URL."""

from datetime import datetime

import django_filters
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import Municipality
from polrad.dates import month_label
from polrad.widgets import FastSelect
from trainings.models import Programme, Session
from trainings.selectors import sessions_needing_seats_this_week
from trainings.workflow import Audience

MONTHS_AHEAD = 12
SEATS_THIS_WEEK = "plaatsen"


def month_choices() -> list[tuple[str, str]]:
    """This month and the next eleven, as ("2026-12", "December 2026")."""
    first = timezone.localdate().replace(day=1)
    months = [first + relativedelta(months=n) for n in range(MONTHS_AHEAD)]
    return [(f"{m:%Y-%m}", month_label(m)) for m in months]


class SessionFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Programme.objects.filter(active=True)
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(is_active=True),
        widget=FastSelect,
    )
    audience = django_filters.ChoiceFilter(
        label=_("Audience"), field_name="programme__audience", choices=Audience.choices
    )
    month = django_filters.ChoiceFilter(label=_("Month"), choices=month_choices, method="in_month")
    # The home page's link to this week's sessions that still need people.
    week = django_filters.ChoiceFilter(
        label=_("This week"),
        choices=[(SEATS_THIS_WEEK, _("Free seats or a waiting list"))],
        method="needing_seats",
    )

    class Meta:
        model = Session
        fields = []

    def needing_seats(self, queryset, name, value):
        return sessions_needing_seats_this_week(queryset) if value == SEATS_THIS_WEEK else queryset

    def in_month(self, queryset, name, value):
        year, month = (int(part) for part in value.split("-"))
        start = timezone.make_aware(datetime(year, month, 1))
        return queryset.filter(starts_at__gte=start, starts_at__lt=start + relativedelta(months=1))
