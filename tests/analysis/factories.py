"""Factories of analyses and basis op orde. Shared by all analysis tests: add, do not replace."""

from datetime import timedelta

import factory
from django.utils import timezone

from polrad.analysis.models import Action, Analysis, Participant
from polrad.analysis.seed import definitions_ensure
from tests.factories import MunicipalityFactory
from tests.network.factories import DomainFactory, OrganisationFactory


class AnalysisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Analysis

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Analyse {n}")
    date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    facilitator = "Beleidsadviseur veiligheid"
    definition = factory.LazyFunction(lambda: definitions_ensure()[0])


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    analysis = factory.SubFactory(AnalysisFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    domain = factory.SubFactory(DomainFactory)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    analysis = factory.SubFactory(AnalysisFactory)
    municipality = factory.SelfAttribute("analysis.municipality")
    what = factory.Sequence(lambda n: f"Actie {n}")
    owner_organisation = factory.LazyAttribute(
        lambda action: OrganisationFactory(municipalities=[action.municipality])
    )
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
