"""Demo and scale data of mentoring, the bench entries, and retention of ended mentorships."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.test import override_settings
from django.utils import timezone

from network import relationships_seed
from network import seed as network_seed
from network.models import ContactPerson
from network.relationships import ContactMoment
from polrad import benchmark as bench
from polrad.accounts import seed as accounts_seed
from polrad.accounts.roles import Role
from rolemodels import seed as rolemodels_seed
from rolemodels.mentoring import seed
from rolemodels.mentoring.models import Meeting, Mentorship, MentorshipOutcome
from rolemodels.mentoring.selectors import quiet_mentor_ids
from signals.tasks import anonymise_expired_concerns
from tests.rolemodels.factories import MentorshipFactory


def _seed_demo():
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for module in (network_seed, accounts_seed, relationships_seed, rolemodels_seed, seed):
            module.seed_demo(lambda line: None)


def test_demo_has_mentors_mentorships_meetings_and_contact_moments(db):
    _seed_demo()
    _seed_demo()  # idempotent
    demo = Mentorship.objects.filter(mentor__user__email="rolemodel@example.org")
    assert demo.filter(end_date__isnull=True).exists()
    assert Meeting.objects.filter(mentorship__in=demo).exists()
    assert quiet_mentor_ids().exists()  # one mentor is flagged on the board
    assert ContactMoment.objects.exists()
    overdue = ContactPerson.objects.filter(
        last_contact_on__lt=timezone.localdate() - timedelta(days=200)
    )
    assert overdue.exists()


def test_scale_fills_mentorships_meetings_and_contact_moments(db, monkeypatch):
    _seed_demo()
    rolemodels_seed.seed_scale_role_models(lambda line: None)
    monkeypatch.setattr(seed, "NATIONAL_MENTORSHIPS", 60)
    monkeypatch.setattr(seed, "NATIONAL_MEETINGS", 240)
    monkeypatch.setattr(relationships_seed, "NATIONAL_CONTACT_MOMENTS", 150)
    for _ in range(2):
        seed.seed_scale(lambda line: None)
        relationships_seed.seed_scale(lambda line: None)
    assert Mentorship.objects.count() == 60
    assert Meeting.objects.count() >= 200
    assert ContactMoment.objects.count() == 150


def test_bench_measures_the_mentor_board_mentorship_page_and_people_list():
    bench.autodiscover()
    entries = bench.registry.entries
    assert entries["mentor board"].role == Role.COORDINATOR
    assert "mentorship page" in entries
    assert entries["people list with last contact (no recent contact)"].url.endswith(
        "out_of_touch=true"
    )


def test_ended_mentorships_are_anonymised_after_the_retention_period(db, settings):
    settings.CONCERN_RETENTION_MONTHS = 24
    today = timezone.localdate()
    outcome = MentorshipOutcome.objects.create(name="Doelen bereikt")
    old = MentorshipFactory(
        pseudonym="Vos",
        start_date=today - relativedelta(months=30),
        end_date=today - relativedelta(months=25),
        outcome=outcome,
    )
    recent = MentorshipFactory(
        pseudonym="Uil",
        start_date=today - relativedelta(months=6),
        end_date=today - relativedelta(months=1),
        outcome=outcome,
    )
    Meeting.objects.create(
        mentorship=old, date=old.start_date, duration_minutes=30, kind="family", note="Geheim"
    )
    anonymise_expired_concerns.delay()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.anonymised_at and old.pseudonym != "Vos"
    assert old.meetings.get().note is None and old.outcome == outcome  # aggregates stay
    assert recent.anonymised_at is None and recent.pseudonym == "Uil"
