"""Reads of the handelingskader that carry a rule about who sees what."""

from django.db.models import Exists, OuterRef, QuerySet

from network.interventions.models import Intervention, InterventionProvider


def interventions_offered_in(municipality) -> QuerySet[Intervention]:
    """Current interventions with at least one active provider working in the municipality."""
    offered = InterventionProvider.objects.filter(
        intervention=OuterRef("pk"),
        organisation__is_active=True,
        organisation__municipalities=municipality,
    )
    return Intervention.objects.filter(Exists(offered), archived=False)
