"""The forms that choose a period: one place for how a user picks the dates figures cover.

`PeriodForm` chooses a calendar period, or dates of one's own, from GET parameters in Dutch,
as the addresses are: `?periode=kwartaal&jaar=2026&kwartaal=3`, `?periode=maand&jaar=2026&maand=10`,
`?periode=jaar&jaar=2026` and `?periode=aangepast&van=2026-01-01&tot=2026-03-31` (the
reports). Without a period the last complete quarter is shown: a council reports per
quarter, and a complete quarter compares fairly with the one before (the concern figures
default to the same).

`DateRangeForm` chooses two days, `?date_from=…&date_to=…`, the last twelve months when none
are given (the trainings' figures and evaluations).
"""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from polrad import periods
from polrad.periods import Period
from polrad.validators import plausible_date
from polrad.widgets import DateInput

FIRST_REPORT_YEAR = 2020  # before the network existed there is nothing to report
# Trainings before the network existed are not on record; and a year like 9999 would overflow
# the conversion of the day to a moment in Amsterdam.
FIRST_RECORD_YEAR = 2000

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


def check_between(first: date, last: date, *days: date) -> None:
    """Figures cover only the years there are records of: a ValidationError for a day outside."""
    if any(not first <= day <= last for day in days):
        raise forms.ValidationError(
            _("Choose dates between %(first)s and %(last)s."),
            code="out_of_range",
            params={"first": first.isoformat(), "last": last.isoformat()},
        )


def report_years(today: date | None = None) -> list[int]:
    """The years one can report on, newest first."""
    today = today or timezone.localdate()
    return list(range(today.year, FIRST_REPORT_YEAR - 1, -1))


def default_period(today: date | None = None) -> Period:
    """The last quarter that has ended."""
    return periods.last_complete(periods.QUARTER, today)


def period_params(period: Period) -> dict[str, str]:
    """The GET parameters that choose this period again: for links, CSV and PDF requests."""
    params = {"periode": KIND_PARAMS[period.kind], "jaar": str(period.start.year)}
    if period.kind == periods.MONTH:
        params["maand"] = str(period.start.month)
    elif period.kind == periods.QUARTER:
        params["kwartaal"] = str(periods.quarter_number(period.start))
    elif period.kind == periods.CUSTOM:
        params = {"periode": params["periode"], "van": period.start.isoformat()}
        params["tot"] = period.end.isoformat()
    return params


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
        check_between(date(FIRST_REPORT_YEAR, 1, 1), date(report_years()[0], 12, 31), start, end)
        return periods.custom(start, end)


def with_default_range(data):
    """Without dates chosen, a `DateRangeForm` covers the last twelve months."""
    data = data.copy()
    if not data.get("date_from") and not data.get("date_to"):
        today = timezone.localdate()
        data["date_from"] = (today - timedelta(days=365)).isoformat()
        data["date_to"] = today.isoformat()
    return data


def within_record_years(day: date) -> None:
    """The years the platform has records of, and the next."""
    last_year = timezone.localdate().year + 1
    check_between(date(FIRST_RECORD_YEAR, 1, 1), date(last_year, 12, 31), day)


class DateRangeForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=DateInput, validators=[within_record_years])
    date_to = forms.DateField(
        label=_("Up to and including"), widget=DateInput, validators=[within_record_years]
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period lies after its end."))
        return cleaned
