"""The coordinator's interpretation of what the network sees, per period and place.

Written, then approved by a coordinator; only approved texts open the trend update, and a
period without one is sent without that part (never held back).
"""

from django import forms
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import Municipality
from polrad.dates import local_midnight
from signals.eyes import ConcernOrigin, Interpretation, SourceKind
from signals.models import Concern
from signals.suppression import publish
from signals.trends import Period, parse_period

MANAGE = "accounts.view_network_dashboard"


def can_interpret(user) -> bool:
    return user.has_perm(MANAGE)


class InterpretationError(Exception):
    """A refused change of an interpretation, with a message fit for the user."""


class InterpretationForm(forms.ModelForm):
    class Meta:
        model = Interpretation
        fields = ["period", "region", "municipality", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "maxlength": 2000})}
        help_texts = {"region": _("Either a region or a municipality.")}
        error_messages = {"text": {"required": _("Write what the network sees.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(is_active=True)

    def clean_period(self):
        key = self.cleaned_data["period"].strip()
        try:
            parse_period(key)
        except ValueError:
            raise forms.ValidationError(
                _("Enter a month like 2026-11 or a quarter like 2026-Q4.")
            ) from None
        return key

    def clean(self):
        cleaned = super().clean()
        region, municipality = (cleaned.get("region") or "").strip(), cleaned.get("municipality")
        if bool(region) == bool(municipality):
            raise forms.ValidationError(_("Choose either a region or a municipality."))
        cleaned["region"] = region
        return cleaned


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
    heard from a key figure, volunteer, experience expert or mentor), suppressed."""
    concerns = Concern.objects.filter(
        submitted_at__gte=local_midnight(period.start),
        submitted_at__lt=local_midnight(period.end),
    )
    by_kind = dict(
        ConcernOrigin.objects.filter(concern__in=concerns)
        .order_by()
        .values_list("source_kind")
        .annotate(n=Count("pk"))
        .values_list("source_kind", "n")
    )
    total = concerns.count()
    counts = {str(_("Own observation")): total - sum(by_kind.values())}
    counts.update({str(kind.label): by_kind.get(kind.value, 0) for kind in SourceKind})
    return suppressed(counts)


def suppressed(counts: dict[str, int]) -> dict:
    """One table of counts as the suppression code publishes it: its cells and its total."""
    published = publish({"table": counts})
    return {
        "cells": {label: published.text("table", label) for label in counts},
        "total": published.total,
    }
