"""Factories of the handelingskader. Shared by all intervention tests: add, do not replace."""

import datetime

import factory

from network.models import (
    Intervention,
    InterventionProvider,
    KnowledgeDocument,
    PolarisationForm,
    PracticeExample,
    SituationGuidance,
)
from tests.factories import MunicipalityFactory
from tests.network.factories import OrganisationFactory


def _set_m2m(field):
    def setter(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field).set(extracted)

    return factory.post_generation(setter)


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Interventie {n:04d}")
    summary = "Jongeren gaan in gesprek over wij-zij-denken."
    kind = Intervention.Kind.PREVENTIVE
    category = Intervention.Category.YOUTH
    level = Intervention.Level.GROUP
    evidence_level = Intervention.EvidenceLevel.PRACTICE_EXAMPLE
    target_groups = factory.LazyFunction(lambda: ["young_people"])
    forms = _set_m2m("forms")
    mechanisms = _set_m2m("mechanisms")


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterventionProvider

    intervention = factory.SubFactory(InterventionFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class PracticeExampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeExample
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Praktijkvoorbeeld {n}")
    intervention = factory.SubFactory(InterventionFactory)
    category = Intervention.Category.YOUTH
    municipality = factory.SubFactory(MunicipalityFactory)
    started_on = datetime.date(2026, 1, 1)
    what_was_done = "Drie bijeenkomsten in het buurthuis."
    is_draft = False


class GuidanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SituationGuidance
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Situatie {n}")
    situation = "Er ontstaat onrust in de wijk."
    first_steps = "Bel de eerste contactpersoon."
    forms = _set_m2m("forms")
    interventions = _set_m2m("interventions")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgeDocument

    title = factory.Sequence(lambda n: f"Document {n}")
    kind = KnowledgeDocument.Kind.GUIDE
    audience = KnowledgeDocument.Audience.PROFESSIONALS
    date = datetime.date(2026, 1, 1)
    link = "https://example.org/document"


def form(slug="spanningen-tussen-groepen") -> PolarisationForm:
    """One of the forms of polarisation the migration seeds."""
    return PolarisationForm.objects.get(slug=slug)
