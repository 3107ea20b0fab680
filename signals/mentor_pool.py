"""Referral of a concern to the mentor pool, and the coordinator's match that opens the
mentorship (through the role-model app's service; no content of the concern is copied)."""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rolemodels.matching import Need, match_role_models
from rolemodels.mentoring.models import Mentorship
from rolemodels.mentoring.services import mentorship_start
from signals.eyes import MentorReferral
from signals.models import Concern

# The concern's age bracket, where it is one of a mentee's age bands.
AGE_BANDS = set(Mentorship.AgeBand.values)


class ReferralError(Exception):
    """A refused referral or match, with a message fit for the user."""


@transaction.atomic
def concern_refer_to_mentor_pool(*, concern: Concern, by) -> MentorReferral:
    if MentorReferral.objects.filter(concern=concern).exists():
        raise ReferralError(_("This concern has been referred to the mentor pool already."))
    return MentorReferral.objects.create(
        concern=concern, municipality_id=concern.municipality_id, requested_by=by
    )


def open_referrals():
    return MentorReferral.objects.filter(mentorship__isnull=True).select_related(
        "municipality", "concern"
    )


def mentors_for(referral: MentorReferral, *, language=None, community=None) -> list:
    """Active mentors ranked by the existing matching (municipality, language, community,
    availability on weekdays today)."""
    need = Need(
        municipality=referral.municipality,
        date=timezone.localdate(),
        language=language,
        community=community,
    )
    return [match for match in match_role_models(need, limit=50) if match.role_model.is_mentor]


class MatchForm(forms.Form):
    pseudonym = forms.CharField(
        label=_("Pseudonym of the mentee"),
        max_length=40,
        help_text=_("A made-up name for the mentorship; never a real name."),
    )


@transaction.atomic
def referral_match(*, referral: MentorReferral, mentor, pseudonym: str, by) -> Mentorship:
    locked = (
        MentorReferral.objects.select_for_update().select_related("concern").get(pk=referral.pk)
    )
    if locked.mentorship_id is not None:
        raise ReferralError(_("A mentor has been matched already."))
    age = locked.concern.age_bracket
    mentorship = mentorship_start(
        mentor=mentor,
        data={
            "pseudonym": pseudonym,
            "age_band": age if age in AGE_BANDS else Mentorship.AgeBand.TEEN,
            "municipality": locked.municipality,
            "started_via": Mentorship.StartedVia.CONCERN,
            "start_date": timezone.localdate(),
        },
        by=by,
    )
    locked.mentorship = mentorship
    locked.save(update_fields=["mentorship"])
    return mentorship
