"""Demo and benchmark data of concerns: every state, with the demo reporter and handler."""

import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from network.interventions.seed import CASE_ADVICE, DIALOGUE, MENTORING
from network.models import Intervention, Municipality, Organisation, PolarisationForm
from network.seed import GRONINGEN
from polrad.accounts.models import User
from polrad.accounts.roles import Role
from polrad.seed_data import scaled
from signals.models import (
    CaseConference,
    Category,
    Concern,
    FollowUpAction,
    Note,
    Referral,
    Transition,
    TrendSubscription,
)
from signals.workflow import Outcome, State

# Each category with the form of polarisation it belongs to (slug), which links it to the
# interventions and the situation guidance.
CATEGORIES = [
    ("Polarisatie tussen groepen", "spanningen-tussen-groepen"),
    ("Individuele radicalisering", "individuele-radicalisering"),
    ("Online uitingen", "online-uitingen"),
    ("Anti-overheid en ondermijning", "anti-overheid-en-ondermijning"),
    ("Extremistische propaganda", "extremistische-propaganda"),
    ("Discriminatie of haatincident", "discriminatie-en-hate-incidenten"),
    ("Anders", None),
]
# What the demo case conferences decide on, from the catalogue.
CHOSEN_INTERVENTIONS = [CASE_ADVICE, MENTORING, DIALOGUE]
OBSERVATIONS = [
    "Op het schoolplein ontstaan steeds vaker ruzies tussen twee groepen leerlingen.",
    "Een jongere praat in de les over 'de strijd' en deelt filmpjes van een extremistische groep.",
    "In een buurtapp worden oproepen gedaan om de opvang van vluchtelingen te blokkeren.",
    "Stickers met extreemrechtse symbolen bij het sportpark.",
    "Een ouder weigert elk contact met de gemeente en noemt de overheid illegaal.",
]
# The route to each state, so every concern has a complete history.
ROUTES = {
    State.SUBMITTED: [State.SUBMITTED],
    State.IN_ASSESSMENT: [State.SUBMITTED, State.IN_ASSESSMENT],
    State.CASE_CONFERENCE: [State.SUBMITTED, State.IN_ASSESSMENT, State.CASE_CONFERENCE],
    State.REFERRED: [State.SUBMITTED, State.IN_ASSESSMENT, State.CASE_CONFERENCE, State.REFERRED],
    State.CLOSED: [State.SUBMITTED, State.IN_ASSESSMENT, State.CLOSED],
    State.REOPENED: [State.SUBMITTED, State.IN_ASSESSMENT, State.CLOSED, State.REOPENED],
}


def _categories() -> list[Category]:
    forms = {form.slug: form for form in PolarisationForm.objects.all()}
    categories = []
    for index, (name, form_slug) in enumerate(CATEGORIES):
        category = Category.objects.get_or_create(name=name, defaults={"position": index})[0]
        if category.polarisation_form_id is None and form_slug in forms:
            category.polarisation_form = forms[form_slug]
            category.save(update_fields=["polarisation_form"])
        categories.append(category)
    return categories


def _concern(rng, category, municipality, reporter, state, days_ago, now) -> Concern:
    submitted = now - timedelta(days=days_ago)
    closed = state == State.CLOSED
    return Concern(
        reporter=reporter,
        category=category,
        municipality=municipality,
        setting=rng.choice(Concern.Setting.values),
        platform="TikTok" if rng.random() < 0.2 else "",
        observed=rng.choice(OBSERVATIONS),
        observed_on=(submitted - timedelta(days=1)).date(),
        people_count=rng.randint(1, 6),
        age_bracket=rng.choice(Concern.AgeBracket.values),
        minors_involved=rng.random() < 0.4,
        urgency=Concern.Urgency.URGENT if rng.random() < 0.1 else Concern.Urgency.NORMAL,
        state=state,
        state_changed_at=submitted + timedelta(days=len(ROUTES[state])),
        outcome=rng.choice(Outcome.values) if closed else "",
        outcome_text="Besproken met de school; advies gegeven." if closed else "",
        submitted_at=submitted,
        closed_at=submitted + timedelta(days=5) if closed else None,
    )


