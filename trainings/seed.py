"""Demo and benchmark data of trainings: both programmes, past and coming sessions, who took
part and how it went, certificates, evaluations, and the coaching of the demo role models."""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from network.models import KnowledgeDocument, Municipality, Organisation
from network.seed import GRONINGEN
from polrad.accounts.models import User
from polrad.accounts.roles import Role
from polrad.seed_data import scaled
from rolemodels.models import RoleModel
from rolemodels.workflow import Stage
from trainings.models import (
    Certificate,
    CoachingAction,
    CoachingSession,
    Enrolment,
    EnrolmentMessage,
    Evaluation,
    Module,
    Programme,
    Session,
)
from trainings.services import certificates_issue
from trainings.workflow import Attendance, Audience, EnrolmentState, MessageKind, SessionState

ROLE_MODEL_TRAINING = "Training rolmodellen"
BASIC_TRAINING = "Basistraining Signalering van polarisatie en radicalisering"

# The trainer's manual for role models, module by module.
ROLE_MODEL_MODULES = [
    ("Kennismaking en je eigen verhaal", "Oefening: vertel in vijf minuten je eigen verhaal."),
    (
        "Polarisatie en radicalisering: wat is het?",
        "Het polarisatiemodel; fasen van radicalisering.",
    ),
    ("Het gesprek aangaan", "Dialoog in plaats van debat; omgaan met weerstand."),
    ("Een voorlichting geven", "Opbouw van een bijeenkomst; werkvormen voor jongeren en ouders."),
    ("Signalen herkennen en doorverwijzen", "Wanneer maak je je zorgen, en bij wie meld je dat?"),
    ("Zelfzorg en grenzen", "Wat neem je mee naar huis; steun van je coach en het netwerk."),
]
BASIC_MODULES = [
    ("Begrippen en fasen", "Polarisatie, radicalisering en extremisme; het stappenmodel."),
    ("Signalen herkennen en duiden", "Casussen uit school, jongerenwerk en wijkteam."),
    ("Handelen: melden, afstemmen, doorverwijzen", "De meldroute van het netwerk; wie doet wat."),
    ("Het gesprek met jongeren", "Gespreksvaardigheden; oefenen met een trainingsacteur."),
]
COMMENTS = [
    "Heel praktisch, ik kan er morgen mee aan de slag.",
    "Graag meer tijd voor casussen.",
    "De trainer wist waar ze het over had.",
    "Goede uitwisseling met collega's uit andere gemeenten.",
    "",
]
FIRST_NAMES = ["Anna", "Bas", "Chantal", "Daan", "Esra", "Frank", "Gülşen", "Henk", "Ilse", "Joost"]
LAST_NAMES = ["de Boer", "Dijkstra", "Kramer", "Postma", "Hoekstra", "Visser", "Smit", "Mulder"]


@dataclass
class Cohort:
    """Sessions of one programme that one group attends together."""

    programme: Programme
    days: list[int]  # days from today of each session; negative in the past
    municipality: Municipality
    capacity: int
    venue: str


def _at(day_offset: int, hour: int = 9) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour, 30)))


def _programmes() -> tuple[Programme, Programme]:
    role_models, _created = Programme.objects.get_or_create(
        name=ROLE_MODEL_TRAINING,
        defaults={
            "audience": Audience.ROLE_MODELS,
            "description": "De training uit de trainershandleiding voor rolmodellen.",
            "learning_goals": "Je eigen verhaal vertellen; het gesprek aangaan; signalen "
            "herkennen en doorverwijzen; een voorlichting geven.",
            "required_sessions": 3,
            "qualifies_role_models": True,
        },
    )
    basic, _created = Programme.objects.get_or_create(
        name=BASIC_TRAINING,
        defaults={
            "audience": Audience.PROFESSIONALS,
            "description": "Voor eerstelijnsprofessionals: onderwijs, jongerenwerk, wijkteams, "
            "politie en zorg.",
            "learning_goals": "Signalen van polarisatie en radicalisering herkennen, duiden en "
            "weten wat je ermee doet.",
            "required_sessions": 2,
            "validity_months": 24,
        },
    )
    for programme, modules in ((role_models, ROLE_MODEL_MODULES), (basic, BASIC_MODULES)):
        if not programme.modules.exists():
            Module.objects.bulk_create(
                Module(programme=programme, order=i, title=title, materials=materials)
                for i, (title, materials) in enumerate(modules, start=1)
            )
    _link_documents(role_models, basic)
    return role_models, basic


