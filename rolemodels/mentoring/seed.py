"""Demo and benchmark data of mentoring: mentors in Groningen, mentorships, meetings."""

import random
from datetime import timedelta

from django.utils import timezone

from network.models import Municipality
from network.seed import GRONINGEN
from polrad.accounts.models import User
from polrad.seed_data import scaled
from rolemodels.mentoring.models import (
    Meeting,
    MeetingTopic,
    Mentorship,
    MentorshipEvent,
    MentorshipGoal,
    MentorshipOutcome,
)
from rolemodels.models import RoleModel, StageChange
from rolemodels.workflow import Stage, Track

GOALS = ["Weerbaarheid vergroten", "School afmaken", "Positief netwerk", "Gesprek thuis"]
OUTCOMES = ["Doelen bereikt", "Doorverwezen", "Voortijdig gestopt", "Verhuisd"]
TOPICS = ["School", "Thuis", "Vrienden", "Online", "Geloof", "Toekomst", "Werk"]
DEMO_MENTORS = [
    ("Karim Ouali", 8),
    ("Ingrid Bakker", 40),  # no meeting for weeks: flagged on the board
    ("Yusuf Demir", 3),
]
PSEUDONYMS = ["Jongere A", "Vos", "Jongere B", "Merel", "Jongere C", "Uil", "Jongere D"]
NOTES = [
    "Rustig gesprek, gaat beter op school.",
    "Sprak over filmpjes die hij online ziet; afgesproken er volgende keer op terug te komen.",
    "Samen met moeder gesproken over de toekomst.",
]


def _terms():
    for model, names in ((MentorshipGoal, GOALS), (MentorshipOutcome, OUTCOMES)):
        for position, name in enumerate(names):
            model.objects.get_or_create(name=name, defaults={"position": position})
    for position, name in enumerate(TOPICS):
        MeetingTopic.objects.get_or_create(name=name, defaults={"position": position})


def seed_demo(out) -> None:
    _terms()
    if Mentorship.objects.exists():
        out(f"mentorships: {Mentorship.objects.count()}")
        return
    rng = random.Random(12)
    today = timezone.localdate()
    places = list(Municipality.objects.filter(cbs_code__in=[c for c, _n in GRONINGEN]))
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    mentors = []
    demo = RoleModel.objects.filter(email="rolemodel@example.org").first()
    if demo is not None:  # the demo role model account mentors too
        RoleModel.objects.filter(pk=demo.pk).update(track=Track.BOTH)
        mentors.append((demo, 5))
    for index, (name, quiet_days) in enumerate(DEMO_MENTORS):
        mentor = RoleModel.objects.create(
            full_name=name,
            email=f"mentor{index}@example.org",
            municipality=places[index % len(places)],
            track=Track.MENTOR,
            available_weekdays=True,
            available_evenings=True,
            stage=Stage.ACTIVE,
            stage_changed_at=timezone.now() - timedelta(days=300),
            coach=coordinator,
            consent_date=today - timedelta(days=320),
        )
        StageChange.objects.create(
            role_model=mentor,
            from_stage=Stage.IN_TRAINING,
            to_stage=Stage.ACTIVE,
            actor=coordinator,
            created_at=timezone.now() - timedelta(days=300),
        )
        mentors.append((mentor, quiet_days))
    goals, topics = list(MentorshipGoal.objects.all()), list(MeetingTopic.objects.all())
    outcome = MentorshipOutcome.objects.first()
    for index, (mentor, quiet_days) in enumerate(mentors):
        for number in range(2):
            pseudonym = PSEUDONYMS[(index * 2 + number) % len(PSEUDONYMS)]
            ended = number == 1 and index % 2 == 1
            start = today - timedelta(days=120 + 20 * number)
            mentorship = Mentorship.objects.create(
                mentor=mentor,
                pseudonym=pseudonym,
                age_band=rng.choice(["12_17", "18_23"]),
                municipality=mentor.municipality,
                started_via=rng.choice(Mentorship.StartedVia.values),
                start_date=start,
                end_date=today - timedelta(days=10) if ended else None,
                outcome=outcome if ended else None,
                created_by=coordinator,
            )
            mentorship.goals.set(rng.sample(goals, 2))
            MentorshipEvent.objects.create(
                mentorship=mentorship, kind="started", mentor=mentor, actor=coordinator
            )
            last = today - timedelta(days=quiet_days + (10 if ended else 0))
            for week in range(6):
                meeting = Meeting.objects.create(
                    mentorship=mentorship,
                    date=last - timedelta(weeks=2 * week),
                    duration_minutes=rng.choice([30, 45, 60, 90]),
                    kind=rng.choice(Meeting.Kind.values),
                    note=rng.choice(NOTES),
                    logged_by=mentor.user,
                )
                meeting.topics.set(rng.sample(topics, 2))
            Mentorship.objects.filter(pk=mentorship.pk).update(last_meeting_on=last)
    out(f"mentorships: {Mentorship.objects.count()} (rolemodel@example.org mentors too)")


NATIONAL_MENTORS = 5_000
NATIONAL_MENTORSHIPS = 20_000
NATIONAL_MEETINGS = 200_000


def seed_scale(out) -> None:
    """Mentors among the role models, 20,000 mentorships and 200,000 meetings (bulk)."""
    _terms()
    missing = scaled(NATIONAL_MENTORSHIPS) - Mentorship.objects.count()
    if missing <= 0:
        out(f"mentorships: {Mentorship.objects.count()}")
        return
    rng = random.Random(2027)
    today = timezone.localdate()
    active = RoleModel.objects.filter(stage=Stage.ACTIVE).order_by("pk")
    mentor_ids = list(active.values_list("pk", flat=True)[: scaled(NATIONAL_MENTORS)])
    RoleModel.objects.filter(pk__in=mentor_ids).update(track=Track.BOTH)
    municipality_of = dict(
        RoleModel.objects.filter(pk__in=mentor_ids).values_list("pk", "municipality_id")
    )
    rows = []
    for i in range(missing):
        mentor_id = mentor_ids[i % len(mentor_ids)]
        start = today - timedelta(days=rng.randint(30, 700))
        ended = rng.random() < 0.5
        rows.append(
            Mentorship(
                mentor_id=mentor_id,
                pseudonym=f"Jongere {i}",
                age_band=rng.choice(Mentorship.AgeBand.values),
                municipality_id=municipality_of[mentor_id],
                started_via=rng.choice(Mentorship.StartedVia.values),
                start_date=start,
                end_date=min(today, start + timedelta(days=rng.randint(30, 300)))
                if ended
                else None,
                last_meeting_on=start + timedelta(days=rng.randint(0, 29)),
            )
        )
    created = Mentorship.objects.bulk_create(rows, batch_size=5000)
    per = max(1, scaled(NATIONAL_MEETINGS) // len(created))
    Meeting.objects.bulk_create(
        (
            Meeting(
                mentorship_id=mentorship.pk,
                date=mentorship.start_date + timedelta(days=7 * n),
                duration_minutes=45,
                kind=Meeting.Kind.ONE_TO_ONE,
            )
            for mentorship in created
            for n in range(per)
        ),
        batch_size=10000,
    )
    out(f"mentorships: {Mentorship.objects.count()}, meetings: {Meeting.objects.count()}")