def _histories(concerns, handler) -> list[Transition]:
    rows = []
    for concern in concerns:
        route = ROUTES[concern.state]
        for index, state in enumerate(route):
            rows.append(
                Transition(
                    concern=concern,
                    from_state=route[index - 1] if index else "",
                    to_state=state,
                    actor=concern.reporter if not index else handler,
                    reason="Nieuwe informatie." if state == State.REOPENED else "",
                    created_at=concern.submitted_at + timedelta(days=index),
                )
            )
    return rows


def seed_demo(out) -> None:
    if Concern.objects.exists():
        out(f"concerns: {Concern.objects.count()}")
        return
    rng = random.Random(2029)
    now = timezone.now()
    categories = _categories()
    municipalities = list(Municipality.objects.filter(cbs_code__in=[c for c, _n in GRONINGEN]))
    reporter = User.objects.filter(email="professional@example.org").first()
    handler = User.objects.filter(email="handler@example.org").first()
    concerns = []
    for index in range(48):
        state = list(ROUTES)[index % len(ROUTES)]
        municipality = municipalities[index % len(municipalities)]
        concerns.append(
            _concern(
                rng,
                categories[index % len(categories)],
                municipality,
                reporter if index % 3 == 0 else None,
                state,
                rng.randint(1, 300),
                now,
            )
        )
    concerns = Concern.objects.bulk_create(concerns)
    Transition.objects.bulk_create(_histories(concerns, handler))
    scope = set(handler.municipalities.values_list("pk", flat=True)) if handler else set()
    Concern.objects.filter(
        municipality__in=scope, state__in=[State.IN_ASSESSMENT, State.CASE_CONFERENCE]
    ).update(assigned_to=handler)
    _casework(concerns, handler, now)
    story = _seed_demo_scope(rng, categories, reporter, handler, now)
    out(
        f"concerns: {len(concerns) + story} (reported partly by professional@example.org; "
        "handler@example.org handles Groningen)"
    )


# Concerns per category in each of the last six whole months in the demo scope (Groningen):
# the large ones show as numbers in the figures, the small ones as "< 5".
SCOPE_MONTHLY = {
    "Polarisatie tussen groepen": (8, 12),
    "Online uitingen": (7, 10),
    "Anti-overheid en ondermijning": (6, 9),
    "Individuele radicalisering": (1, 3),
    "Discriminatie of haatincident": (0, 2),
}
# The handler's work of today, (state, days ago, urgent, reported by the demo professional).
SCOPE_WORK = [
    (State.SUBMITTED, 0, True, False),  # new and urgent
    (State.SUBMITTED, 0, False, True),
    (State.SUBMITTED, 4, False, False),  # past the response time
    (State.SUBMITTED, 6, True, True),
    (State.IN_ASSESSMENT, 3, False, True),
    (State.CASE_CONFERENCE, 12, False, True),  # with an overdue follow-up action
    (State.REFERRED, 20, False, False),
    (State.REOPENED, 40, False, True),
    (State.CLOSED, 30, False, True),  # the reporter asked to reopen it
]


# Days until the content of the demo scope's oldest closed concerns is wiped.
EXPIRING_IN_DAYS = (9, 23)


def _expiring(rng, category, municipality, now, wiped_in_days) -> Concern:
    """A concern closed so long ago that its retention period ends in `wiped_in_days`."""
    months = category.retention_months or settings.CONCERN_RETENTION_MONTHS
    closed = now - relativedelta(months=months) + timedelta(days=wiped_in_days)
    days_ago = (now - closed).days + 5  # `_concern` closes five days after submission
    return _concern(rng, category, municipality, None, State.CLOSED, days_ago, now)