# The knowledge-base documents (network.interventions.seed) each programme works from.
MODULE_DOCUMENTS = {
    "role_models": ["Handboek rolmodellen", "Trainershandleiding rolmodeltraining"],
    "basic": ["Handreiking signaleren voor professionals"],
}


def _link_documents(role_models: Programme, basic: Programme) -> None:
    """Every module of a programme links to its documents (adds nothing twice)."""
    for programme, key in ((role_models, "role_models"), (basic, "basic")):
        documents = list(KnowledgeDocument.objects.filter(title__in=MODULE_DOCUMENTS[key]))
        for module in programme.modules.all():
            module.documents.add(*documents)


def _sessions(cohort: Cohort, trainer: User | None) -> list[Session]:
    modules = list(cohort.programme.modules.all())
    per_session = max(1, len(modules) // len(cohort.days))
    sessions = []
    for index, day in enumerate(cohort.days):
        starts = _at(day)
        session = Session.objects.create(
            programme=cohort.programme,
            title=f"{cohort.programme.name}, deel {index + 1}",
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            municipality=cohort.municipality,
            venue=cohort.venue,
            capacity=cohort.capacity,
            state=SessionState.HELD if day < 0 else SessionState.PLANNED,
            created_at=starts - timedelta(days=60),
        )
        session.modules.set(modules[index * per_session : (index + 1) * per_session])
        if trainer:
            session.trainers.add(trainer)
        sessions.append(session)
    return sessions


def _enrol(rng, sessions, people, *, absent_rate=0.1) -> list[Enrolment]:
    """Enrol (name, email, user, organisation) in each session; attendance for held ones."""
    enrolments = []
    for session in sessions:
        held = session.state == SessionState.HELD
        for index, (name, email, user, organisation) in enumerate(people):
            state = EnrolmentState.ENROLLED
            if not held and index >= session.capacity:
                state = EnrolmentState.WAITLISTED
            attendance = ""
            if held:
                roll = rng.random()
                attendance = Attendance.ABSENT if roll < absent_rate else Attendance.PRESENT
                attendance = Attendance.LATE if 0.9 < roll < 0.95 else attendance
            enrolments.append(
                Enrolment(
                    session=session,
                    user=user,
                    full_name=name,
                    email=email,
                    organisation=organisation,
                    municipality=session.municipality,
                    state=state,
                    attendance=attendance,
                    attendance_recorded_at=session.ends_at if held else None,
                    created_at=session.created_at + timedelta(hours=index),
                )
            )
    return Enrolment.objects.bulk_create(enrolments)


def _evaluate(rng, enrolments) -> int:
    evaluations = [
        Evaluation(
            enrolment=enrolment,
            overall=rng.randint(3, 5),
            content=rng.randint(3, 5),
            trainer=rng.randint(4, 5),
            usefulness=rng.randint(2, 5),
            comments=rng.choice(COMMENTS),
            submitted_at=enrolment.session.ends_at + timedelta(days=1),
        )
        for enrolment in enrolments
        if enrolment.attendance in (Attendance.PRESENT, Attendance.LATE) and rng.random() < 0.6
    ]
    Evaluation.objects.bulk_create(evaluations)
    # The past is past: no confirmation or evaluation request goes out for the demo's history.
    EnrolmentMessage.objects.bulk_create(
        [
            EnrolmentMessage(enrolment=e, kind=kind)
            for e in enrolments
            if e.session.state == SessionState.HELD
            for kind in (MessageKind.CONFIRMATION, MessageKind.EVALUATION)
        ],
        ignore_conflicts=True,
    )
    return len(evaluations)


def _professionals(rng, municipality, count, start) -> list[tuple]:
    organisations = list(Organisation.objects.filter(municipalities=municipality)[:10]) or [None]
    return [
        (
            f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            f"deelnemer{start + i}@example.org",
            None,
            rng.choice(organisations),
        )
        for i in range(count)
    ]


def seed_demo(out) -> None:
    if Programme.objects.filter(name=ROLE_MODEL_TRAINING, sessions__isnull=False).exists():
        out(f"training enrolments: {Enrolment.objects.count()}")
    else:
        _seed_demo_trainings(out)
    _seed_demo_coaching(out)


def _seed_demo_trainings(out) -> None:
    rng = random.Random(2031)
    role_models, basic = _programmes()
    trainer = User.objects.filter(email="coordinator@example.org").first()
    places = list(Municipality.objects.filter(cbs_code__in=[c for c, _n in GRONINGEN]))
    city = Municipality.objects.filter(cbs_code="GM0014").first() or places[0]
    evaluated = _seed_role_model_cohorts(rng, role_models, trainer, city)
    # Three past groups of the basic training: the network's "65 professionals trained".
    start = 0
    for index, days in enumerate(([-400, -393], [-250, -243], [-90, -83])):
        municipality = places[index % len(places)]
        cohort = Cohort(basic, days, municipality, 24, f"Gemeentehuis {municipality.name}")
        people = _professionals(rng, municipality, 22, start)
        start += 22
        enrolments = _enrol(rng, _sessions(cohort, trainer), people, absent_rate=0.03)
        evaluated += _evaluate(rng, enrolments)
        certificates_issue(programme=basic, emails=[p[1] for p in people])
    # Coming: one group in the city with the demo professional, one full with a waiting list.
    professional = User.objects.filter(email="professional@example.org").first()
    people = _professionals(rng, city, 9, start)
    first, second = _sessions(Cohort(basic, [14, 21], city, 20, "Forum Groningen"), trainer)
    _enrol(rng, [second], people)
    if professional:  # in the first part only: the second is hers to enrol in
        people.insert(0, (professional.full_name, professional.email, professional, None))
    _enrol(rng, [first], people)
    full = Cohort(basic, [5, 12], places[-1], 12, f"Bibliotheek {places[-1].name}")
    _enrol(rng, _sessions(full, trainer)[:1], _professionals(rng, places[-1], 15, start + 9))
    out(
        f"trainings: {Session.objects.count()} sessions, {Enrolment.objects.count()} enrolments, "
        f"{Certificate.objects.count()} certificates, {evaluated} evaluations"
    )


def _seed_role_model_cohorts(rng, programme, trainer, city) -> int:
    """Those who became role models took the training; those in training are halfway."""
    people = {
        stage: [
            (rm.full_name, rm.email, rm.user, None)
            for rm in RoleModel.objects.filter(stage__in=stages).select_related("user")
        ]
        for stage, stages in (
            ("done", [Stage.ACTIVE, Stage.PAUSED, Stage.STOPPED]),
            ("now", [Stage.IN_TRAINING]),
        )
    }
    venue = "Wijkcentrum De Hoogte"
    done = _sessions(Cohort(programme, [-160, -150, -140], city, 25, venue), trainer)
    enrolments = _enrol(rng, done, people["done"], absent_rate=0)
    now = _sessions(Cohort(programme, [-20, -6, 8], city, 15, venue), trainer)
    enrolments += _enrol(rng, now, people["now"], absent_rate=0.15)
    certificates_issue(programme=programme, emails=[p[1] for p in people["done"] + people["now"]])
    return _evaluate(rng, enrolments)


COACHING_TOPICS = [
    "Hoe ging de voorlichting op de praktijkschool; wat deed je met de lastige vraag?",
    "Je eigen verhaal: wat vertel je wel en wat houd je voor jezelf?",
    "Planning van de komende maand en je beschikbaarheid.",
    "Een ouder sprak je na afloop aan over zorgen om haar zoon.",
]
ACTIONS = [
    "Materiaal over online uitingen toesturen",
    "Contact leggen met het jongerenwerk in de wijk",
    "Datum voor de volgende voorlichting vastleggen",
]
# Days ago of the coaching sessions whose action is still open → days until it was due.
OPEN_ACTIONS = {65: 21, 30: 45, 20: 21}
NOTES = "Vertrouwelijk: maakt zich zorgen over reacties in de eigen gemeenschap; volgt coach op."


def _seed_demo_coaching(out) -> None:
    """Coaching of the active role models: recent, long ago (flagged) or not yet."""
    if CoachingSession.objects.exists():
        out(f"coaching sessions: {CoachingSession.objects.count()}")
        return
    today = timezone.localdate()
    active = list(RoleModel.objects.filter(stage=Stage.ACTIVE, coach__isnull=False).order_by("pk"))
    actions = []
    for index, role_model in enumerate(active):
        demo = role_model.user is not None and role_model.user.email == "rolemodel@example.org"
        days = [100, 65, 30] if demo else [[20], [80], []][index % 3]
        for number, days_ago in enumerate(days):
            session = CoachingSession.objects.create(
                role_model=role_model,
                coach=role_model.coach,
                date=today - timedelta(days=days_ago),
                topics=COACHING_TOPICS[(index + number) % len(COACHING_TOPICS)],
                confidential_notes=NOTES if demo else "",
            )
            recent = role_model.activities.filter(date__lte=session.date).first()
            if recent:
                session.activities.add(recent)
            # The older actions are done; the demo role model's one of 65 days ago is still
            # open and overdue, her latest and the recent one of others are open and due.
            is_open = days_ago in OPEN_ACTIONS
            actions.append(
                CoachingAction(
                    session=session,
                    description=ACTIONS[number % len(ACTIONS)],
                    due_date=session.date + timedelta(days=OPEN_ACTIONS.get(days_ago, 21)),
                    done_at=None if is_open else timezone.now() - timedelta(days=days_ago - 10),
                )
            )
    CoachingAction.objects.bulk_create(actions)
    _plan_demo_coaching(today)
    out(f"coaching sessions: {CoachingSession.objects.count()} (coach coordinator@example.org)")


def _plan_demo_coaching(today) -> None:
    """The demo role model's latest coaching discussed her mentorships and planned the next
    session (her home page shows it)."""
    latest = CoachingSession.objects.filter(role_model__user__email="rolemodel@example.org").first()
    if latest is None:
        return
    latest.next_session_on = today + timedelta(days=9)
    latest.save(update_fields=["next_session_on"])
    latest.mentorships.set(latest.role_model.mentorships.filter(end_date__isnull=True)[:2])


# --- national scale -------------------------------------------------------------------------

NATIONAL_ENROLMENTS = 50_000
BASIC_GROUP = 20
ROLE_MODEL_GROUP = 15


def seed_scale(out) -> None:
    seed_scale_enrolments(out)
    seed_scale_coaching(out)


def _bench_participants() -> list[tuple]:
    professionals = Group.objects.filter(name=Role.PROFESSIONAL).first()
    users = User.objects.filter(email__endswith="@bench.example.org")
    if professionals:
        users = users.filter(groups=professionals)
    return list(users.values_list("pk", "email", "full_name")[:40_000])


def seed_scale_enrolments(out) -> None:
    """Fill up to the national number of enrolments: groups of the basic training (two
    sessions) and of the role-model training (three) over three years, across the country."""
    missing = scaled(NATIONAL_ENROLMENTS) - Enrolment.objects.count()
    if missing <= 0:
        out(f"training enrolments: {Enrolment.objects.count()}")
        return
    rng = random.Random(2032)
    role_models, basic = _programmes()
    municipality_ids = list(Municipality.objects.values_list("pk", flat=True))
    organisation_ids = list(Organisation.objects.values_list("pk", flat=True)[:5000]) or [None]
    participants = _bench_participants() or [
        (None, f"deelnemer{i}@bench.example.org", f"Deelnemer {i}") for i in range(20_000)
    ]
    plans = []  # (programme, size, [day offsets], municipality id)
    planned = 0
    while planned < missing:
        programme, size, gaps = (
            (basic, BASIC_GROUP, [0, 7])
            if rng.random() < 0.9
            else (role_models, ROLE_MODEL_GROUP, [0, 7, 14])
        )
        first = rng.randint(-1095, 90)
        plans.append((programme, size, [first + gap for gap in gaps], rng.choice(municipality_ids)))
        planned += size * len(gaps)
    sessions = Session.objects.bulk_create(
        [
            Session(
                programme=programme,
                title=f"{programme.name} (bench)",
                starts_at=_at(day),
                ends_at=_at(day) + timedelta(hours=3),
                municipality_id=municipality_id,
                venue="Benchmark",
                capacity=size + 5,
                state=SessionState.HELD if day < 0 else SessionState.PLANNED,
                created_at=_at(day) - timedelta(days=60),
            )
            for programme, size, days, municipality_id in plans
            for day in days
        ],
        batch_size=2000,
    )
    groups, position = [], 0
    for programme, size, days, _municipality in plans:
        groups.append((programme, sessions[position : position + len(days)], size))
        position += len(days)
    _scale_enrolments(rng, groups, participants, organisation_ids, missing)
    out(f"training enrolments: {Enrolment.objects.count()}")


def _scale_enrolments(rng, groups, participants, organisation_ids, missing) -> None:
    enrolments, certificates = [], []
    for programme, sessions, size in groups:
        people = rng.sample(participants, size)
        attended_all = set(range(size))
        for session in sessions:
            held = session.state == SessionState.HELD
            for index, (user_id, email, name) in enumerate(people):
                absent = held and rng.random() < 0.08
                if absent:
                    attended_all.discard(index)
                enrolments.append(
                    Enrolment(
                        session=session,
                        user_id=user_id,
                        full_name=name,
                        email=email,
                        organisation_id=rng.choice(organisation_ids),
                        municipality_id=session.municipality_id,
                        state=EnrolmentState.ENROLLED,
                        attendance=(Attendance.ABSENT if absent else Attendance.PRESENT)
                        if held
                        else "",
                        attendance_recorded_at=session.ends_at if held else None,
                        created_at=session.created_at,
                    )
                )
        last = sessions[-1]
        if last.state == SessionState.HELD:
            completed = timezone.localdate(last.starts_at)
            certificates += [
                Certificate(
                    programme=programme,
                    user_id=people[i][0],
                    full_name=people[i][2],
                    email=people[i][1],
                    completed_on=completed,
                    valid_until=completed + timedelta(days=730)
                    if programme.validity_months
                    else None,
                    issued_at=last.ends_at,
                )
                for i in sorted(attended_all)
            ]
    created = Enrolment.objects.bulk_create(enrolments[:missing], batch_size=5000)
    Certificate.objects.bulk_create(certificates, batch_size=5000, ignore_conflicts=True)
    Evaluation.objects.bulk_create(
        [
            Evaluation(
                enrolment_id=e.pk,
                overall=rng.randint(2, 5),
                content=rng.randint(2, 5),
                trainer=rng.randint(3, 5),
                usefulness=rng.randint(2, 5),
                submitted_at=e.attendance_recorded_at,
            )
            for e in created
            if e.attendance == Attendance.PRESENT and rng.random() < 0.4
        ],
        batch_size=5000,
    )


def seed_scale_coaching(out) -> None:
    """Coaches for the active role models and one to three coaching sessions each."""
    if CoachingSession.objects.filter(topics="Benchmark").exists():
        out(f"coaching sessions: {CoachingSession.objects.count()}")
        return
    rng = random.Random(2033)
    today = timezone.localdate()
    coaches = list(
        User.objects.filter(groups__name=Role.COORDINATOR).values_list("pk", flat=True)[:200]
    )
    active = list(RoleModel.objects.filter(stage=Stage.ACTIVE).only("pk", "coach_id"))
    for role_model in active:
        role_model.coach_id = role_model.coach_id or (rng.choice(coaches) if coaches else None)
    RoleModel.objects.bulk_update(active, ["coach"], batch_size=2000)
    sessions = CoachingSession.objects.bulk_create(
        [
            CoachingSession(
                role_model_id=rm.pk,
                coach_id=rm.coach_id,
                date=today - timedelta(days=rng.randint(0, 200)),
                topics="Benchmark",
                confidential_notes="Benchmark",
            )
            for rm in active
            for _ in range(rng.randint(0, 3))
        ],
        batch_size=5000,
    )
    CoachingAction.objects.bulk_create(
        [
            CoachingAction(
                session_id=s.pk,
                description="Benchmark",
                due_date=s.date + timedelta(days=21),
                done_at=timezone.now() if rng.random() < 0.6 else None,
            )
            for s in sessions
        ],
        batch_size=5000,
    )
    out(f"coaching sessions: {CoachingSession.objects.count()}")
