"""Demo and benchmark data of the role-model app: candidates in every stage, with histories."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from network.interventions.seed import BASIC_TRAINING, ROLE_MODEL_MEETINGS
from network.models import (
    Community,
    Intervention,
    Language,
    Municipality,
    Organisation,
    PracticeExample,
    Theme,
)
from network.seed import GRONINGEN
from polrad.accounts.models import User
from polrad.accounts.seed import DEMO_SCOPE
from polrad.seed_data import scaled
from rolemodels.models import Activity, ActivityEvent, RoleModel, StageChange
from rolemodels.workflow import ActivityState, Stage

# The way in, and what follows for those who leave it.
ROUTE = [Stage.APPLIED, Stage.INTAKE, Stage.VOG_CHECKED, Stage.IN_TRAINING, Stage.ACTIVE]
ROUTE_TO = {
    **{stage: ROUTE[: ROUTE.index(stage) + 1] for stage in ROUTE},
    Stage.PAUSED: [*ROUTE, Stage.PAUSED],
    Stage.STOPPED: [*ROUTE, Stage.STOPPED],
    Stage.DECLINED: [Stage.APPLIED, Stage.INTAKE, Stage.DECLINED],
}
REASONS = {
    Stage.PAUSED: "Tijdelijk minder tijd door een nieuwe baan.",
    Stage.STOPPED: "Verhuisd naar een andere provincie.",
    Stage.DECLINED: "Past op dit moment niet bij wat het netwerk zoekt.",
}
# (name, stage, days in the stage) — a few wait long enough to show as stuck.
DEMO = [
    ("Rachida Rolmodel", Stage.ACTIVE, 120),
    ("Youssef El Amrani", Stage.APPLIED, 3),
    ("Fatma Yılmaz", Stage.APPLIED, 21),
    ("Jan Bakker", Stage.APPLIED, 1),
    ("Aisha Mohammed", Stage.INTAKE, 6),
    ("Dawit Tesfay", Stage.INTAKE, 30),
    ("Marieke de Vries", Stage.INTAKE, 2),
    ("Omar Haddad", Stage.VOG_CHECKED, 10),
    ("Olena Kovalenko", Stage.VOG_CHECKED, 45),
    ("Piotr Nowak", Stage.IN_TRAINING, 8),
    ("Hanna Abdi", Stage.IN_TRAINING, 12),
    ("Mustafa Demir", Stage.IN_TRAINING, 25),
    ("Samira Bouzid", Stage.ACTIVE, 200),
    ("Kees Huizinga", Stage.ACTIVE, 90),
    ("Leyla Rahimi", Stage.ACTIVE, 60),
    ("Ahmed Yusuf", Stage.ACTIVE, 300),
    ("Nadia Benali", Stage.ACTIVE, 30),
    ("Eline Mulder", Stage.ACTIVE, 150),
    ("Senait Ghebre", Stage.ACTIVE, 75),
    ("Hüseyin Kaya", Stage.PAUSED, 40),
    ("Anouk Smit", Stage.PAUSED, 15),
    ("Bilal Chaouch", Stage.STOPPED, 100),
    ("Tom Veenstra", Stage.STOPPED, 250),
    ("Karim Saidi", Stage.DECLINED, 50),
    ("Ingrid Wierenga", Stage.DECLINED, 20),
]
# They live in the city of Groningen, the scope of the handler's and the municipal officer's
# demo accounts, so its dashboard shows active role models and their activities.
IN_THE_DEMO_SCOPE = {"Rachida Rolmodel", "Samira Bouzid", "Kees Huizinga", "Nadia Benali"}


def _history(role_model, route, end, coordinator, step_days=7) -> list[StageChange]:
    """The moves along `route`, the last one `end`, each a week after the one before."""
    rows = []
    for index, stage in enumerate(route):
        at = end - timedelta(days=step_days * (len(route) - 1 - index))
        rows.append(
            StageChange(
                role_model=role_model,
                from_stage=route[index - 1] if index else "",
                to_stage=stage,
                actor=coordinator if index else None,
                reason=REASONS.get(stage, ""),
                created_at=at,
            )
        )
    return rows


def seed_demo(out) -> None:
    _seed_demo_role_models(out)
    _seed_demo_activities(out)
    _tag_demo_interventions(out)


def _seed_demo_role_models(out) -> None:
    if RoleModel.objects.exists():
        out(f"role models: {RoleModel.objects.count()}")
        return
    rng = random.Random(2026)
    now = timezone.now()
    municipalities = list(Municipality.objects.filter(cbs_code__in=[c for c, _n in GRONINGEN]))
    communities = list(Community.objects.all())
    languages = list(Language.objects.all())
    themes = list(Theme.objects.all())
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    account = User.objects.filter(email="rolemodel@example.org").first()
    scope = Municipality.objects.filter(cbs_code=DEMO_SCOPE).first()
    history = []
    for index, (name, stage, days) in enumerate(DEMO):
        changed = now - timedelta(days=days)
        route = ROUTE_TO[stage]
        role_model = RoleModel.objects.create(
            full_name=name,
            email=account.email if index == 0 and account else f"kandidaat{index}@example.org",
            phone=f"06-1000{index:04d}",
            municipality=scope
            if name in IN_THE_DEMO_SCOPE and scope
            else municipalities[index % len(municipalities)],
            motivation="Ik wil jongeren in mijn wijk laten zien dat er een andere weg is.",
            heard_via=rng.choice(RoleModel.HeardVia.values),
            story=f"{name.split()[0]} vertelt over opgroeien tussen twee culturen.",
            available_weekdays=index % 2 == 0,
            available_evenings=index % 3 != 0,
            available_weekends=index % 4 == 0,
            max_activities_per_month=1 + index % 4,
            coach=coordinator if Stage.IN_TRAINING in route else None,
            consent_date=(changed - timedelta(days=7 * len(route))).date(),
            vog_date=date(2026, 1, 15) if Stage.VOG_CHECKED in route else None,
            stage=stage,
            stage_changed_at=changed,
            created_at=changed - timedelta(days=7 * (len(route) - 1)),
            user=account if index == 0 else None,
        )
        role_model.communities.set(rng.sample(communities, min(2, len(communities))))
        role_model.languages.set(rng.sample(languages, min(2, len(languages))))
        role_model.themes.set(rng.sample(themes, min(2, len(themes))))
        history.extend(_history(role_model, route, changed, coordinator))
    StageChange.objects.bulk_create(history)
    out(f"role models: {RoleModel.objects.count()} (rolemodel@example.org is active)")


VENUES = {
    Activity.VenueType.SCHOOL: "Praktijkschool",
    Activity.VenueType.COMMUNITY_CENTRE: "Buurthuis De Schakel",
    Activity.VenueType.PLACE_OF_WORSHIP: "Moskee Selimiye",
    Activity.VenueType.SPORTS_CLUB: "Voetbalvereniging",
    Activity.VenueType.YOUTH_WORK: "Jongerencentrum",
    Activity.VenueType.LIBRARY: "Bibliotheek",
    Activity.VenueType.ONLINE: "Online bijeenkomst",
    Activity.VenueType.OTHER: "Wijkcentrum",
}
DESCRIPTIONS = [
    "Gesprek over opgroeien tussen twee culturen en omgaan met vooroordelen.",
    "Voorlichting over online haat en hoe je nepnieuws herkent.",
    "Ouderavond over signalen van radicalisering bij jongeren.",
    "Dialoogsessie tussen jongeren over wij-zij-denken in de wijk.",
    "Workshop voor jongerenwerkers over het gesprek aangaan.",
]
# The demo role model's own activities, (days ago, state), so every state can be tried.
OWN_ACTIVITIES = [
    (200, ActivityState.APPROVED),
    (120, ActivityState.APPROVED),
    (60, ActivityState.APPROVED),
    (20, ActivityState.APPROVED),
    (9, ActivityState.RETURNED),
    (4, ActivityState.SUBMITTED),
    (1, ActivityState.DRAFT),
]


def _route(state: str) -> list[str]:
    if state == ActivityState.RETURNED:
        return [ActivityState.DRAFT, ActivityState.SUBMITTED, ActivityState.RETURNED]
    if state == ActivityState.APPROVED:
        return [ActivityState.DRAFT, ActivityState.SUBMITTED, ActivityState.APPROVED]
    if state == ActivityState.SUBMITTED:
        return [ActivityState.DRAFT, ActivityState.SUBMITTED]
    return [ActivityState.DRAFT]


def _demo_activity(rng, role_model, day, state, hosts) -> Activity:
    venue_type = rng.choice(Activity.VenueType.values)
    logged = timezone.make_aware(datetime.combine(day, time(20, 0)))
    return Activity(
        role_model=role_model,
        date=day,
        municipality_id=role_model.municipality_id,
        venue_type=venue_type,
        venue=VENUES[venue_type],
        host_organisation=rng.choice(hosts.get(role_model.municipality_id) or [None]),
        target_group=rng.choice(Activity.TargetGroup.values),
        participants=rng.randint(6, 45),
        description=rng.choice(DESCRIPTIONS),
        reflection="Goed gesprek; een paar jongeren bleven na afloop nog vragen stellen.",
        state=state,
        # Some approved activities are highlights for the reports (without drawing from rng,
        # which would change the rest of the demo data).
        shareable=state == ActivityState.APPROVED and day.day % 3 == 0,
        review_comment="Vul het aantal deelnemers aan: het lijkt te laag."
        if state == ActivityState.RETURNED
        else "",
        created_at=logged,
        submitted_at=logged + timedelta(hours=1) if state != ActivityState.DRAFT else None,
        approved_at=logged + timedelta(days=3) if state == ActivityState.APPROVED else None,
    )


def _seed_demo_activities(out) -> None:
    """A year of activities of the active role models across Groningen's municipalities."""
    if Activity.objects.exists():
        out(f"activities: {Activity.objects.count()}")
        return
    rng = random.Random(2027)
    today = timezone.localdate()
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    hosts: dict[int, list[Organisation]] = {}
    for organisation in Organisation.objects.filter(is_active=True).prefetch_related(
        "municipalities"
    ):
        for municipality in organisation.municipalities.all():
            hosts.setdefault(municipality.pk, []).append(organisation)
    active = list(RoleModel.objects.filter(stage__in=[Stage.ACTIVE, Stage.PAUSED]))
    planned = []
    for index, role_model in enumerate(active):
        if role_model.user and role_model.user.email == "rolemodel@example.org":
            planned += [(role_model, today - timedelta(days=d), s) for d, s in OWN_ACTIVITIES]
            continue
        for _ in range(rng.randint(4, 12)):
            days_ago = rng.randint(14, 365)
            planned.append((role_model, today - timedelta(days=days_ago), ActivityState.APPROVED))
        if index % 4 != 3:  # most have a recent activity waiting for approval
            recent = today - timedelta(days=rng.randint(1, 13))
            planned.append((role_model, recent, ActivityState.SUBMITTED))
    activities = Activity.objects.bulk_create(
        [_demo_activity(rng, rm, day, state, hosts) for rm, day, state in planned]
    )
    themes = list(Theme.objects.all())
    events = []
    for activity in activities:
        activity.themes.set(rng.sample(themes, min(len(themes), rng.randint(1, 2))))
        if rng.random() < 0.2 and len(active) > 1:
            activity.co_presenters.set(
                [rng.choice([rm for rm in active if rm.pk != activity.role_model_id])]
            )
        route = _route(activity.state)
        for index, state in enumerate(route):
            events.append(
                ActivityEvent(
                    activity=activity,
                    from_state=route[index - 1] if index else "",
                    to_state=state,
                    actor=activity.role_model.user if index < 2 else coordinator,
                    comment=activity.review_comment if state == ActivityState.RETURNED else "",
                    created_at=activity.created_at + timedelta(hours=index),
                )
            )
    ActivityEvent.objects.bulk_create(events)
    out(f"activities: {len(activities)}")


