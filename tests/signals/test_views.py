"""Reporting a concern, following it, and handling it: the pages and who may use them."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from signals.models import AccessLog, Concern
from signals.workflow import Outcome, State
from tests.factories import UserFactory
from tests.signals.factories import CategoryFactory, ConcernFactory

START = reverse("signals:report-start")
FORM = reverse("signals:report-form")
MINE = reverse("signals:my-reports")
QUEUE = reverse("signals:queue")
SECRET = "Twee jongens delen in de klas filmpjes van een terroristische groep"


def dutch(message):
    with translation.override("nl"):
        text = str(translation.gettext(message))
    assert text != message, f"no Dutch translation for {message!r}"
    return text


@pytest.fixture
def data(municipality):
    return {
        "category": CategoryFactory(name="Individuele radicalisering").pk,
        "observed": SECRET,
        "observed_on": timezone.localdate().isoformat(),
        "municipality": municipality.pk,
        "setting": Concern.Setting.SCHOOL,
        "people_count": "2",
        "age_bracket": Concern.AgeBracket.TEEN,
        "minors_involved": "on",
        "reporter_organisation": "Noorderpoort",
        "urgency": Concern.Urgency.NORMAL,
        "submission_key": str(uuid.uuid4()),
    }


def test_start_page_says_what_happens_and_to_call_112(client_for, professional):
    page = client_for(professional).get(START).content.decode()
    assert "112" in page and "0900-8844" in page
    assert reverse("signals:report-acute") in page


def test_professional_reviews_then_sends_a_concern(
    client_for, professional, data, django_capture_on_commit_callbacks
):
    client = client_for(professional)
    review = client.post(FORM, {**data, "step": "review"})
    assert review.status_code == 200 and SECRET in review.content.decode()
    assert not Concern.objects.exists()  # nothing stored before sending
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(FORM, {**data, "step": "send"})
    concern = Concern.objects.get()
    assert sent.url == reverse("signals:receipt", args=[concern.pk])
    assert concern.reporter == professional and concern.state == State.SUBMITTED
    assert concern.observed == SECRET and concern.minors_involved
    receipt = client.get(sent.url).content.decode()
    assert concern.reference in receipt
    assert mail.outbox[0].to == [professional.email]
    assert concern.reference in mail.outbox[0].subject
    assert SECRET not in mail.outbox[0].body and "Noorderpoort" not in mail.outbox[0].body


def test_sending_twice_creates_one_concern(client_for, professional, data):
    client = client_for(professional)
    client.post(FORM, {**data, "step": "send"})
    client.post(FORM, {**data, "step": "send"})
    assert Concern.objects.count() == 1


def test_back_from_review_keeps_what_was_filled_in(client_for, professional, data):
    page = client_for(professional).post(FORM, {**data, "step": "edit"}).content.decode()
    assert SECRET in page and "is-invalid" not in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"observed": "  "}, "This field is required."),
        ({"observed_on": "2999-01-01"}, "This date is in the future."),
        ({"setting": Concern.Setting.ONLINE}, "Say on which platform you saw it."),
        ({"category": ""}, "This field is required."),
        (
            {"observed": "x" * 5001},
            "Keep it under %(max)s characters; the handler will ask for more.",
        ),
    ],
)
def test_bad_input_gets_a_dutch_message_and_saves_nothing(
    client_for, professional, data, changes, message
):
    response = client_for(professional).post(FORM, {**data, **changes, "step": "send"})
    assert dutch(message).split("%")[0] in response.content.decode()
    assert not Concern.objects.exists()


def test_script_in_the_text_is_shown_escaped(client_for, professional, data, handler):
    client = client_for(professional)
    client.post(FORM, {**data, "observed": "<script>alert(1)</script>", "step": "send"})
    concern = Concern.objects.get()
    page = client_for(handler).get(reverse("signals:detail", args=[concern.pk]))
    assert "<script>alert(1)</script>" not in page.content.decode()
    assert "&lt;script&gt;" in page.content.decode()


def test_reporting_is_rate_limited(client_for, professional, data):
    client = client_for(professional)
    for _ in range(10):
        client.post(FORM, {**data, "submission_key": str(uuid.uuid4()), "step": "send"})
    response = client.post(FORM, {**data, "submission_key": str(uuid.uuid4()), "step": "send"})
    assert response.status_code == 429 and Concern.objects.count() == 10


def test_urgent_concern_warns_the_handlers_of_its_municipality_without_content(
    client_for, professional, data, handler, other_municipality, django_capture_on_commit_callbacks
):
    UserFactory(roles=["handler"], municipalities=[other_municipality], email="elders@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(professional).post(
            FORM, {**data, "urgency": Concern.Urgency.URGENT, "step": "send"}
        )
    warning = [m for m in mail.outbox if m.to == [handler.email]]
    assert len(warning) == 1 and SECRET not in warning[0].body
    assert not [m for m in mail.outbox if "elders@example.org" in m.to]


@pytest.mark.parametrize("persona", ["role_model", "municipal_employee"])
def test_roles_without_reporting_cannot_report(client_for, request, persona):
    client = client_for(request.getfixturevalue(persona))
    for page in (START, FORM, MINE):
        assert client.get(page).status_code == 403


def test_anonymous_goes_to_login(client):
    for page in (START, FORM, MINE, QUEUE):
        assert client.get(page).status_code == 302


def test_reporter_sees_a_graded_timeline_of_their_own_report_only(
    client_for, professional, handler, municipality
):
    concern = ConcernFactory(reporter=professional, municipality=municipality)
    other = ConcernFactory(reporter=UserFactory(roles=["professional"]), municipality=municipality)
    from signals import services

    services.concern_transition(concern=concern, to=State.IN_ASSESSMENT, by=handler)
    services.concern_transition(
        concern=concern,
        to=State.CLOSED,
        by=handler,
        outcome=Outcome.ADVICE,
        outcome_text="Intern: mentor gebeld over de jongen.",
    )
    client = client_for(professional)
    assert list(client.get(MINE).context["concerns"]) == [concern]
    page = client.get(reverse("signals:my-report", args=[concern.pk])).content.decode()
    for step in ("Received", "Being looked at", "Closed"):
        assert dutch(step) in page
    assert dutch("Advice given") in page
    assert "mentor gebeld" not in page and handler.full_name not in page
    assert client.get(reverse("signals:my-report", args=[other.pk])).status_code == 404


def test_handler_queue_shows_their_municipalities_urgent_first(
    client_for, handler, municipality, other_municipality
):
    old = ConcernFactory(municipality=municipality, submitted_at=timezone.now().replace(year=2025))
    urgent = ConcernFactory(municipality=municipality, urgency=Concern.Urgency.URGENT)
    ConcernFactory(municipality=other_municipality)
    ConcernFactory(municipality=municipality, state=State.CLOSED)
    response = client_for(handler).get(QUEUE)
    assert list(response.context["concerns"]) == [urgent, old]
    assert list(client_for(handler).get(QUEUE, {"view": "overdue"}).context["concerns"]) == [old]


def test_handler_opens_a_concern_and_it_is_logged(client_for, handler, municipality):
    concern = ConcernFactory(municipality=municipality, observed=SECRET)
    page = client_for(handler).get(reverse("signals:detail", args=[concern.pk]))
    assert SECRET in page.content.decode()
    assert AccessLog.objects.filter(user=handler, concern=concern, action="view").count() == 1


def test_names_only_for_the_assigned_handler(client_for, handler, municipality):
    concern = ConcernFactory(municipality=municipality, persons_involved="Youssef B.")
    client = client_for(handler)
    url = reverse("signals:detail", args=[concern.pk])
    assert "Youssef B." not in client.get(url).content.decode()
    client.post(reverse("signals:take", args=[concern.pk]))
    assert "Youssef B." in client.get(url).content.decode()


def test_handler_of_another_municipality_gets_404_and_no_log(
    client_for, handler, other_municipality
):
    concern = ConcernFactory(municipality=other_municipality)
    client = client_for(handler)
    assert client.get(reverse("signals:detail", args=[concern.pk])).status_code == 404
    assert (
        client.post(reverse("signals:move", args=[concern.pk]), {"to": "in_assessment"}).status_code
        == 404
    )
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize(
    "persona", ["coordinator", "professional", "municipal_employee", "role_model"]
)
def test_non_handlers_cannot_open_the_queue_or_a_concern(
    client_for, request, municipality, persona
):
    concern = ConcernFactory(municipality=municipality)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(QUEUE).status_code == 403
    assert client.get(reverse("signals:detail", args=[concern.pk])).status_code == 403
    assert not AccessLog.objects.exists()


def test_handler_closes_with_an_outcome(client_for, handler, municipality):
    concern = ConcernFactory(municipality=municipality, state=State.IN_ASSESSMENT)
    client = client_for(handler)
    url = reverse("signals:move", args=[concern.pk])
    refused = client.post(url, {"to": State.CLOSED}, follow=True)
    assert dutch("Choose the outcome and explain it before closing the concern.") in (
        refused.content.decode()
    )
    client.post(
        url, {"to": State.CLOSED, "outcome": Outcome.NO_CONCERN, "outcome_text": "Geen zorg."}
    )
    concern.refresh_from_db()
    assert concern.state == State.CLOSED and concern.outcome == Outcome.NO_CONCERN


@pytest.mark.parametrize("rows", [3, 30])
def test_queue_and_my_reports_run_a_bounded_number_of_queries(
    client_for, handler, professional, municipality, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        ConcernFactory(municipality=municipality, reporter=professional, assigned_to=handler)
    client = client_for(handler)
    with django_assert_max_num_queries(12):  # two of them fill the filters' option lists
        assert client.get(QUEUE).status_code == 200
    client = client_for(professional)
    with django_assert_max_num_queries(10):
        assert client.get(MINE).status_code == 200


def test_handler_filters_the_queue(client_for, handler, municipality, other_municipality):
    online = CategoryFactory(name="Online uitingen")
    wanted = ConcernFactory(municipality=municipality, category=online)
    ConcernFactory(municipality=municipality)
    ConcernFactory(municipality=municipality, category=online, state=State.IN_ASSESSMENT)
    client = client_for(handler)
    shown = client.get(QUEUE, {"category": online.pk, "state": State.SUBMITTED}).context["concerns"]
    assert list(shown) == [wanted]
    outside = client.get(QUEUE, {"municipality": other_municipality.pk})
    assert "municipality" in outside.context["filter"].errors  # not in their scope


def test_concern_content_is_kept_out_of_error_reports(client_for, professional, data):
    from django.views.debug import SafeExceptionReporterFilter

    response = client_for(professional).post(FORM, {**data, "step": "review"})
    cleaned = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert SECRET not in str(dict(cleaned)) and "observed" in cleaned


@pytest.mark.parametrize("rows", [2, 20])
def test_detail_page_runs_a_bounded_number_of_queries(
    client_for, handler, municipality, django_assert_max_num_queries, rows
):
    from signals.models import CaseConference, FollowUpAction, Note
    from tests.network.factories import OrganisationFactory

    concern = ConcernFactory(municipality=municipality, state=State.CASE_CONFERENCE)
    organisation = OrganisationFactory(municipalities=[municipality])
    for index in range(rows):
        Note.objects.create(concern=concern, author=handler, text=f"Notitie {index}")
        conference = CaseConference.objects.create(
            concern=concern, held_on=timezone.localdate(), decisions="Besluit"
        )
        conference.organisations.set([organisation])
        FollowUpAction.objects.create(
            concern=concern, description="Actie", owner=handler, due_on=timezone.localdate()
        )
    client = client_for(handler)
    with django_assert_max_num_queries(21):  # the same with 2 and with 20 of each
        assert client.get(reverse("signals:detail", args=[concern.pk])).status_code == 200
