"""Filters of the activity overview and dashboard; every filter lives in the URL."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import Municipality, Theme
from polrad.widgets import FastSelect
from rolemodels.models import Activity
from rolemodels.workflow import ActivityState

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActivityFilter(django_filters.FilterSet):
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(is_active=True),
        widget=FastSelect,
    )
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="date", lookup_expr="gte", widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        label=_("Up to and including"), field_name="date", lookup_expr="lte", widget=DATE_INPUT
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=Theme.objects.filter(is_active=True)
    )
    target_group = django_filters.ChoiceFilter(
        label=_("Target group"), choices=Activity.TargetGroup.choices
    )
    role_model = django_filters.CharFilter(
        label=_("Role model (name)"), field_name="role_model__full_name", lookup_expr="icontains"
    )
    host = django_filters.CharFilter(
        label=_("Host organisation (name)"),
        field_name="host_organisation__name",
        lookup_expr="icontains",
    )
    state = django_filters.ChoiceFilter(label=_("State"), choices=ActivityState.choices)

    class Meta:
        model = Activity
        fields = []


class FiguresFilter(ActivityFilter):
    """The dashboard counts approved activities only: the state is not a choice there."""

    state = None
