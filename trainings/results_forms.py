"""Forms of what trainings yield: certificate verification, evaluations and the figures."""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import Municipality
from polrad.widgets import FastSelect
from trainings.certificates import is_well_formed, normalise_code
from trainings.models import Evaluation, Programme

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=30,
        help_text=_("The code printed on the certificate, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not is_well_formed(code):
            raise ValidationError(
                _("This is not a verification code. It has three groups of four characters.")
            )
        return code


class RatingField(forms.TypedChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        choices = [(str(n), str(n)) for n in range(1, 6)]
        super().__init__(choices=choices, coerce=int, **kwargs)


class EvaluationForm(forms.ModelForm):
    overall = RatingField(label=_("How was the session overall?"))
    content = RatingField(label=_("How good was the content?"))
    trainer = RatingField(label=_("How good was the trainer?"))
    usefulness = RatingField(label=_("How useful is it for your work?"))

    class Meta:
        model = Evaluation
        fields = ["overall", "content", "trainer", "usefulness", "comments"]
        labels = {"comments": _("Comments (optional)")}
        help_texts = {"comments": _("Coordinators read your comments without your name.")}
        widgets = {"comments": forms.Textarea(attrs={"rows": 4})}


def with_default_period(data):
    """Without a period chosen, the figures cover the last twelve months."""
    data = data.copy()
    if not data.get("date_from") and not data.get("date_to"):
        today = timezone.localdate()
        data["date_from"] = (today - timedelta(days=365)).isoformat()
        data["date_to"] = today.isoformat()
    return data


# Trainings before the network existed are not on record; and a year like 9999 would overflow
# the conversion of the day to a moment in Amsterdam.
FIRST_YEAR = 2000


def period_bounds() -> tuple[date, date]:
    return date(FIRST_YEAR, 1, 1), date(timezone.localdate().year + 1, 12, 31)


def within_period_bounds(day: date) -> None:
    """The figures cover the years the platform has records of, and the next."""
    first, last = period_bounds()
    if not first <= day <= last:
        raise ValidationError(
            _("Choose dates between %(first)s and %(last)s."),
            code="out_of_range",
            params={"first": first.isoformat(), "last": last.isoformat()},
        )


class PeriodForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), widget=DATE_INPUT, validators=[within_period_bounds]
    )
    date_to = forms.DateField(
        label=_("Up to and including"), widget=DATE_INPUT, validators=[within_period_bounds]
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise ValidationError(_("The start of the period lies after its end."))
        return cleaned


class FiguresForm(PeriodForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=FastSelect,
    )

    def __init__(self, *args, municipalities, scoped: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = municipalities.order_by("name")
        field.empty_label = _("All my municipalities") if scoped else _("The whole network")


class EvaluationFilterForm(PeriodForm):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("name"),
        required=False,
        empty_label=_("All programmes"),
    )
