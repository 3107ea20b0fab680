"""Factories of the role-model app. Shared by all role-model tests: add, do not replace."""

from datetime import date

import factory
from django.utils import timezone

from rolemodels.models import RoleModel, StageChange
from rolemodels.workflow import Stage
from tests.factories import MunicipalityFactory


class RoleModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleModel
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: f"Kandidaat {n:04d}")
    email = factory.Sequence(lambda n: f"kandidaat{n}@example.org")
    phone = "06-12345678"
    municipality = factory.SubFactory(MunicipalityFactory)
    motivation = "Ik wil iets betekenen voor jongeren in mijn wijk."
    stage = Stage.APPLIED
    stage_changed_at = factory.LazyFunction(timezone.now)
    consent_date = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def history(self, create, extracted, **kwargs):
        """Every role model starts with the row of its application."""
        if create:
            StageChange.objects.create(role_model=self, from_stage="", to_stage=Stage.APPLIED)


def with_vog(**kwargs):
    return RoleModelFactory(vog_date=date(2026, 1, 15), **kwargs)
