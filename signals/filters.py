"""Filters of the handlers' work queue; every filter lives in the URL."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import Municipality
from signals.models import Category, Concern
from signals.workflow import State

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WorkQueueFilter(django_filters.FilterSet):
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=Category.objects.filter(is_active=True)
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    state = django_filters.ChoiceFilter(label=_("State"), choices=State.choices)
    urgency = django_filters.ChoiceFilter(label=_("Urgency"), choices=Concern.Urgency.choices)
    submitted_from = django_filters.DateFilter(
        label=_("Submitted from"),
        field_name="submitted_at",
        lookup_expr="date__gte",
        widget=DATE_INPUT,
    )
    submitted_to = django_filters.DateFilter(
        label=_("Submitted up to and including"),
        field_name="submitted_at",
        lookup_expr="date__lte",
        widget=DATE_INPUT,
    )

    class Meta:
        model = Concern
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the municipalities in the handler's scope can be chosen.
        self.filters["municipality"].queryset = user.municipalities.all()
