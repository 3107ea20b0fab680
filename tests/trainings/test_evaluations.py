from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tests.trainings.factories import (
    EnrolmentFactory,
    EvaluationFactory,
    ProgrammeFactory,
    past_session,
)
from trainings import evaluations
from trainings.models import Evaluation
from trainings.workflow import SessionState

pytestmark = pytest.mark.django_db

ANSWERS = {"overall": "5", "content": "4", "trainer": "5", "usefulness": "3", "comments": "Goed!"}


@pytest.fixture
def held():
    return past_session(state=SessionState.HELD, title="Basistraining dag 1")


@pytest.fixture
def attended(held):
    return EnrolmentFactory(session=held, attendance="present")


def url(enrolment):
    return reverse("trainings:evaluate", args=[enrolment.evaluation_token])


# --- the participant's form -----------------------------------------------------------------


def test_a_participant_who_attended_evaluates_once_without_logging_in(client, attended):
    page = client.get(url(attended))
    assert page.status_code == 200 and "Basistraining dag 1" in page.content.decode()
    response = client.post(url(attended), ANSWERS)
    assert response.status_code == 200
    evaluation = Evaluation.objects.get(enrolment=attended)
    assert (evaluation.overall, evaluation.content, evaluation.trainer) == (5, 4, 5)
    assert evaluation.usefulness == 3 and evaluation.comments == "Goed!"


def test_a_second_evaluation_shows_already_done_and_changes_nothing(client, attended):
    client.post(url(attended), ANSWERS)
    again = client.post(url(attended), {**ANSWERS, "overall": "1"})
    assert _("You have already evaluated") in again.content.decode()
    assert client.get(url(attended)).status_code == 200
    assert Evaluation.objects.get().overall == 5


@pytest.mark.parametrize(
    "bad",
    [
        {"overall": "6"},
        {"overall": "0"},
        {"trainer": ""},
        {"content": "goed"},
        {"comments": "x" * 4001},
    ],
)
def test_bad_answers_get_a_message_and_nothing_is_saved(client, attended, bad):
    response = client.post(url(attended), {**ANSWERS, **bad})
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("attendance", ["absent", "excused", ""])
def test_who_did_not_attend_cannot_evaluate(client, held, attendance):
    enrolment = EnrolmentFactory(session=held, attendance=attendance)
    assert client.get(url(enrolment)).status_code == 404
    assert client.post(url(enrolment), ANSWERS).status_code == 404
    assert not Evaluation.objects.exists()


def test_a_session_not_held_cannot_be_evaluated(client):
    enrolment = EnrolmentFactory(session=past_session(), attendance="present")  # still planned
    assert client.post(url(enrolment), ANSWERS).status_code == 404
    assert not Evaluation.objects.exists()


def test_an_unknown_token_shows_the_link_is_not_valid(client, attended):
    response = client.get(reverse("trainings:evaluate", args=["not-a-token"]))
    assert response.status_code == 404
    assert "Basistraining dag 1" not in response.content.decode()


def test_the_service_refuses_a_second_evaluation(attended):
    data = {key: int(value) for key, value in ANSWERS.items() if key != "comments"}
    evaluations.evaluation_submit(enrolment=attended, data=data)
    with pytest.raises(evaluations.AlreadyEvaluated):
        evaluations.evaluation_submit(enrolment=attended, data=data)


# --- the results ----------------------------------------------------------------------------


def evaluated(session, **scores):
    return EvaluationFactory(
        enrolment=EnrolmentFactory(session=session, attendance="present"), **scores
    )


def test_results_per_session_and_programme_on_known_data():
    basic = ProgrammeFactory(name="Basistraining")
    first = past_session(programme=basic, state=SessionState.HELD)
    second = past_session(programme=basic, state=SessionState.HELD, title="Terugkomdag")
    evaluated(first, overall=5, content=4, trainer=4, usefulness=4, comments="Leerzaam")
    evaluated(first, overall=3, content=2, trainer=4, usefulness=2)
    EnrolmentFactory(session=first, attendance="late")  # attended, did not evaluate
    evaluated(second, overall=4, content=4, trainer=5, usefulness=5)
    today = timezone.localdate()
    results = evaluations.evaluation_results(date_from=today - timedelta(days=7), date_to=today)
    assert results.total.count == 3 and results.total.overall == 4.0
    [programme] = results.per_programme
    assert (programme.label, programme.count, programme.content) == ("Basistraining", 3, 3.3)
    by_label = {row.label: row for row in results.per_session}
    assert by_label["Basistraining"].count == 2
    assert by_label["Basistraining"].attended == 3
    assert by_label["Basistraining"].response_rate == 67
    assert by_label["Terugkomdag"].trainer == 5.0
    assert [comment.text for comment in results.comments] == ["Leerzaam"]


def test_results_leave_out_sessions_outside_the_period(held):
    evaluated(held)
    later = timezone.localdate() + timedelta(days=30)
    results = evaluations.evaluation_results(date_from=later, date_to=later)
    assert results.total.count == 0 and results.per_session == []


def test_coordinators_read_the_results_without_names(
    client_for, coordinator, held, django_assert_max_num_queries
):
    evaluation = evaluated(held, comments="Meer casuïstiek graag")
    client = client_for(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("trainings:evaluations"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Meer casuïstiek graag" in body
    assert evaluation.enrolment.full_name not in body
    assert evaluation.enrolment.email not in body


def test_the_results_page_queries_do_not_grow_with_the_rows(
    client_for, coordinator, django_assert_max_num_queries
):
    for _n in range(8):
        session = past_session(state=SessionState.HELD, programme=ProgrammeFactory())
        for _m in range(3):
            evaluated(session, comments="Prima")
    client = client_for(coordinator)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("trainings:evaluations")).status_code == 200


def test_a_reversed_period_gets_a_message(client_for, coordinator):
    response = client_for(coordinator).get(
        reverse("trainings:evaluations"), {"date_from": "2026-05-01", "date_to": "2026-04-01"}
    )
    assert response.status_code == 200
    assert _("The start of the period lies after its end.") in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "2026-01-01", "date_to": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "2026-01-01"},
    ],
)
def test_a_period_beyond_the_years_on_record_gets_a_message(client_for, coordinator, params):
    response = client_for(coordinator).get(reverse("trainings:evaluations"), params)
    assert response.status_code == 200 and response.context["results"] is None
    assert "Kies data tussen 2000-01-01 en" in response.content.decode()


@pytest.mark.parametrize("persona", ["professional", "role_model", "municipal_employee"])
def test_others_may_not_read_the_results(client_for, request, persona):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("trainings:evaluations")).status_code == 403


def test_anonymous_visitors_are_sent_to_login_for_the_results(client):
    response = client.get(reverse("trainings:evaluations"))
    assert response["Location"].startswith(reverse("accounts:login"))
