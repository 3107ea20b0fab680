"""Factories of the trainings app. Shared by all trainings tests: add, do not replace."""

from datetime import timedelta

import factory
from django.utils import timezone

from trainings.models import (
    CoachingAction,
    CoachingSession,
    Enrolment,
    Module,
    Programme,
    Session,
)
from trainings.workflow import Audience, EnrolmentState


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Basistraining {n}")
    audience = Audience.PROFESSIONALS
    description = "Signalering van polarisatie en radicalisering."
    required_sessions = 1
    gives_certificate = True


def role_model_training(**kwargs):
    kwargs.setdefault("name", "Training rolmodellen")
    return ProgrammeFactory(audience=Audience.ROLE_MODELS, qualifies_role_models=True, **kwargs)


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    programme = factory.SubFactory(ProgrammeFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Module {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    """A planned session a week from now, 09:30–12:30; pass `starts_at` for another."""

    class Meta:
        model = Session

    programme = factory.SubFactory(ProgrammeFactory)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(
            hour=8, minute=30, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + timedelta(hours=3))
    venue = "Wijkcentrum De Hoogte, Groningen"
    capacity = 12


def past_session(**kwargs):
    """A session that took place yesterday."""
    starts_at = timezone.now() - timedelta(days=1, hours=3)
    return SessionFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=3), **kwargs)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An enrolment made directly (no emails, no capacity check); use the service for those."""

    class Meta:
        model = Enrolment

    session = factory.SubFactory(SessionFactory)
    full_name = factory.Sequence(lambda n: f"Deelnemer {n:04d}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.org")
    state = EnrolmentState.ENROLLED


class CoachingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachingSession

    role_model = factory.SubFactory("tests.rolemodels.factories.RoleModelFactory")
    date = factory.LazyFunction(timezone.localdate)
    topics = "Hoe ging de voorlichting op school?"


class CoachingActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachingAction

    session = factory.SubFactory(CoachingSessionFactory)
    description = "Materiaal over online uitingen sturen"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate of a completed programme, issued directly (no attendance needed)."""

    class Meta:
        model = "trainings.Certificate"

    programme = factory.SubFactory(ProgrammeFactory)
    full_name = factory.Sequence(lambda n: f"Deelnemer {n:04d}")
    email = factory.Sequence(lambda n: f"gecertificeerd{n}@example.org")
    completed_on = factory.LazyFunction(timezone.localdate)


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trainings.Evaluation"

    enrolment = factory.SubFactory(EnrolmentFactory, attendance="present")
    overall = 4
    content = 4
    trainer = 5
    usefulness = 3


def mentor_training(**kwargs):
    kwargs.setdefault("name", "Training mentoren")
    return ProgrammeFactory(audience=Audience.ROLE_MODELS, qualifies_mentors=True, **kwargs)
