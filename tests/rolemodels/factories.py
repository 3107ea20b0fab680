"""Factories of the role-model app. Shared by all role-model tests: add, do not replace."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from rolemodels.models import Activity, ActivityEvent, RoleModel, StageChange
from rolemodels.workflow import ActivityState, Stage
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


class ActivityFactory(factory.django.DjangoModelFactory):
    """A submitted activity; pass `state` for another."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    role_model = factory.SubFactory(RoleModelFactory, stage=Stage.ACTIVE)
    date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    municipality = factory.SelfAttribute("role_model.municipality")
    venue_type = Activity.VenueType.SCHOOL
    venue = "Noorderpoort"
    target_group = Activity.TargetGroup.YOUNG_PEOPLE
    participants = 20
    description = "Gesprek over wij-zij-denken."
    reflection = "Een leerling vertelde over online filmpjes."
    state = ActivityState.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def history(self, create, extracted, **kwargs):
        if create:
            ActivityEvent.objects.create(activity=self, from_state="", to_state=self.state)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def co_presenters(self, create, extracted, **kwargs):
        if create and extracted:
            self.co_presenters.set(extracted)


def active_role_model_for(user, **kwargs):
    """The role-model profile of a user with the role-model role."""
    return RoleModelFactory(user=user, email=user.email, stage=Stage.ACTIVE, **kwargs)


# --- mentors ------------------------------------------------------------------------------


def active_mentor(*, active_since=None, **kwargs):
    """An active mentor, with the stage change that made them active `active_since` (a date)."""
    from rolemodels.workflow import Track

    kwargs.setdefault("track", Track.MENTOR)
    mentor = RoleModelFactory(stage=Stage.ACTIVE, **kwargs)
    moment = timezone.now()
    if active_since is not None:
        moment = timezone.make_aware(
            timezone.datetime.combine(active_since, timezone.datetime.min.time())
        )
    StageChange.objects.create(
        role_model=mentor, from_stage=Stage.IN_TRAINING, to_stage=Stage.ACTIVE, created_at=moment
    )
    return mentor


class MentorshipFactory(factory.django.DjangoModelFactory):
    """An active mentorship of an active mentor, started a month ago."""

    class Meta:
        model = "rolemodels.Mentorship"

    mentor = factory.LazyFunction(
        lambda: active_mentor(active_since=timezone.localdate() - timedelta(days=365))
    )
    pseudonym = factory.Sequence(lambda n: f"Jongere {n}")
    age_band = "12_17"
    municipality = factory.SelfAttribute("mentor.municipality")
    started_via = "school"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