def _seed_demo_scope(rng, categories, reporter, handler, now) -> int:
    """The demo accounts' municipality: every state in today's work, and six whole months of
    concerns for its figures (closed, except the last month's). Returns how many."""
    city = Municipality.objects.filter(cbs_code="GM0014").first()
    if city is None:
        return 0
    by_name = {category.name: category for category in categories}
    this_month = timezone.localdate().replace(day=1)
    concerns = []
    for months_ago in range(1, 7):
        start = this_month - relativedelta(months=months_ago)
        days = (start + relativedelta(months=1) - start).days
        for name, (low, high) in SCOPE_MONTHLY.items():
            for _ in range(rng.randint(low, high)):
                day = start + timedelta(days=rng.randrange(days))
                days_ago = (timezone.localdate() - day).days
                state = State.CLOSED if months_ago > 1 else rng.choice(list(ROUTES))
                concerns.append(_concern(rng, by_name[name], city, None, state, days_ago, now))
    work = []
    for state, days_ago, urgent, own in SCOPE_WORK:
        concern = _concern(
            rng,
            by_name["Polarisatie tussen groepen"],
            city,
            reporter if own else None,
            state,
            days_ago,
            now,
        )
        concern.urgency = Concern.Urgency.URGENT if urgent else Concern.Urgency.NORMAL
        if days_ago == 0:
            concern.submitted_at = now - timedelta(hours=2)
        work.append(concern)
    # Closed long ago: the retention task wipes their content within the warning time.
    for wiped_in_days in EXPIRING_IN_DAYS:
        concerns.append(_expiring(rng, by_name["Online uitingen"], city, now, wiped_in_days))
    created = Concern.objects.bulk_create([*concerns, *work])
    Transition.objects.bulk_create(_histories(created, handler))
    _casework(created, handler, now)
    work = created[len(concerns) :]
    Concern.objects.filter(pk__in=[c.pk for c in work if c.state != State.SUBMITTED]).exclude(
        state=State.CLOSED
    ).update(assigned_to=handler)
    conference = next(c for c in work if c.state == State.CASE_CONFERENCE)
    FollowUpAction.objects.filter(concern=conference).update(
        due_on=(now - timedelta(days=2)).date()
    )
    closed = next(c for c in work if c.state == State.CLOSED)
    Concern.objects.filter(pk=closed.pk).update(reopen_requested_at=now - timedelta(days=1))
    return len(created)


def _casework(concerns, handler, now) -> None:
    """What a handler's work leaves on a concern: notes, a message to the reporter, case
    conferences with their actions (one overdue) and the interventions they chose, and
    referrals to partners of the map."""
    chosen = list(Intervention.objects.filter(name__in=CHOSEN_INTERVENTIONS).order_by("name"))
    for index, concern in enumerate(concerns):
        if concern.state == State.SUBMITTED:
            continue
        assessed = concern.submitted_at + timedelta(days=1)
        Note.objects.create(
            concern=concern,
            author=handler,
            text="Contact gehad met de melder; school en wijkteam zijn bekend met de situatie.",
            created_at=assessed,
        )
        if concern.reporter_id:
            Note.objects.create(
                concern=concern,
                author=handler,
                to_reporter=True,
                text="Dank voor uw melding. We hebben contact gezocht met de betrokken partners.",
                created_at=assessed + timedelta(hours=2),
            )
        if concern.state not in (State.CASE_CONFERENCE, State.REFERRED):
            continue
        partners = list(
            Organisation.objects.filter(municipalities=concern.municipality).order_by("pk")[:3]
        )
        conference = CaseConference.objects.create(
            concern=concern,
            held_on=(concern.submitted_at + timedelta(days=2)).date(),
            decisions="Jongerenwerk legt contact; school houdt de situatie in de klas in het oog.",
            recorded_by=handler,
        )
        conference.organisations.set(partners)
        conference.interventions.set(chosen[: 1 + index % 2])
        FollowUpAction.objects.create(
            concern=concern,
            description="Terugkoppeling van het jongerenwerk bespreken",
            owner=handler,
            # The first of them is overdue, so the queue's "actions overdue" shows something.
            due_on=(now - timedelta(days=3)).date()
            if concern.pk == concerns[2].pk
            else (now + timedelta(days=14)).date(),
        )
        if concern.state == State.REFERRED and partners:
            Referral.objects.create(
                concern=concern,
                organisation=partners[0],
                shared="Leeftijdsgroep, school en wat er in de klas is gezien; geen namen.",
                reason="Het jongerenwerk kan de jongere benaderen.",
                referred_by=handler,
            )


