"""Hints beside the preconditions of basis op orde: what existing data already says."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from network.models import NetworkAgreement
from network.selectors import (
    agreements_for_municipality,
    interventions_offered_in,
    partner_policy_counts,
)
from polrad.analysis import evidence
from polrad.analysis.models import Hint
from polrad.analysis.selectors import vision_of


def precondition_hints(municipality) -> dict[str, str]:
    """One sentence per kind of hint, from the apps' own selectors (about ten queries)."""
    agreements = list(agreements_for_municipality(municipality))
    held = {agreement.responsibility for agreement in agreements}
    case_conference = NetworkAgreement.Responsibility.CASE_CONFERENCE in held
    trained = evidence.professionals_trained(municipality)
    key_figures = evidence.key_figure_count(municipality)
    partners = partner_policy_counts([municipality]).get(municipality.pk, {})
    vision = vision_of(municipality)
    yes, no = _("yes"), _("no")
    hints = {
        Hint.VISION: _("vision adopted on %(date)s")
        % {"date": date_format(vision.adopted_on, "j F Y")}
        if vision
        else _("no vision document recorded"),
        Hint.INTERNAL_NETWORK: ngettext(
            "%(count)d network agreement in force",
            "%(count)d network agreements in force",
            len(agreements),
        )
        % {"count": len(agreements)},
        Hint.KEY_FIGURES: _("key figures on the map: %(count)d") % {"count": key_figures},
        Hint.SIGNALLING: _(
            "agreement “chair of the case conference” in force: %(conference)s; a handler is "
            "assigned for this municipality: %(handler)s"
        )
        % {
            "conference": yes if case_conference else no,
            "handler": yes if evidence.handler_assigned(municipality) else no,
        },
        Hint.TRAINED: ngettext(
            "%(count)d professional trained in the last 24 months",
            "%(count)d professionals trained in the last 24 months",
            trained,
        )
        % {"count": trained},
        Hint.PARTNER_METHODS: _("partners with a working method for concerns: %(with)d of %(all)d")
        % {
            "with": partners.get("partners", 0) - partners.get("without_method", 0),
            "all": partners.get("partners", 0),
        },
        Hint.ROLE_MODELS: _("active role models: %(count)d")
        % {"count": evidence.role_models_active(municipality)},
    }
    hints[Hint.INTERVENTIONS] = _interventions_hint(municipality)
    return {key: value for key, value in hints.items() if value}


def _interventions_hint(municipality) -> str:
    count = interventions_offered_in(municipality).count()
    return ngettext(
        "%(count)d intervention of the handelingskader offered here",
        "%(count)d interventions of the handelingskader offered here",
        count,
    ) % {"count": count}
