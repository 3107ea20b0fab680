"""The home page at `/`: per role, what waits, each a count and a link, most urgent first."""

from datetime import date, datetime, time, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode

from network.map_requests import MapRequest
from network.models import ContactPerson, Organisation, stale_q
from network.selectors import stale_record_counts
from polrad.accounts.models import AuditEvent
from polrad.accounts.roles import Role
from polrad.home.items import OVERDUE
from polrad.reports.models import StoredReport
from rolemodels.workflow import ActivityState, Stage
from signals.models import Anonymisation, Concern, FollowUpAction
from signals.retention import concern_anonymise
from signals.workflow import State
from tests.analysis.factories import ActionFactory, AnalysisFactory
from tests.factories import TOTPDeviceFactory, UserFactory
from tests.network.factories import ContactFactory, MapRequestFactory, OrganisationFactory
from tests.rolemodels.factories import (
    ActivityFactory,
    MentorshipFactory,
    RoleModelFactory,
    active_role_model_for,
)
from tests.signals.factories import CategoryFactory, ConcernFactory
from tests.trainings.factories import (
    CoachingActionFactory,
    CoachingSessionFactory,
    EnrolmentFactory,
    SessionFactory,
)
from trainings.workflow import EnrolmentState

MAX_QUERIES = 12


def items_of(response, key):
    section = next(s for s in response.context["sections"] if s.key == key)
    return {item.url: item.count for item in section.items}, section


@pytest.fixture(autouse=True)
def known_retention(settings):
    settings.CONCERN_RETENTION_MONTHS = 24
    settings.CONCERN_RETENTION_WARNING_DAYS = 30


def closed_concern(municipality, *, wiped_in_days, months=24, **extra):
    """A closed concern whose retention period (`months`) ends in `wiped_in_days` days."""
    closed_at = timezone.now() - relativedelta(months=months) + timedelta(days=wiped_in_days)
    return ConcernFactory(
        municipality=municipality, state=State.CLOSED, closed_at=closed_at, **extra
    )


def populate(n, *, municipality, coordinator=None, handler=None, role_model=None, pro=None):
    """n of everything that waits, for whichever personas are given."""
    old = timezone.now() - timedelta(days=400)
    long_ago = timezone.now() - timedelta(days=60)
    for _ in range(n):
        ActivityFactory(state=ActivityState.SUBMITTED, role_model__municipality=municipality)
        RoleModelFactory(stage=Stage.INTAKE, stage_changed_at=long_ago, municipality=municipality)
        RoleModelFactory(stage=Stage.ACTIVE, municipality=municipality)  # never coached
        Organisation.objects.filter(pk=OrganisationFactory().pk).update(last_verified_at=old)
        ContactPerson.objects.filter(pk=ContactFactory().pk).update(last_verified_at=old)
        soon = timezone.now() + timedelta(minutes=30)
        SessionFactory(starts_at=soon, ends_at=soon + timedelta(hours=2), municipality=municipality)
        ConcernFactory(municipality=municipality, state=State.SUBMITTED)
        ConcernFactory(
            municipality=municipality,
            state=State.SUBMITTED,
            submitted_at=timezone.now() - timedelta(days=5),
            urgency="urgent",
        )
        acting = ConcernFactory(municipality=municipality, state=State.CASE_CONFERENCE)
        FollowUpAction.objects.create(
            concern=acting,
            description="Gesprek met school",
            due_on=timezone.localdate() - timedelta(days=1),
        )
        ContactFactory(kind=ContactPerson.Kind.KEY_FIGURE, last_contact_on=None)
        MapRequestFactory(municipality=municipality)
        MapRequestFactory(municipality=municipality, state=MapRequest.State.DECLINED)
        closed_concern(municipality, wiped_in_days=10)
        closed_concern(municipality, wiped_in_days=45)  # not yet: beyond the warning time
        gone = closed_concern(municipality, wiped_in_days=-2)
        Concern.objects.filter(pk=gone.pk).update(anonymised_at=timezone.now())
        analysis = AnalysisFactory(municipality=municipality)
        ActionFactory(analysis=analysis, due_date=timezone.localdate() - timedelta(days=2))
        ActionFactory(analysis=analysis)
        if role_model is not None:
            own = role_model.role_model_profile
            MentorshipFactory(mentor=own, start_date=timezone.localdate() - timedelta(days=60))
            MentorshipFactory(mentor=own, last_meeting_on=timezone.localdate())  # not quiet
            ActivityFactory(role_model=own, state=ActivityState.DRAFT)
            ActivityFactory(role_model=own, state=ActivityState.RETURNED)
            CoachingActionFactory(session=CoachingSessionFactory(role_model=own))
            EnrolmentFactory(user=role_model, email=role_model.email)
        if pro is not None:
            mine = ConcernFactory(reporter=pro, municipality=municipality)
            mine.transitions.create(from_state=State.SUBMITTED, to_state=State.IN_ASSESSMENT)
            EnrolmentFactory(user=pro, email=pro.email, state=EnrolmentState.OFFERED)