# Which intervention of the catalogue an approved demo activity delivered, by target group.
DELIVERED = {
    Activity.TargetGroup.PARENTS: "Ouderavonden over de online leefwereld",
    Activity.TargetGroup.PROFESSIONALS: BASIC_TRAINING,
}


def _tag_demo_interventions(out) -> None:
    """Most approved activities delivered an intervention; two are written up as examples."""
    if Activity.objects.filter(intervention__isnull=False).exists():
        return
    interventions = {i.name: i for i in Intervention.objects.all()}
    if ROLE_MODEL_MEETINGS not in interventions:
        return
    approved = list(Activity.objects.filter(state=ActivityState.APPROVED).order_by("pk"))
    for index, activity in enumerate(approved):
        if index % 5 == 4:
            continue  # not every activity follows a catalogued intervention
        name = DELIVERED.get(activity.target_group, ROLE_MODEL_MEETINGS)
        activity.intervention = interventions.get(name, interventions[ROLE_MODEL_MEETINGS])
    Activity.objects.bulk_update(approved, ["intervention"])
    for example in PracticeExample.objects.filter(intervention__name=ROLE_MODEL_MEETINGS):
        Activity.objects.filter(
            pk__in=Activity.objects.filter(
                state=ActivityState.APPROVED,
                municipality=example.municipality,
                practice_example__isnull=True,
                shareable=False,
            ).values("pk")[:2]
        ).update(practice_example=example)
    tagged = Activity.objects.filter(intervention__isnull=False).count()
    out(f"activities tagged with an intervention: {tagged}")


