"""Factories of the concern app. Shared by all concern tests: add, do not replace."""

import factory

from signals.models import Category, Concern, Transition
from signals.workflow import State
from tests.factories import MunicipalityFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Categorie {n}")


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concern
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    setting = Concern.Setting.SCHOOL
    observed = "Een leerling deelt filmpjes die geweld tegen een groep verheerlijken."
    people_count = 1
    age_bracket = Concern.AgeBracket.TEEN
    minors_involved = True
    state = State.SUBMITTED

    @factory.post_generation
    def history(self, create, extracted, **kwargs):
        if create:
            Transition.objects.create(
                concern=self, from_state="", to_state=State.SUBMITTED, actor=self.reporter
            )