def get_home(client, user, django_assert_max_num_queries):
    """The home page, asked twice: the second time counts (the session is written once)."""
    client.get("/")
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/")
    assert response.status_code == 200
    return response


def follow_every_link(client, response):
    for section in response.context["sections"]:
        for item in section.items:
            assert client.get(item.url, follow=True).status_code == 200, item.url


def test_anonymous_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_user_without_role_sees_words_not_an_empty_page(client_for, outsider):
    response = client_for(outsider).get("/")
    assert response.status_code == 200
    assert response.context["sections"] == []
    assert "nog geen rol" in response.content.decode()


def test_coordinator_sees_counts_and_links(
    client_for, coordinator, municipality, django_assert_max_num_queries
):
    populate(2, municipality=municipality)
    client = client_for(coordinator)
    response = get_home(client, coordinator, django_assert_max_num_queries)
    items, section = items_of(response, "coordinator")
    assert items == {
        "/rolmodellen/activiteiten/goedkeuren/": 2,
        "/rolmodellen/": 2,
        "/trainingen/coaching/?overdue=1": 4,  # the active ones and those of the activities
        "/trainingen/?week=plaatsen": 2,
        "/sociale-kaart/organisaties/?stale=true": 2,
        "/sociale-kaart/personen/?stale=true": 2,
        "/sociale-kaart/personen/?out_of_touch=true": 2,
        "/sociale-kaart/aanvragen/overzicht/?status=open": 2,
    }
    # The most urgent first: stuck candidates and overdue coaching before the rest.
    assert [item.urgency for item in section.items] == sorted(i.urgency for i in section.items)
    assert section.items[0].urgency == OVERDUE
    follow_every_link(client, response)
    # The filtered list behind a count holds as many rows.
    week = client.get("/trainingen/?week=plaatsen")
    assert len(week.context["sessions"]) == 2
    requests = client.get("/sociale-kaart/aanvragen/overzicht/?status=open")
    assert len(requests.context["page_obj"]) == 2
    assert "activiteiten wachten op goedkeuring" in response.content.decode()


def test_records_to_verify_are_the_never_verified_and_the_verified_long_ago_of_the_active(
    client_for, coordinator, django_assert_max_num_queries
):
    """The home page counts never and too-long-ago apart (each from its own index); the sum
    is what the lists' `?stale=true` holds, inactive records left out."""
    old, recent = timezone.now() - timedelta(days=400), timezone.now() - timedelta(days=10)
    for last_verified_at, is_active in [
        (None, True),
        (None, True),
        (old, True),
        (recent, True),
        (None, False),
        (old, False),
    ]:
        for model, factory in (
            (Organisation, OrganisationFactory),
            (ContactPerson, ContactFactory),
        ):
            model.objects.filter(pk=factory().pk).update(
                last_verified_at=last_verified_at, is_active=is_active
            )
    items, _section = items_of(
        get_home(client_for(coordinator), coordinator, django_assert_max_num_queries),
        "coordinator",
    )
    assert items["/sociale-kaart/organisaties/?stale=true"] == 3
    assert items["/sociale-kaart/personen/?stale=true"] == 3
    for model in (Organisation, ContactPerson):
        assert model.objects.filter(is_active=True).filter(stale_q()).count() == 3


