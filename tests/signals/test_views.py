"""Reporting a concern, following it, and handling it: the pages and who may use them."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from signals.forms import ConcernForm
from signals.models import AccessLog, Concern
from signals.workflow import Outcome, State
from tests.factories import UserFactory
from tests.pages import page_link
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


def test_municipal_staff_cannot_report(client_for, municipal_employee):
    client = client_for(municipal_employee)
    for page in (START, FORM, MINE):
        assert client.get(page).status_code == 403


def test_role_model_reports_and_sees_only_their_own_reports(
    client_for, role_model, professional, data, municipality
):
    others = ConcernFactory(reporter=professional, municipality=municipality)
    client = client_for(role_model)
    for page in (START, FORM, MINE):
        assert client.get(page).status_code == 200
    client.post(FORM, {**data, "step": "send"})
    own = Concern.objects.get(reporter=role_model)
    assert list(client.get(MINE).context["concerns"]) == [own]
    assert client.get(reverse("signals:my-report", args=[others.pk])).status_code == 404
    assert client.get(reverse("signals:detail", args=[others.pk])).status_code == 403
    assert client.get(QUEUE).status_code == 403


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
    # the same with 2 and with 20 of each (one more since case conferences choose interventions)
    with django_assert_max_num_queries(23):
        assert client.get(reverse("signals:detail", args=[concern.pk])).status_code == 200


def test_reporter_page_never_shows_names_or_internal_notes(
    client_for, professional, handler, municipality
):
    from signals import services

    concern = ConcernFactory(
        reporter=professional, municipality=municipality, persons_involved="Youssef Bakkali"
    )
    services.concern_assign(concern=concern, handler=handler, by=handler)
    services.concern_note_add(
        concern=concern,
        by=handler,
        text="Intern: broer is bekend bij de politie.",
        to_reporter=False,
    )
    services.concern_note_add(
        concern=concern, by=handler, text="We hebben contact met de school.", to_reporter=True
    )
    page = client_for(professional).get(reverse("signals:my-report", args=[concern.pk]))
    content = page.content.decode()
    assert "We hebben contact met de school." in content
    assert "Youssef" not in content and "Bakkali" not in content
    assert "bekend bij de politie" not in content


def _long(n):
    return "x" * n


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"municipality": ""}, "municipality", "This field is required."),
        ({"municipality": "999999"}, "municipality", "Select a valid choice."),
        ({"setting": "rooftop"}, "setting", "Select a valid choice."),
        ({"age_bracket": "ancient"}, "age_bracket", "Select a valid choice."),
        ({"urgency": "panic"}, "urgency", "Select a valid choice."),
        ({"urgency": ""}, "urgency", "This field is required."),
        ({"people_count": "0"}, "people_count", "Ensure this value is greater than or equal to"),
        ({"people_count": "-3"}, "people_count", "Ensure this value is greater than or equal to"),
        ({"people_count": "veel"}, "people_count", "Enter a whole number."),
        ({"neighbourhood": _long(101)}, "neighbourhood", "Ensure this value has at most"),
        ({"reporter_contact": _long(201)}, "reporter_contact", "Ensure this value has at most"),
        ({"persons_involved": _long(1001)}, "persons_involved", "Ensure this value has at most"),
        ({"observed_on": "gisteren"}, "observed_on", "Enter a valid date."),
    ],
)
def test_bad_input_on_every_field_is_refused_and_saves_nothing(
    client_for, professional, data, changes, field, message
):
    client = client_for(professional)
    for step in ("review", "send"):
        response = client.post(FORM, {**data, **changes, "step": step})
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert list(errors) == [field]
        with translation.override("en"):
            assert message in str(ConcernForm(response.wsgi_request.POST).errors[field])
        assert escape(errors[field][0]) in response.content.decode()  # shown, in Dutch
    assert not Concern.objects.exists()


def test_the_longest_allowed_values_are_accepted(client_for, professional, data):
    limits = {"neighbourhood": 100, "reporter_contact": 200, "persons_involved": 1000}
    client_for(professional).post(
        FORM, {**data, **{name: _long(n) for name, n in limits.items()}, "step": "send"}
    )
    concern = Concern.objects.get()
    assert len(concern.persons_involved) == 1000 and concern.people_count == 2


def test_script_is_escaped_on_the_review_page_and_the_reporter_page(
    client_for, professional, handler, data, municipality
):
    from signals import services

    script = "<script>alert(1)</script>"
    client = client_for(professional)
    review = client.post(
        FORM, {**data, "observed": script, "neighbourhood": script, "step": "review"}
    )
    assert script not in review.content.decode() and "&lt;script&gt;" in review.content.decode()
    client.post(FORM, {**data, "observed": script, "step": "send"})
    concern = Concern.objects.get()
    services.concern_note_add(concern=concern, by=handler, text=script, to_reporter=True)
    page = client.get(reverse("signals:my-report", args=[concern.pk])).content.decode()
    assert script not in page and "&lt;script&gt;" in page


def test_a_submission_key_of_another_reporter_creates_a_new_concern(
    client_for, professional, data, municipality
):
    from signals import services

    key = uuid.UUID(data["submission_key"])
    other = UserFactory(roles=["professional"])
    theirs = ConcernFactory(reporter=other, municipality=municipality, submission_key=key)
    response = client_for(professional).post(FORM, {**data, "step": "send"})
    mine = Concern.objects.get(reporter=professional)
    assert response.status_code == 302 and response.url == reverse(
        "signals:receipt", args=[mine.pk]
    )
    assert mine != theirs and mine.observed == SECRET
    theirs.refresh_from_db()
    assert theirs.reporter == other
    # The service on its own, also when it loses the race for the key (IntegrityError).
    again = services.concern_submit(
        reporter=professional, data={**_cleaned(data)}, submission_key=key
    )
    assert again.reporter == professional and again.pk not in (theirs.pk, mine.pk)


def _cleaned(data):
    from signals.forms import ConcernForm

    form = ConcernForm({k: v for k, v in data.items() if k != "submission_key"})
    assert form.is_valid(), form.errors
    return form.cleaned_data


def test_queue_tabs_new_mine_and_overdue_actions(client_for, handler, municipality):
    from datetime import timedelta

    from signals.models import FollowUpAction

    colleague = UserFactory(roles=["handler"], municipalities=[municipality])
    new = ConcernFactory(municipality=municipality)
    mine = ConcernFactory(municipality=municipality, state=State.IN_ASSESSMENT, assigned_to=handler)
    theirs = ConcernFactory(
        municipality=municipality, state=State.CASE_CONFERENCE, assigned_to=colleague
    )
    today = timezone.localdate()
    FollowUpAction.objects.create(
        concern=theirs, description="School bellen", owner=colleague, due_on=today - timedelta(1)
    )
    FollowUpAction.objects.create(
        concern=mine, description="Later", owner=handler, due_on=today + timedelta(3)
    )
    FollowUpAction.objects.create(
        concern=mine,
        description="Gedaan",
        owner=handler,
        due_on=today - timedelta(5),
        done_at=timezone.now(),
    )
    client = client_for(handler)

    def tab(view):
        return list(client.get(QUEUE, {"view": view}).context["concerns"])

    assert tab("new") == [new]
    assert tab("mine") == [mine]
    assert tab("actions") == [theirs]
    page = client.get(QUEUE, {"view": "actions"}).content.decode()
    assert 'href="?view=actions"' in page and 'aria-current="page"' in page


def test_the_handler_sees_the_urgency_of_a_normal_concern_too(client_for, handler, municipality):
    concern = ConcernFactory(municipality=municipality, urgency=Concern.Urgency.NORMAL)
    page = client_for(handler).get(reverse("signals:detail", args=[concern.pk])).content.decode()
    assert '<dt class="col-sm-4">Urgentie</dt><dd class="col-sm-8">Normaal</dd>' in page


@pytest.mark.parametrize("age", [Concern.AgeBracket.YOUNG_ADULT, Concern.AgeBracket.ADULT])
def test_an_adult_age_with_minors_involved_gets_a_hint_but_can_be_sent(
    client_for, professional, data, age
):
    client = client_for(professional)
    data = {**data, "age_bracket": age, "people_count": "3"}
    review = client.post(FORM, {**data, "step": "review"})
    assert review.status_code == 200
    page = review.content.decode()
    assert "Controleer dit even" in page and "kies dan „Verschillende leeftijden”" in page
    client.post(FORM, {**data, "step": "send"})
    assert Concern.objects.get().minors_involved


def test_one_adult_who_is_also_a_minor_is_refused(client_for, professional, data):
    data = {**data, "age_bracket": Concern.AgeBracket.ADULT, "people_count": "1"}
    response = client_for(professional).post(FORM, {**data, "step": "review"})
    assert response.context["form"].errors["minors_involved"] == [
        "U meldt één persoon van 18 jaar of ouder en ook dat er minderjarigen bij betrokken "
        "zijn. Pas de leeftijd of het aantal personen aan."
    ]
    response = client_for(professional).post(FORM, {**data, "step": "send"})
    assert not Concern.objects.exists()


def test_a_teenager_with_minors_involved_gets_no_hint(client_for, professional, data):
    review = client_for(professional).post(FORM, {**data, "step": "review"})
    assert "Controleer dit even" not in review.content.decode()


def test_the_queue_pages_on_urgent_first_then_the_longest_waiting_with_the_view_kept(
    client_for, handler, municipality, django_assert_max_num_queries
):
    # Many concerns submitted at the same moment: the pages must still hold each once.
    moments = [timezone.now() - timezone.timedelta(hours=hours) for hours in (1, 2, 3)]
    for number in range(60):
        ConcernFactory(
            municipality=municipality,
            submitted_at=moments[number % 3],
            urgency=Concern.Urgency.URGENT if number % 7 == 0 else Concern.Urgency.NORMAL,
            assigned_to=handler if number % 2 else None,
        )
    client = client_for(handler)
    first = client.get(QUEUE, {"view": "mine"})
    seen = list(first.context["concerns"])
    page, next_url = first, page_link(first, "next")
    assert next_url.startswith("?view=mine&cursor=")
    while next_url:
        with django_assert_max_num_queries(12) as queries:
            page = client.get(QUEUE + next_url)
        assert not [q for q in queries.captured_queries if "OFFSET" in q["sql"].upper()]
        seen += page.context["concerns"]
        next_url = page_link(page, "next")
    mine = Concern.objects.filter(assigned_to=handler)
    assert len(seen) == len(set(seen)) == mine.count() == 30
    urgent = [c for c in seen if c.urgency == Concern.Urgency.URGENT]
    assert seen[: len(urgent)] == urgent
    assert [c.submitted_at for c in seen[len(urgent) :]] == sorted(
        c.submitted_at for c in seen[len(urgent) :]
    )
    assert "Pagina 2 van 2" in page.content.decode()
