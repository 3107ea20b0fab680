"""Writes of the handelingskader: one function per use case."""

from django.db import transaction
from django.utils.translation import gettext as _

from network.interventions.models import (
    Intervention,
    InterventionProvider,
    KnowledgeDocument,
    PracticeExample,
    SituationGuidance,
)


class InterventionInUse(Exception):
    """Raised when an intervention that others refer to would be deleted."""


@transaction.atomic
def intervention_save(*, form, providers) -> Intervention:
    """Save an intervention with its providers (history records who changed what)."""
    intervention = form.save()
    providers.instance = intervention
    providers.save()
    return intervention


def intervention_references(intervention: Intervention) -> list[str]:
    """What refers to the intervention (case conferences, activities, examples, cards)."""
    found = []
    for relation in Intervention._meta.related_objects:
        model = relation.related_model
        if model is InterventionProvider or model.__name__.startswith("Historical"):
            continue
        if getattr(intervention, relation.get_accessor_name()).exists():
            found.append(str(model._meta.verbose_name_plural))
    return found


@transaction.atomic
def intervention_delete(*, intervention: Intervention) -> None:
    """Delete an intervention nobody refers to; otherwise refuse (archive it instead)."""
    references = intervention_references(intervention)
    if references:
        raise InterventionInUse(
            _("%(name)s cannot be deleted because %(things)s refer to it. Archive it instead.")
            % {"name": intervention.name, "things": ", ".join(references)}
        )
    intervention.delete()


def example_save(*, form) -> PracticeExample:
    return form.save()


@transaction.atomic  # the cached cards go stale when the card and its lists are saved
def guidance_save(*, form) -> SituationGuidance:
    return form.save()


def document_save(*, form) -> KnowledgeDocument:
    return form.save()


def record_set_archived(*, record, archived: bool) -> None:
    record.archived = archived
    record.save(update_fields=["archived", "updated_at"])