@pytest.mark.django_db
def test_the_records_to_verify_and_the_people_out_of_touch_are_counted_in_one_query(
    django_assert_num_queries,
):
    ContactFactory(kind=ContactPerson.Kind.KEY_FIGURE, last_contact_on=None)
    with django_assert_num_queries(1):
        found = stale_record_counts()
    assert found == {"organisations": 0, "contacts": 0, "out_of_touch": 1}


def test_handler_sees_the_views_of_the_work_queue(
    client_for, handler, municipality, other_municipality, django_assert_max_num_queries
):
    populate(3, municipality=municipality)
    populate(2, municipality=other_municipality)  # not in the handler's scope
    ConcernFactory(
        municipality=municipality, state=State.CLOSED, reopen_requested_at=timezone.now()
    )
    # A category of its own period; a concern kept longer; one anonymised already.
    short = CategoryFactory(name="Kort bewaard", retention_months=6)
    closed_concern(municipality, wiped_in_days=20, months=6, category=short)
    kept = closed_concern(municipality, wiped_in_days=5)
    kept.retain_until = timezone.localdate() + timedelta(days=90)
    kept.save()
    gone = closed_concern(municipality, wiped_in_days=-1)
    gone.anonymised_at = timezone.now()
    gone.save()
    client = client_for(handler)
    response = get_home(client, handler, django_assert_max_num_queries)
    items, section = items_of(response, "handler")
    assert items == {
        "/meldingen/werkvoorraad/?view=overdue": 3,
        "/meldingen/werkvoorraad/?view=actions": 3,
        "/meldingen/werkvoorraad/?view=urgent": 3,
        "/meldingen/werkvoorraad/?view=new": 6,
        "/meldingen/werkvoorraad/?view=reopen": 1,
        "/meldingen/werkvoorraad/?view=retention": 4,
    }
    assert section.items[0].urgency == OVERDUE
    assert "4 afgesloten meldingen worden binnen 30 dagen geanonimiseerd" in (
        response.content.decode()
    )
    follow_every_link(client, response)
    assert len(client.get("/meldingen/werkvoorraad/?view=overdue").context["page_obj"]) == 3
    # The list behind the retention warning: the same four, longest closed first, each with
    # the day its content is wiped.
    listed = client.get("/meldingen/werkvoorraad/?view=retention")
    rows = listed.context["page_obj"]
    assert len(rows) == 4 and kept not in rows and gone not in rows
    soonest = timezone.localdate() + timedelta(days=10)
    assert rows[0].retention_ends == soonest
    assert date_format(soonest, "j F Y") in listed.content.decode()


def test_role_model_sees_own_activities_coaching_and_trainings(
    client_for, role_model, municipality, django_assert_max_num_queries
):
    active_role_model_for(role_model, municipality=municipality)
    populate(2, municipality=municipality, role_model=role_model)
    approved = ActivityFactory(
        role_model=role_model.role_model_profile, state=ActivityState.APPROVED
    )
    approved.approved_at = timezone.now()
    approved.save()
    # The latest coaching session (today's) planned the next one in three weeks.
    next_on = timezone.localdate() + timedelta(days=21)
    CoachingSessionFactory(role_model=role_model.role_model_profile, next_session_on=next_on)
    client = client_for(role_model)
    response = get_home(client, role_model, django_assert_max_num_queries)
    _items, section = items_of(response, "rolemodel")
    assert section.items[0].count == 2 and "teruggestuurd" in section.items[0].text
    mine, coaching = "/rolmodellen/activiteiten/mijn/", "/trainingen/coaching/mijn/"
    assert [(item.url, item.count) for item in section.items] == [
        (mine, 2),  # returned
        (mine, 2),  # drafts
        ("/rolmodellen/mentoraten/?quiet=1", 2),
        (coaching, 2),  # open actions
        (coaching, None),  # the next session
        (mine, 1),  # approved lately
    ]
    assert f"Uw volgende coachingsgesprek: {date_format(next_on, 'j F Y')}" in (
        response.content.decode()
    )
    trainings, _section = items_of(response, "trainings")
    assert trainings == {"/trainingen/mijn/": 2}
    follow_every_link(client, response)
    # The list behind the count: the two quiet ones, not the one met today.
    quiet = client.get("/rolmodellen/mentoraten/?quiet=1").context["mentorships"]
    assert len(quiet) == 2
    assert len(client.get("/rolmodellen/mentoraten/").context["mentorships"]) == 4


