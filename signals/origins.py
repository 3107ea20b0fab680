"""Concerns from the eyes and ears: heard from someone of the map, or filed from a mentorship.

A coordinator, handler or professional records what a key figure, volunteer, experience expert
or mentor told them; they are the reporter and hear back. A mentor files from a mentorship,
pre-filled with its municipality, age band and setting (nothing else of it is copied).
"""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from polrad.accounts.roles import Role
from rolemodels.mentoring.models import Mentorship
from signals import services
from signals.eyes import ConcernOrigin, SourceKind
from signals.forms import ConcernForm
from signals.models import Concern

# Who may record a concern heard from someone without an account.
RECORDERS = frozenset({Role.COORDINATOR, Role.HANDLER, Role.PROFESSIONAL})
# The parameters with which a mentorship's link pre-fills the concern form.
PREFILL = {"gemeente": "municipality", "leeftijd": "age_bracket", "omgeving": "setting"}


def may_record_heard_from(user) -> bool:
    return user.is_authenticated and bool(user.roles & RECORDERS)


class EyesConcernForm(ConcernForm):
    """The concern form, with where it came from: heard from someone, or a mentorship."""

    heard_from = forms.ChoiceField(
        label=_("Heard from"),
        required=False,
        choices=[("", _("Nobody: I saw or heard it myself")), *SourceKind.choices],
        help_text=_("A key figure, volunteer, experience expert or mentor told you about it."),
    )
    heard_from_who = forms.CharField(
        label=_("Who told you"),
        required=False,
        max_length=200,
        help_text=_("Encrypted; only the handler assigned to the report can read it."),
    )
    mentorship = forms.ModelChoiceField(
        label=_("Mentorship"),
        queryset=Mentorship.objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        own = Mentorship.objects.filter(mentor__user=user, end_date__isnull=True)
        self.fields["mentorship"].queryset = own
        if not may_record_heard_from(user):
            del self.fields["heard_from"]
            del self.fields["heard_from_who"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("heard_from") and not (cleaned.get("heard_from_who") or "").strip():
            self.add_error("heard_from_who", _("Say who told you; only the handler sees it."))
        return cleaned

    def concern_data(self) -> dict:
        extra = {"heard_from", "heard_from_who", "mentorship"}
        return {key: value for key, value in self.cleaned_data.items() if key not in extra}


def initial_from(params, user) -> dict:
    """The concern form's starting values from a mentorship's link (only the user's own)."""
    initial = {field: params[name] for name, field in PREFILL.items() if params.get(name)}
    pk = params.get("mentoraat", "")
    if pk.isdigit() and Mentorship.objects.filter(pk=pk, mentor__user=user).exists():
        initial["mentorship"] = pk
    return initial


@transaction.atomic
def concern_submit_from(*, reporter, form: EyesConcernForm, submission_key) -> Concern:
    """Submit the concern, and keep where it came from beside it."""
    concern = services.concern_submit(
        reporter=reporter, data=form.concern_data(), submission_key=submission_key
    )
    kind = form.cleaned_data.get("heard_from") or ""
    mentorship = form.cleaned_data.get("mentorship")
    if (kind or mentorship) and not hasattr(concern, "origin"):
        ConcernOrigin.objects.create(
            concern=concern,
            source_kind=kind or SourceKind.MENTOR,
            source_identity=(form.cleaned_data.get("heard_from_who") or "").strip(),
            mentorship=mentorship,
        )
    return concern
