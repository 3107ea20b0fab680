from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tests.factories import MunicipalityFactory
from tests.network.factories import OrganisationFactory
from tests.rolemodels.factories import active_role_model_for
from tests.trainings.factories import (
    CertificateFactory,
    EnrolmentFactory,
    EvaluationFactory,
    ProgrammeFactory,
    SessionFactory,
    role_model_training,
)
from trainings.models import Session
from trainings.stats import training_figures
from trainings.workflow import EnrolmentState, SessionState

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MARCH = {"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)}
APRIL = {"date_from": date(2026, 4, 1), "date_to": date(2026, 4, 30)}


def held_at(local: datetime, **kwargs):
    starts_at = local.replace(tzinfo=AMSTERDAM)
    return SessionFactory(
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        state=kwargs.pop("state", SessionState.HELD),
        **kwargs,
    )


def attend(session, email, attendance="present", **kwargs):
    return EnrolmentFactory(session=session, email=email, attendance=attendance, **kwargs)


@pytest.fixture
def data(municipality, other_municipality):
    basic = ProgrammeFactory(name="Basistraining")
    role_models = role_model_training()
    youth_work = OrganisationFactory(name="Jongerenwerk Stad")
    first = held_at(datetime(2026, 3, 3, 9, 30), programme=basic, municipality=municipality)
    second = held_at(datetime(2026, 3, 17, 9, 30), programme=basic, municipality=municipality)
    attend(first, "anna@example.org", organisation=youth_work)
    attend(second, "anna@example.org", organisation=youth_work)  # trained twice: one person
    attend(first, "bram@example.org", "late", municipality=other_municipality)
    attend(first, "cor@example.org", "absent")
    attend(first, "dirk@example.org", "excused")
    attend(second, "eva@example.org", "")  # attendance not recorded
    EnrolmentFactory(session=second, email="fons@example.org", state=EnrolmentState.WAITLISTED)
    rm = held_at(datetime(2026, 3, 10, 18, 0), programme=role_models, municipality=None)
    attend(rm, "gert@example.org", municipality=municipality)
    # Not counted: a cancelled and a planned session with (stray) marks.
    attend(held_at(datetime(2026, 3, 5, 9), state=SessionState.CANCELLED), "x@example.org")
    attend(held_at(datetime(2026, 3, 6, 9), state=SessionState.PLANNED), "y@example.org")
    EvaluationFactory(enrolment=first.enrolments.get(email="anna@example.org"), overall=5)
    EvaluationFactory(enrolment=first.enrolments.get(email="bram@example.org"), overall=2)
    CertificateFactory(programme=basic, email="anna@example.org", completed_on=date(2026, 3, 3))
    CertificateFactory(
        programme=role_models, email="gert@example.org", completed_on=date(2026, 3, 31)
    )
    CertificateFactory(
        programme=basic,
        email="bram@example.org",
        completed_on=date(2026, 3, 3),
        revoked_at=timezone.now(),
    )
    return {"basic": basic, "role_models": role_models}


def test_figures_of_the_whole_network_on_known_data(data):
    figures = training_figures(**MARCH)
    assert figures.people_trained == 3  # anna (twice), bram, gert
    assert figures.sessions_held == 3
    assert figures.seats == 7  # the waiting list holds no seat
    assert (figures.attended, figures.excused, figures.absent, figures.not_recorded) == (
        4,
        1,
        1,
        1,
    )
    assert figures.attendance_rate == 57  # 4 of 7
    assert figures.certificates_issued == 2  # the withdrawn one does not count
    assert figures.role_models_trained == 1
    assert figures.evaluations == 2 and figures.scores["overall"] == 3.5
    rows = {row.label: row for row in figures.per_programme}
    assert rows["Basistraining"].people == 2 and rows["Basistraining"].sessions == 2
    assert rows["Basistraining"].attendance_rate == 50  # 3 of 6 seats
    assert rows["Basistraining"].certificates == 1
    assert rows["Training rolmodellen"].certificates == 1
    assert {row.label: row.people for row in figures.per_organisation} == {
        "Jongerenwerk Stad": 1,
        _("No organisation recorded"): 2,
    }
    assert {row.label: row.people for row in figures.per_municipality} == {
        "Groningen": 2,  # anna by the session, gert by the enrolment
        "Westerwolde": 1,  # bram works there, though trained in Groningen
    }
    assert [(row.label, row.people) for row in figures.per_month] == [("maart 2026", 3)]


def test_figures_of_one_municipality(data, municipality, other_municipality):
    figures = training_figures(**MARCH, municipalities=[municipality])
    assert figures.people_trained == 2  # anna and gert
    assert figures.role_models_trained == 1
    assert figures.certificates_issued == 2
    assert [row.label for row in figures.per_municipality] == ["Groningen"]
    theirs = training_figures(**MARCH, municipalities=[other_municipality])
    assert theirs.people_trained == 1 and theirs.certificates_issued == 0
    assert training_figures(**MARCH, municipalities=[]).people_trained == 0


def test_people_who_enrolled_themselves_count_in_their_municipality(
    client_for, role_model, municipality
):
    active_role_model_for(role_model, municipality=municipality)
    session = SessionFactory(municipality=None, programme=role_model_training())
    client_for(role_model).post(reverse("trainings:enrol", args=[session.pk]))
    Session.objects.filter(pk=session.pk).update(
        starts_at=datetime(2026, 3, 3, 9, 30, tzinfo=AMSTERDAM),
        ends_at=datetime(2026, 3, 3, 12, 30, tzinfo=AMSTERDAM),
        state=SessionState.HELD,
    )
    session.enrolments.update(attendance="present")
    figures = training_figures(**MARCH, municipalities=[municipality])
    assert figures.people_trained == 1
    assert [(row.label, row.people) for row in figures.per_municipality] == [("Groningen", 1)]


def test_the_period_follows_the_calendar_of_amsterdam(municipality):
    # 23:30 on 31 March in Amsterdam is 21:30 UTC; 00:15 on 1 April is still 31 March in UTC.
    late_march = held_at(datetime(2026, 3, 31, 23, 30), municipality=municipality)
    early_april = held_at(datetime(2026, 4, 1, 0, 15), municipality=municipality)
    attend(late_march, "maart@example.org")
    attend(early_april, "april@example.org")
    march, april = training_figures(**MARCH), training_figures(**APRIL)
    assert march.people_trained == 1 and april.people_trained == 1
    assert [row.label for row in march.per_month] == ["maart 2026"]
    assert [row.label for row in april.per_month] == ["april 2026"]
    one_day = training_figures(date_from=date(2026, 4, 1), date_to=date(2026, 4, 1))
    assert one_day.people_trained == 1


def test_certificates_count_by_completion_date_inclusive():
    CertificateFactory(completed_on=date(2026, 3, 31))
    CertificateFactory(completed_on=date(2026, 4, 1))
    assert training_figures(**MARCH).certificates_issued == 1
    assert training_figures(**APRIL).certificates_issued == 1


def test_no_data_gives_zeros_and_no_scores():
    figures = training_figures(**MARCH)
    assert figures.people_trained == 0 and figures.attendance_rate is None
    assert figures.scores["overall"] is None and figures.per_programme == []


def test_the_figures_take_a_fixed_number_of_queries(data, django_assert_num_queries, municipality):
    with django_assert_num_queries(7):
        training_figures(**MARCH)
    for n in range(30):
        session = held_at(datetime(2026, 3, 20, 9), programme=ProgrammeFactory())
        attend(session, f"p{n}@example.org", organisation=OrganisationFactory())
        CertificateFactory(programme=session.programme, email=f"p{n}@example.org")
    with django_assert_num_queries(7):
        training_figures(**MARCH, municipalities=[municipality])


# --- the dashboard page ---------------------------------------------------------------------


def dashboard(client, **params):
    return client.get(reverse("trainings:dashboard"), params)


PERIOD = {"date_from": "2026-03-01", "date_to": "2026-03-31"}


def test_coordinators_see_the_network_figures_with_charts(
    client_for, coordinator, data, django_assert_max_num_queries
):
    client = client_for(coordinator)
    with django_assert_max_num_queries(16):
        response = dashboard(client, **PERIOD)
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["figures"].people_trained == 3
    assert "<svg" in body and "chart-programme-title" in body
    assert "Westerwolde" in body
    assert "anna@example.org" not in body


def test_the_dashboard_queries_do_not_grow_with_the_rows(
    client_for, coordinator, data, django_assert_max_num_queries
):
    for n in range(40):
        session = held_at(datetime(2026, 3, 20, 9), programme=ProgrammeFactory())
        attend(session, f"p{n}@example.org", organisation=OrganisationFactory())
        attend(session, f"q{n}@example.org", municipality=MunicipalityFactory())
    client = client_for(coordinator)
    with django_assert_max_num_queries(16):
        assert dashboard(client, **PERIOD).status_code == 200


def test_municipal_staff_see_only_their_municipalities(
    client_for, municipal_employee, data, other_municipality
):
    client = client_for(municipal_employee)
    response = dashboard(client, **PERIOD)
    assert response.status_code == 200
    assert response.context["figures"].people_trained == 2
    assert "Westerwolde" not in response.content.decode()
    other = dashboard(client, municipality=other_municipality.pk, **PERIOD)
    assert other.context["figures"] is None
    assert "invalid-feedback" in other.content.decode()


def test_coordinators_can_narrow_to_one_municipality(
    client_for, coordinator, data, other_municipality
):
    response = dashboard(client_for(coordinator), municipality=other_municipality.pk, **PERIOD)
    assert response.context["figures"].people_trained == 1


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "2026-04-01", "date_to": "2026-03-01"},
        {"date_from": "gisteren", "date_to": "2026-03-01"},
        {"date_from": "2026-02-30", "date_to": "2026-03-01"},
    ],
)
def test_bad_periods_get_a_clear_message(client_for, coordinator, params):
    response = dashboard(client_for(coordinator), **params)
    body = response.content.decode()
    assert response.status_code == 200 and response.context["figures"] is None
    assert "invalid-feedback" in body or _("The start of the period lies after its end.") in body


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "2026-01-01", "date_to": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "2026-01-01"},
    ],
)
def test_a_period_beyond_the_years_on_record_gets_a_clear_message(client_for, coordinator, params):
    response = dashboard(client_for(coordinator), **params)
    assert response.status_code == 200 and response.context["figures"] is None
    assert "Kies data tussen 2000-01-01 en" in response.content.decode()