NATIONAL_CONCERNS = 300_000
NATIONAL_REPORTERS = 50_000
BENCH_DOMAIN = "@bench.example.org"


def _reporters(rng) -> list[int]:
    """The ids of NATIONAL_REPORTERS users who may report and get the trend update: the
    professionals, handlers and coordinators of the scale data, topped up with professionals
    (bulk inserts) where the 50,000 users of the scale leave too few of them."""
    may_report = User.objects.filter(
        groups__name__in=[Role.PROFESSIONAL, Role.HANDLER, Role.COORDINATOR], is_active=True
    ).exclude(trend_subscription__frequency=TrendSubscription.Frequency.OFF)
    ids = list(may_report.order_by("pk").values_list("pk", flat=True).distinct())
    missing = scaled(NATIONAL_REPORTERS) - len(ids)
    if missing > 0:
        start = User.objects.filter(email__endswith=BENCH_DOMAIN).count()
        emails = [f"reporter{start + i:06d}{BENCH_DOMAIN}" for i in range(missing)]
        password = make_password(None)  # unusable: benchmark users log in by session only
        User.objects.bulk_create(
            [
                User(email=email, full_name=f"Melder {start + i}", password=password)
                for i, email in enumerate(emails)
            ],
            batch_size=2000,
        )
        new = list(User.objects.filter(email__in=emails).values_list("pk", flat=True))
        group = Group.objects.get(name=Role.PROFESSIONAL)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=pk, group_id=group.pk) for pk in new], batch_size=5000
        )
        ids += new
    rng.shuffle(ids)
    return ids[: scaled(NATIONAL_REPORTERS)]


def seed_scale(out) -> None:
    """Fill up to the national number of concerns (bulk inserts; one history row each), with
    every one of NATIONAL_REPORTERS reporters behind at least one of them."""
    missing = scaled(NATIONAL_CONCERNS) - Concern.objects.count()
    if missing <= 0:
        out(f"concerns: {Concern.objects.count()}")
        return
    rng = random.Random(2030)
    now = timezone.now()
    categories = _categories()
    municipalities = list(Municipality.objects.all())
    reporters = _reporters(rng)
    states = [State.CLOSED] * 70 + [State.IN_ASSESSMENT] * 10 + [State.SUBMITTED] * 8
    states += [State.CASE_CONFERENCE] * 6 + [State.REFERRED] * 5 + [State.REOPENED]
    for start in range(0, missing, 20_000):
        batch = [
            _concern(
                rng,
                rng.choice(categories),
                rng.choice(municipalities),
                None,
                rng.choice(states),
                rng.randint(0, 1095),
                now,
            )
            for _ in range(min(20_000, missing - start))
        ]
        for index, concern in enumerate(batch, start=start):
            # Each reporter once first, then at random: every one of them gets the update.
            if index < len(reporters):
                concern.reporter_id = reporters[index]
            else:
                concern.reporter_id = rng.choice(reporters)
        created = Concern.objects.bulk_create(batch, batch_size=5000)
        Transition.objects.bulk_create(
            [
                Transition(
                    concern_id=c.pk,
                    from_state="",
                    to_state=State.SUBMITTED,
                    created_at=c.submitted_at,
                )
                for c in created
            ],
            batch_size=10_000,
        )
    reporting = Concern.objects.filter(reporter__isnull=False).values("reporter").distinct()
    out(f"concerns: {Concern.objects.count()} from {reporting.count()} reporters")
