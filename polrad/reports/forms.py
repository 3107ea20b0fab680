"""The choice of a report's period (and, on the index, its municipality) from GET parameters.

The parameters are Dutch, as the addresses are: `?periode=kwartaal&jaar=2026&kwartaal=3`,
`?periode=maand&jaar=2026&maand=10`, `?periode=jaar&jaar=2026` and
`?periode=aangepast&van=2026-01-01&tot=2026-03-31`. Without a period the report shows the
last complete quarter: a council reports per quarter, and a complete quarter compares fairly
with the one before (the concern figures default to the same).
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from network.models import Municipality
from polrad.reports import periods
from polrad.reports.periods import Period
from polrad.validators import plausible_date

FIRST_YEAR = 2020  # before the network existed there is nothing to report

# The address's word for each kind of period.
KIND_PARAMS = {
    periods.MONTH: "maand",
    periods.QUARTER: "kwartaal",
    periods.YEAR: "jaar",
    periods.CUSTOM: "aangepast",
}
PARAM_KINDS = {param: kind for kind, param in KIND_PARAMS.items()}
PERIOD_PARAMS = ("periode", "jaar", "kwartaal", "maand", "van", "tot")
# The fields each kind of period reads; the others are ignored, even when malformed.
READS = {
    periods.MONTH: {"jaar", "maand"},
    periods.QUARTER: {"jaar", "kwartaal"},
    periods.YEAR: {"jaar"},
    periods.CUSTOM: {"van", "tot"},
}


def report_years(today: date | None = None) -> list[int]:
    """The years one can report on, newest first."""
    today = today or timezone.localdate()
    return list(range(today.year, FIRST_YEAR - 1, -1))


def default_period(today: date | None = None) -> Period:
    """The last quarter that has ended."""
    today = today or timezone.localdate()
    current = (today.month - 1) // 3 + 1
    if current == 1:
        return periods.quarter(today.year - 1, 4)
    return periods.quarter(today.year, current - 1)


def period_params(period: Period) -> dict[str, str]:
    """The GET parameters that choose this period again: for links, CSV and PDF requests."""
    params = {"periode": KIND_PARAMS[period.kind], "jaar": str(period.start.year)}
    if period.kind == periods.MONTH:
        params["maand"] = str(period.start.month)
    elif period.kind == periods.QUARTER:
        params["kwartaal"] = str((period.start.month - 1) // 3 + 1)
    elif period.kind == periods.CUSTOM:
        params = {"periode": params["periode"], "van": period.start.isoformat()}
        params["tot"] = period.end.isoformat()
    return params


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if isinstance(value, date) else value


class PeriodForm(forms.Form):
    periode = forms.ChoiceField(
        label=_("Period"),
        choices=[
            ("kwartaal", _("Quarter")),
            ("maand", _("Month")),
            ("jaar", _("Year")),
            ("aangepast", _("Custom dates")),
        ],
    )
    jaar = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    kwartaal = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[(number, str(number)) for number in range(1, 5)],
    )
    maand = forms.TypedChoiceField(
        label=_("Month"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=sorted(MONTHS.items()),
    )
    van = forms.DateField(
        label=_("From (custom dates)"),
        required=False,
        widget=DateInput,
        validators=plausible_date("planning"),
    )
    tot = forms.DateField(
        label=_("To (custom dates)"),
        required=False,
        widget=DateInput,
        validators=plausible_date("planning"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Years move on with the calendar: choices are set per form, not per process.
        self.fields["jaar"].choices = [(year, year) for year in report_years()]

    def clean(self):
        data = super().clean()
        kind = PARAM_KINDS.get(data.get("periode"))
        if kind is None:
            return data  # the field has its error already
        for name in set(PERIOD_PARAMS[1:]) - READS[kind]:
            self.errors.pop(name, None)
        if kind == periods.CUSTOM:
            data["period"] = self._custom(data.get("van"), data.get("tot"))
        else:
            data["period"] = self._calendar(kind, data)
        return data

    def _calendar(self, kind: str, data: dict) -> Period:
        part = {periods.MONTH: "maand", periods.QUARTER: "kwartaal"}.get(kind)
        if data.get("jaar") is None or (part and data.get(part) is None):
            raise forms.ValidationError(
                _("Choose the year and, for a month or a quarter, which one."), code="incomplete"
            )
        if kind == periods.MONTH:
            return periods.month(data["jaar"], data["maand"])
        if kind == periods.QUARTER:
            return periods.quarter(data["jaar"], data["kwartaal"])
        return periods.year(data["jaar"])

    def _custom(self, start: date | None, end: date | None) -> Period:
        if start is None or end is None:
            raise forms.ValidationError(_("Give both dates of a custom period."), code="incomplete")
        if end < start:
            raise forms.ValidationError(
                _("The end date lies before the start date."), code="reversed"
            )
        first, last = date(FIRST_YEAR, 1, 1), date(report_years()[0], 12, 31)
        if start < first or end > last:
            raise forms.ValidationError(
                _("Choose dates between %(first)s and %(last)s."),
                code="out_of_range",
                params={"first": first.isoformat(), "last": last.isoformat()},
            )
        return periods.custom(start, end)


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