def test_without_a_period_the_last_twelve_months_are_shown(client_for, coordinator):
    response = dashboard(client_for(coordinator))
    assert response.status_code == 200
    assert response.context["form"].cleaned_data["date_to"] == timezone.localdate()


@pytest.mark.parametrize("persona", ["professional", "role_model", "handler", "outsider"])
def test_others_may_not_see_the_dashboard(client_for, request, persona):
    user = request.getfixturevalue(persona)
    assert dashboard(client_for(user)).status_code == 403


def test_anonymous_visitors_are_sent_to_login_for_the_dashboard(client):
    response = dashboard(client)
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_bench_measures_the_dashboard(coordinator, data):
    from polrad import benchmark as bench

    bench.autodiscover()
    result = bench.measure_page(bench.registry.entries["trainings dashboard"], n=2, warmup=0)
    assert result.p50_ms > 0 and result.queries > 0


def test_the_bench_measures_the_figures_without_the_cache(data):
    from polrad import benchmark as bench

    bench.autodiscover()
    job = bench.registry.entries["trainings figures of 12 months (uncached)"]
    assert job.n == 5
    result = bench.measure_job(job)
    assert result.p50_ms > 0 and result.queries > 0


def test_the_dashboard_keeps_the_figures_until_they_change(
    client_for, coordinator, data, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from trainings import evaluations

    client = client_for(coordinator)
    first = dashboard(client, **PERIOD).context["figures"]
    with django_assert_max_num_queries(9):  # the seven queries of the figures are not run again
        assert dashboard(client, **PERIOD).context["figures"] == first
    enrolment = EnrolmentFactory(
        session=data["basic"].sessions.first(), email="nieuw@example.org", attendance="present"
    )
    with django_capture_on_commit_callbacks(execute=True):
        evaluations.evaluation_submit(
            enrolment=enrolment,
            data={"overall": 1, "content": 1, "trainer": 1, "usefulness": 1},
        )
    assert dashboard(client, **PERIOD).context["figures"].evaluations == 3
