"""The index's choice of a municipality and a period (polrad.period_forms), and its links."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from network.models import Municipality
from polrad.period_forms import PERIOD_PARAMS, PeriodForm, period_params
from polrad.periods import Period


class ReportChoiceForm(PeriodForm):
    """The index's form: a municipality in the user's scope and a period."""

    gemeente = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects)

    field_order = ["gemeente", *PERIOD_PARAMS]

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = municipalities


def municipal_url(pk: int, period: Period) -> str:
    """The municipal report page of one municipality for this period."""
    return f"{reverse('reports:municipal', args=[pk])}?{urlencode(period_params(period))}"