NATIONAL_ROLE_MODELS = 5_000
SCALE_MIX = [
    (Stage.APPLIED, 0.06),
    (Stage.INTAKE, 0.05),
    (Stage.VOG_CHECKED, 0.04),
    (Stage.IN_TRAINING, 0.05),
    (Stage.ACTIVE, 0.55),
    (Stage.PAUSED, 0.08),
    (Stage.STOPPED, 0.10),
    (Stage.DECLINED, 0.07),
]


def seed_scale(out) -> None:
    seed_scale_role_models(out)
    seed_scale_activities(out)


def seed_scale_role_models(out) -> None:
    """Fill up to the national number of role models (bulk inserts, short histories)."""
    missing = scaled(NATIONAL_ROLE_MODELS) - RoleModel.objects.count()
    if missing <= 0:
        out(f"role models: {RoleModel.objects.count()}")
        return
    rng = random.Random(2026)
    now = timezone.now()
    municipality_ids = list(Municipality.objects.values_list("pk", flat=True))
    stages, weights = zip(*SCALE_MIX, strict=True)
    new = RoleModel.objects.bulk_create(
        [
            RoleModel(
                full_name=f"Rolmodel {i}",
                email=f"rolmodel{i}@bench.example.org",
                municipality_id=rng.choice(municipality_ids),
                stage=rng.choices(stages, weights)[0],
                stage_changed_at=now - timedelta(days=rng.randint(0, 400)),
                available_evenings=rng.random() < 0.6,
                available_weekends=rng.random() < 0.4,
                available_weekdays=rng.random() < 0.5,
                vog_date=date(2025, 6, 1),
                created_at=now - timedelta(days=500),
            )
            for i in range(missing)
        ],
        batch_size=2000,
    )
    StageChange.objects.bulk_create(
        [
            StageChange(
                role_model_id=rm.pk,
                from_stage="",
                to_stage=Stage.APPLIED,
                created_at=rm.created_at,
            )
            for rm in new
        ]
        + [
            StageChange(
                role_model_id=rm.pk,
                from_stage=Stage.APPLIED,
                to_stage=rm.stage,
                reason="Benchmark",
                created_at=rm.stage_changed_at,
            )
            for rm in new
            if rm.stage != Stage.APPLIED
        ],
        batch_size=5000,
    )
    for field, model in (("languages", Language), ("communities", Community), ("themes", Theme)):
        through = getattr(RoleModel, field).through
        column = f"{model._meta.model_name}_id"
        ids = list(model.objects.values_list("pk", flat=True))
        through.objects.bulk_create(
            [
                through(rolemodel_id=rm.pk, **{column: value})
                for rm in new
                for value in rng.sample(ids, min(len(ids), rng.randint(1, 2)))
            ],
            batch_size=10000,
        )
    out(f"role models: {RoleModel.objects.count()}")