def test_a_planned_coaching_session_that_passed_is_not_shown(client_for, role_model):
    profile = active_role_model_for(role_model)
    CoachingSessionFactory(
        role_model=profile,
        date=timezone.localdate() - timedelta(days=30),
        next_session_on=timezone.localdate() - timedelta(days=1),
    )
    response = client_for(role_model).get("/")
    assert "volgende coachingsgesprek" not in response.content.decode()


def test_professional_sees_news_on_own_reports_and_trainings(
    client_for, professional, municipality, django_assert_max_num_queries
):
    populate(3, municipality=municipality, pro=professional)
    client = client_for(professional)
    response = get_home(client, professional, django_assert_max_num_queries)
    items, _section = items_of(response, "professional")
    assert items["/meldingen/mijn/"] == 3
    assert "/meldingen/trendupdates/" in items  # the next trend update, without a count
    trainings, _section = items_of(response, "trainings")
    assert trainings == {"/trainingen/mijn/": 3}
    follow_every_link(client, response)
    # After a later login, the same changes are no longer news.
    for _ in range(2):
        AuditEvent.objects.create(
            kind=AuditEvent.Kind.LOGIN, actor=professional, success=True, username="x"
        )
    items, _section = items_of(client.get("/"), "professional")
    assert "/meldingen/mijn/" not in items


def test_municipal_staff_see_figures_of_their_municipality(
    client_for, municipal_employee, municipality, other_municipality, django_assert_max_num_queries
):
    from polrad.period_forms import default_period

    period = default_period()
    for place, participants in ((municipality, 30), (other_municipality, 99)):
        for day in (period.start, period.previous.start, period.previous.end):
            ActivityFactory(
                state=ActivityState.APPROVED,
                date=day,
                participants=participants,
                role_model__municipality=place,
            )
    RoleModelFactory(stage=Stage.ACTIVE, municipality=municipality)
    analysis = AnalysisFactory(municipality=municipality)
    ActionFactory(analysis=analysis, due_date=timezone.localdate() - timedelta(days=2))
    ActionFactory(analysis=analysis)
    ActionFactory(analysis=AnalysisFactory(municipality=other_municipality))
    client = client_for(municipal_employee)
    response = get_home(client, municipal_employee, django_assert_max_num_queries)
    _items, section = items_of(response, "municipal")
    activities, participants, held, _concerns = section.figures
    assert (activities.value, activities.previous) == (1, 2)
    assert (participants.value, participants.previous) == (30, 60)
    assert (held.value, held.previous) == (0, 0)
    items, _section = items_of(response, "municipal")
    assert items == {
        "/analyses/acties/?due=overdue": 1,
        "/analyses/acties/": 2,
        section.figures_url: 4,  # active role models: those of the activities and one more
    }
    assert section.items[0].url == "/analyses/acties/?due=overdue"
    follow_every_link(client, response)
    assert client.get(section.figures_url).status_code == 200


def test_municipal_figures_are_kept_until_an_approval_in_the_municipality_changes_them(
    client_for, municipal_employee, municipality, coordinator, django_capture_on_commit_callbacks
):
    from polrad.period_forms import default_period
    from rolemodels import services

    period = default_period()
    ActivityFactory(
        state=ActivityState.APPROVED, date=period.start, role_model__municipality=municipality
    )
    waiting = ActivityFactory(
        state=ActivityState.SUBMITTED,
        date=period.start,
        municipality=municipality,
        role_model__municipality=municipality,
    )
    client = client_for(municipal_employee)

    def approved_shown():
        return items_of(client.get("/"), "municipal")[1].figures[0].value

    assert approved_shown() == 1
    with CaptureQueriesContext(connection) as again:
        assert approved_shown() == 1
    assert not [q for q in again if "rolemodels_activity" in q["sql"]]  # kept, not recounted
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_move(activity=waiting, to=ActivityState.APPROVED, by=coordinator)
    assert approved_shown() == 2


