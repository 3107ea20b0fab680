"""Demo and benchmark data of the role-model app: candidates in every stage, with histories."""

import random
from datetime import date, timedelta

from django.utils import timezone

from network.models import Community, Language, Municipality, Theme
from network.seed import GRONINGEN
from polrad.accounts.models import User
from rolemodels.models import RoleModel, StageChange
from rolemodels.workflow import Stage

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
    history = []
    for index, (name, stage, days) in enumerate(DEMO):
        changed = now - timedelta(days=days)
        route = ROUTE_TO[stage]
        role_model = RoleModel.objects.create(
            full_name=name,
            email=account.email if index == 0 and account else f"kandidaat{index}@example.org",
            phone=f"06-1000{index:04d}",
            municipality=municipalities[index % len(municipalities)],
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
    """Fill up to the national number of role models (bulk inserts, short histories)."""
    missing = NATIONAL_ROLE_MODELS - RoleModel.objects.count()
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