NATIONAL_ACTIVITIES = 200_000


def seed_scale_activities(out) -> None:
    """Fill up to the national number of activities over two years (bulk inserts)."""
    missing = scaled(NATIONAL_ACTIVITIES) - Activity.objects.count()
    if missing <= 0:
        out(f"activities: {Activity.objects.count()}")
        return
    rng = random.Random(2028)
    today = timezone.localdate()
    now = timezone.now()
    deployed = list(
        RoleModel.objects.filter(stage__in=[Stage.ACTIVE, Stage.PAUSED, Stage.STOPPED]).values_list(
            "pk", "municipality_id"
        )
    )
    host_ids = list(Organisation.objects.values_list("pk", flat=True)[:5000])
    venue_types = Activity.VenueType.values
    target_groups = Activity.TargetGroup.values
    states = [ActivityState.APPROVED] * 92 + [ActivityState.SUBMITTED] * 4
    states += [ActivityState.DRAFT] * 2 + [ActivityState.RETURNED] * 2
    for start in range(0, missing, 20_000):
        batch = []
        for _ in range(min(20_000, missing - start)):
            role_model_id, municipality_id = rng.choice(deployed)
            state = rng.choice(states)
            batch.append(
                Activity(
                    role_model_id=role_model_id,
                    date=today - timedelta(days=rng.randint(0, 730)),
                    municipality_id=municipality_id,
                    venue_type=rng.choice(venue_types),
                    host_organisation_id=rng.choice(host_ids) if rng.random() < 0.7 else None,
                    target_group=rng.choice(target_groups),
                    participants=rng.randint(5, 60),
                    description="Benchmark",
                    state=state,
                    created_at=now,
                    submitted_at=None if state == ActivityState.DRAFT else now,
                    approved_at=now if state == ActivityState.APPROVED else None,
                )
            )
        _scale_activity_links(Activity.objects.bulk_create(batch, batch_size=5000), rng, deployed)
    out(f"activities: {Activity.objects.count()}")


def _scale_activity_links(activities, rng, deployed) -> None:
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    Activity.themes.through.objects.bulk_create(
        [
            Activity.themes.through(activity_id=activity.pk, theme_id=theme_id)
            for activity in activities
            for theme_id in rng.sample(theme_ids, min(len(theme_ids), rng.randint(1, 2)))
        ],
        batch_size=10_000,
    )
    Activity.co_presenters.through.objects.bulk_create(
        [
            Activity.co_presenters.through(
                activity_id=activity.pk, rolemodel_id=rng.choice(deployed)[0]
            )
            for activity in activities
            if rng.random() < 0.15
        ],
        batch_size=10_000,
        ignore_conflicts=True,
    )
    ActivityEvent.objects.bulk_create(
        [
            ActivityEvent(
                activity_id=activity.pk,
                from_state="",
                to_state=ActivityState.DRAFT,
                created_at=activity.created_at,
            )
            for activity in activities
        ],
        batch_size=10_000,
    )
