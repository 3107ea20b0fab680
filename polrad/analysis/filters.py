"""Filters of the action list."""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import Municipality
from polrad.analysis.models import Action
from polrad.analysis.workflow import OPEN_STATUSES
from polrad.widgets import FastSelect

DUE_CHOICES = [
    ("overdue", _("Overdue")),
    ("week", _("Due within a week")),
    ("month", _("Due within a month")),
]


class ActionFilter(django_filters.FilterSet):
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        widget=FastSelect,  # a coordinator chooses among all 342 municipalities
    )
    owner = django_filters.CharFilter(label=_("Owner"), method="filter_owner")
    due = django_filters.ChoiceFilter(
        label=_("Due"), choices=DUE_CHOICES, method="filter_due", empty_label=_("Any date")
    )
    closed = django_filters.BooleanFilter(
        label=_("Also done and dropped"),
        method="filter_closed",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Action
        fields = ["municipality"]

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["municipality"].queryset = municipalities

    @property
    def qs(self):
        queryset = super().qs
        cleaned = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        if not cleaned.get("closed"):
            queryset = queryset.filter(status__in=OPEN_STATUSES)
        return queryset

    def filter_owner(self, queryset, name, value):
        return queryset.filter(
            Q(owner_organisation__name__icontains=value)
            | Q(owner_contact__full_name__icontains=value)
        )

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(due_date__lt=today)
        days = 7 if value == "week" else 31
        return queryset.filter(due_date__gte=today, due_date__lte=today + timedelta(days=days))

    def filter_closed(self, queryset, name, value):
        return queryset  # handled in qs: open actions unless asked
