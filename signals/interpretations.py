"""The coordinator's interpretation of what the network sees, per period and place.

Written, then approved by a coordinator; only approved texts open the trend update, and a
period without one is sent without that part (never held back).
"""

from dateutil.relativedelta import relativedelta
from django import forms
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from network.models import Municipality
from polrad import periods
from polrad.dates import months_of
from polrad.periods import Period
from polrad.permissions import VIEW_NETWORK_DASHBOARD
from signals.eyes import Interpretation
from signals.suppression import month_publications
from signals.trends import period_label


def can_interpret(user) -> bool:
    return user.has_perm(VIEW_NETWORK_DASHBOARD)


class InterpretationError(Exception):
    """A refused change of an interpretation, with a message fit for the user."""


class InterpretationForm(forms.ModelForm):
    class Meta:
        model = Interpretation
        fields = ["period", "region", "municipality", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "maxlength": 2000})}
        help_texts = {"region": _("Either a region or a municipality.")}
        error_messages = {"text": {"required": _("Write what the network sees.")}}

    period = forms.ChoiceField(label=_("period"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(is_active=True)
        keys = period_keys()
        if self.instance.period and self.instance.period not in keys:
            keys.append(self.instance.period)
        self.fields["period"].choices = [(key, period_label(periods.parse(key))) for key in keys]

    def clean_period(self):
        key = self.cleaned_data["period"]
        try:
            periods.parse(key)
        except ValueError:
            raise forms.ValidationError(_("Choose a month or a quarter.")) from None
        return key

    def clean(self):
        cleaned = super().clean()
        region, municipality = (cleaned.get("region") or "").strip(), cleaned.get("municipality")
        if bool(region) == bool(municipality):
            raise forms.ValidationError(_("Choose either a region or a municipality."))
        cleaned["region"] = region
        return cleaned


def period_keys(today=None) -> list[str]:
    """The periods one writes about: this month and the twelve before, this quarter and the
    four before, newest first (keys as the trend updates use them)."""
    first = (today or timezone.localdate()).replace(day=1)
    months = [first - relativedelta(months=n) for n in range(13)]
    quarter = first.replace(month=(first.month - 1) // 3 * 3 + 1)
    quarters = [quarter - relativedelta(months=3 * n) for n in range(5)]
    return [f"{m:%Y-%m}" for m in months] + [
        f"{q.year}-Q{(q.month - 1) // 3 + 1}" for q in quarters
    ]


@transaction.atomic
def interpretation_save(*, form: InterpretationForm, by) -> Interpretation:
    """Write or change the text; a changed text needs approval again."""
    interpretation = form.save(commit=False)
    if interpretation.pk is None:
        interpretation.written_by = by
    interpretation.written_at = timezone.now()
    interpretation.approved_by = None
    interpretation.approved_at = None
    interpretation.save()
    return interpretation


@transaction.atomic
def interpretation_approve(*, interpretation: Interpretation, by) -> Interpretation:
    locked = Interpretation.objects.select_for_update().get(pk=interpretation.pk)
    if locked.is_approved:
        raise InterpretationError(_("This interpretation has been approved already."))
    locked.approved_by = by
    locked.approved_at = timezone.now()
    locked.save(update_fields=["approved_by", "approved_at"])
    return locked


def interpretations_for_list() -> QuerySet[Interpretation]:
    return Interpretation.objects.select_related("municipality", "written_by", "approved_by")


def approved_for_update(period_key: str) -> list[dict]:
    """The approved texts of the period, regions first, as the trend update shows them."""
    rows = (
        Interpretation.objects.filter(period=period_key, approved_at__isnull=False)
        .select_related("municipality")
        .order_by("municipality", "region", "municipality__name", "pk")
    )
    return [{"place": row.place, "text": row.text} for row in rows]


def origin_figures(period: Period) -> dict:
    """Concerns of the period by where they came from (the reporter's own observation, or
    heard from a key figure, volunteer, experience expert or mentor), month by month as every
    concern figure is published (signals.suppression): never a total over several months."""
    today = timezone.localdate()
    months = [
        m for m in months_of(period.start, period.after) if m + relativedelta(months=1) <= today
    ]
    if not months:
        return {"months": [], "rows": [], "totals": [], "label": period_label(period)}
    published = month_publications(months)
    columns = [published[month] for month in months]
    labels = columns[0].tables.get("origins", [])
    return {
        "months": [date_format(month, "F Y") for month in months],
        "rows": [(label, [pub.text("origins", label) for pub in columns]) for label in labels],
        "totals": [pub.total for pub in columns],
        "label": period_label(period),
    }