def test_administrator_sees_lockouts_and_missing_second_factors(
    client_for, administrator, django_assert_max_num_queries
):
    UserFactory(roles=[Role.HANDLER])  # no device: must set one up
    TOTPDeviceFactory(user=UserFactory(roles=[Role.COORDINATOR]))
    AuditEvent.objects.create(kind=AuditEvent.Kind.LOCKED_OUT, success=False, username="x")
    for state in (StoredReport.State.FAILED, StoredReport.State.DONE):
        StoredReport.objects.create(
            kind=StoredReport.Kind.ANNUAL,
            period_kind="year",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            language="nl",
            state=state,
        )
    # Retention: two anonymised this week, one long ago; three closed ones wiped soon.
    for days_ago in (1, 6, 30):
        gone = closed_concern(ConcernFactory().municipality, wiped_in_days=-days_ago)
        concern_anonymise(concern=gone)
        moment = timezone.now() - timedelta(days=days_ago)
        Anonymisation.objects.filter(concern=gone).update(created_at=moment)
        Concern.objects.filter(pk=gone.pk).update(anonymised_at=moment)
    for days in (3, 10, 29):
        closed_concern(ConcernFactory().municipality, wiped_in_days=days)
    closed_concern(ConcernFactory().municipality, wiped_in_days=31)
    client = client_for(administrator)
    response = get_home(client, administrator, django_assert_max_num_queries)
    items, _section = items_of(response, "administrator")
    week_ago = datetime.combine(timezone.localdate() - timedelta(days=7), time.min)
    since = urlencode({"created_at__gte": timezone.make_aware(week_ago).isoformat()})
    anonymised = f"/admin/signals/anonymisation/?{since}"
    assert items == {
        "/admin/accounts/auditevent/?kind__exact=locked_out": 1,
        "/account/gebruikers/?zonder-2fa=1": 1,
        "/admin/reports/storedreport/?state__exact=failed": 1,
        anonymised: 2,
        "/admin/signals/category/": 3,
    }
    assert "3 afgesloten meldingen worden binnen 30 dagen geanonimiseerd" in (
        response.content.decode()
    )
    follow_every_link(client, response)
    assert client.get(anonymised).context["cl"].result_count == 2
    listed = client.get("/account/gebruikers/?zonder-2fa=1").context["page_obj"]
    assert [user.roles for user in listed] == [frozenset({Role.HANDLER})]
    failed = client.get("/admin/reports/storedreport/?state__exact=failed")
    assert failed.context["cl"].result_count == 1


def test_administrators_network_wide_counts_are_kept_a_few_minutes_and_say_so(
    client_for, administrator
):
    UserFactory(roles=[Role.HANDLER])  # no device: must set one up
    client = client_for(administrator)
    assert items_of(client.get("/"), "administrator")[0]["/account/gebruikers/?zonder-2fa=1"] == 1
    UserFactory(roles=[Role.COORDINATOR])  # a second one, within the five minutes
    response = client.get("/")
    assert items_of(response, "administrator")[0]["/account/gebruikers/?zonder-2fa=1"] == 1
    assert "hoogstens 5 minuten oud" in response.content.decode()
    cache.clear()  # five minutes later
    assert items_of(client.get("/"), "administrator")[0]["/account/gebruikers/?zonder-2fa=1"] == 2


def test_failed_reports_are_for_administrators_only(client_for, professional):
    response = client_for(professional).get("/admin/reports/storedreport/")
    assert response.status_code in (302, 403)


def test_user_with_several_roles_sees_each_section(client_for, municipality):
    user = UserFactory(roles=[Role.COORDINATOR, Role.HANDLER], municipalities=[municipality])
    response = client_for(user).get("/")
    assert [s.key for s in response.context["sections"]] == ["coordinator", "handler"]
    assert "Er wacht geen melding op u." in response.content.decode()


@pytest.mark.parametrize(
    "persona",
    ["coordinator", "handler", "role_model", "professional", "municipal_employee", "administrator"],
)
def test_queries_do_not_grow_with_the_data(request, client, persona, municipality):
    user = request.getfixturevalue(persona)
    if persona == "role_model":
        active_role_model_for(user, municipality=municipality)
    extra = {
        "role_model": {"role_model": user},
        "professional": {"pro": user},
    }.get(persona, {})
    from tests.conftest import login_verified

    login_verified(client, user)
    counts = []
    for n in (1, 4):
        populate(n, municipality=municipality, **extra)
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= MAX_QUERIES
