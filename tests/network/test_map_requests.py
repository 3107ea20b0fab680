"""The social map on request: a public form, a coordinator's answer, a log, and retention."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from network import services
from network.map_requests import MapRequest, MapRequestEvent
from network.tasks import anonymise_answered_map_requests, send_map_request_answer
from network.views.map_requests import RATE_LIMIT
from polrad.accounts.models import User
from polrad.accounts.roles import Role
from tests.conftest import skip_or_fail
from tests.factories import UserFactory
from tests.network.factories import ContactFactory, OrganisationFactory
from tests.network.test_pdf import pdf_text

FORM = reverse("network:map-request")
THANKS = reverse("network:map-request-thanks")
LIST = reverse("network:map-request-list")
PHONE = "06-12345678"


@pytest.fixture
def valid(municipality):
    return {
        "full_name": "  Anouk   de Vries ",
        "email": "Anouk@Basisschool.example",
        "organisation": "Basisschool De Wegwijzer",
        "municipality": municipality.pk,
        "purpose": "Wij zoeken partners voor een project over samenleven.",
    }


@pytest.fixture
def open_request(municipality):
    return services.map_request_submit(
        data={
            "full_name": "Anouk de Vries",
            "email": "anouk@basisschool.example",
            "organisation": "Basisschool De Wegwijzer",
            "municipality": municipality,
            "purpose": "Samenwerken",
        }
    )


@pytest.fixture
def map_of(municipality):
    linde = OrganisationFactory(name="Buurtcentrum De Linde", municipalities=[municipality])
    ContactFactory(
        organisation=linde,
        full_name="Samira el Amrani",
        phone=PHONE,
        is_key_figure=True,
        municipalities=[municipality],
    )
    return linde


def post(client, data, ip="192.0.2.1"):
    return client.post(FORM, data, REMOTE_ADDR=ip)


def answer_url(map_request, answer):
    return reverse("network:map-request-answer", args=[map_request.pk, answer])


# --- the public form -------------------------------------------------------------------------


def test_anyone_can_ask_for_the_map_and_the_request_is_logged(client, valid, municipality):
    assert 'name="purpose"' in client.get(FORM).content.decode()
    response = post(client, valid)
    assert response.status_code == 302 and response["Location"] == THANKS
    request = MapRequest.objects.get()
    assert (request.full_name, request.email) == ("Anouk de Vries", "anouk@basisschool.example")
    assert request.state == MapRequest.State.OPEN and request.municipality == municipality
    event = request.events.get()
    assert event.kind == MapRequestEvent.Kind.SUBMITTED and event.actor is None
    assert "Bedankt voor uw aanvraag" in client.get(THANKS).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "geen-adres", "e-mailadres"),
        ("full_name", "", "Dit veld is verplicht"),
        ("organisation", "", "Dit veld is verplicht"),
        ("purpose", "", "waarvoor u de kaart nodig hebt"),
        ("municipality", "999999", "geldige keuze"),
        ("organisation", "=HYPERLINK(1)", "Begin niet met ="),
    ],
)
def test_bad_input_says_why_in_dutch_and_saves_nothing(client, valid, field, value, message):
    response = post(client, {**valid, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MapRequest.objects.exists() and not MapRequestEvent.objects.exists()


def test_a_robot_filling_the_honeypot_sees_thanks_and_nothing_is_saved(client, valid):
    response = post(client, {**valid, "website": "https://spam.example"})
    assert response.status_code == 302 and response["Location"] == THANKS
    assert not MapRequest.objects.exists()


def test_too_many_requests_from_one_address_are_refused_in_dutch(client, valid):
    for _ in range(RATE_LIMIT):
        assert post(client, valid).status_code == 302
    response = post(client, valid)
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert MapRequest.objects.count() == RATE_LIMIT
    assert post(client, valid, ip="192.0.2.99").status_code == 302


def test_visitors_find_the_form_in_the_footer_of_public_pages(client, db):
    assert f'href="{FORM}"' in client.get(reverse("accounts:login")).content.decode()


# --- who sees and answers --------------------------------------------------------------------


def test_a_coordinator_sees_the_open_requests_and_a_request_with_its_log(
    client_for, coordinator, open_request
):
    client = client_for(coordinator)
    page = client.get(LIST + "?status=open").content.decode()
    assert "Basisschool De Wegwijzer" in page and open_request.get_absolute_url() in page
    assert "Basisschool" not in client.get(LIST + "?status=declined").content.decode()
    detail = client.get(open_request.get_absolute_url()).content.decode()
    assert "anouk@basisschool.example" in detail and "Aanvraag ontvangen" in detail


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, open_request):
    for url in (LIST, open_request.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.post(answer_url(open_request, "kaart"))
    open_request.refresh_from_db()
    assert open_request.is_open and mail.outbox == []


@pytest.mark.parametrize(
    "persona",
    ["handler", "role_model", "professional", "municipal_employee", "administrator", "outsider"],
)
def test_every_other_role_is_refused(request, client_for, persona, open_request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(LIST).status_code == 403
    assert client.get(open_request.get_absolute_url()).status_code == 403
    assert client.post(answer_url(open_request, "kaart")).status_code == 403
    reason = {"reason": "Nee"}
    assert client.post(answer_url(open_request, "afwijzen"), reason).status_code == 403
    open_request.refresh_from_db()
    assert open_request.is_open and open_request.events.count() == 1 and mail.outbox == []


# --- the answers -----------------------------------------------------------------------------


def test_the_map_is_emailed_once_as_a_pdf_without_peoples_phone_numbers(
    client_for, coordinator, open_request, map_of, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(answer_url(open_request, "kaart"))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anouk@basisschool.example"]
    assert "sociale kaart van Groningen" in message.subject
    ((filename, content, mimetype),) = message.attachments
    assert (filename, mimetype) == ("sociale-kaart-groningen.pdf", "application/pdf")
    text = pdf_text(content)
    assert "Buurtcentrum De Linde" in text and "Samira el Amrani" in text
    assert PHONE not in text
    open_request.refresh_from_db()
    assert open_request.state == MapRequest.State.MAP_SENT and open_request.answered_at
    event = open_request.events.get(kind=MapRequestEvent.Kind.MAP_SENT)
    assert event.actor == coordinator and event.mailed_at is not None
    page = client.get(open_request.get_absolute_url()).content.decode()
    # Escaped as the page writes it: a generated name may hold an apostrophe (van 't Erve).
    assert "Kaart per e-mail verstuurd" in page and escape(str(coordinator)) in page
    # A retry of the task sends nothing more.
    assert send_map_request_answer(event.pk) is False
    assert len(mail.outbox) == 1


def test_a_second_answer_is_refused_and_sends_nothing(
    client_for, coordinator, open_request, map_of, django_capture_on_commit_callbacks
):
    other = UserFactory(email="tweede@example.org", roles=[Role.COORDINATOR])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(answer_url(open_request, "kaart"))
        response = client_for(other).post(answer_url(open_request, "afwijzen"), {"reason": "Nee"})
    assert response.status_code == 302
    page = client_for(other).get(open_request.get_absolute_url()).content.decode()
    assert "Deze aanvraag is al beantwoord" in page
    assert len(mail.outbox) == 1
    open_request.refresh_from_db()
    assert open_request.state == MapRequest.State.MAP_SENT
    assert open_request.events.exclude(kind=MapRequestEvent.Kind.SUBMITTED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_answering_at_the_same_moment_send_one_email(municipality, map_of):
    if connection.vendor != "postgresql":
        skip_or_fail("Concurrent answers need Postgres (SQLite serialises every write)")
    request = services.map_request_submit(
        data={
            "full_name": "Anouk de Vries",
            "email": "anouk@basisschool.example",
            "organisation": "Basisschool",
            "municipality": municipality,
            "purpose": "Samenwerken",
        }
    )
    coordinators = [
        UserFactory(email=f"c{i}@example.org", roles=[Role.COORDINATOR]) for i in range(2)
    ]
    start = threading.Barrier(2)
    outcomes = []

    def answer(coordinator):
        start.wait()
        try:
            services.map_request_send_map(request=request, by=coordinator)
            outcomes.append("sent")
        except services.MapRequestError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(c,)) for c in coordinators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "sent"]
    assert len(mail.outbox) == 1
    assert MapRequestEvent.objects.filter(kind=MapRequestEvent.Kind.MAP_SENT).count() == 1


def test_an_invitation_uses_the_accounts_invitation(
    client_for, coordinator, open_request, municipality, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(
            answer_url(open_request, "uitnodigen"), {"role": Role.MUNICIPAL}
        )
    invited = User.objects.get(email="anouk@basisschool.example")
    assert invited.roles == {Role.MUNICIPAL} and list(invited.municipalities.all()) == [
        municipality
    ]
    assert invited.invited_by == coordinator
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anouk@basisschool.example"]
    open_request.refresh_from_db()
    assert open_request.state == MapRequest.State.INVITED
    assert open_request.events.get(kind=MapRequestEvent.Kind.INVITED).actor == coordinator


def test_an_invitation_to_an_existing_account_is_refused_and_changes_nothing(
    client_for, coordinator, open_request, django_capture_on_commit_callbacks
):
    UserFactory(email="anouk@basisschool.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            answer_url(open_request, "uitnodigen"), {"role": Role.PROFESSIONAL}, follow=True
        )
    assert "Er bestaat al een account met dit e-mailadres" in response.content.decode()
    open_request.refresh_from_db()
    assert open_request.is_open and open_request.events.count() == 1 and mail.outbox == []


def test_an_invitation_to_a_role_a_coordinator_may_not_give_is_refused(
    client_for, coordinator, open_request
):
    response = client_for(coordinator).post(
        answer_url(open_request, "uitnodigen"), {"role": Role.ADMINISTRATOR}
    )
    assert response.status_code == 200 and "geldige keuze" in response.content.decode()
    assert not User.objects.filter(email="anouk@basisschool.example").exists()


def test_declining_needs_a_reason_which_the_requester_reads(
    client_for, coordinator, open_request, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    response = client.post(answer_url(open_request, "afwijzen"), {"reason": "  "})
    assert response.status_code == 200
    assert "Zeg waarom u afwijst" in response.content.decode()
    open_request.refresh_from_db()
    assert open_request.is_open and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_url(open_request, "afwijzen"), {"reason": "Alleen voor partners."})
    open_request.refresh_from_db()
    assert open_request.state == MapRequest.State.DECLINED
    assert len(mail.outbox) == 1 and "Alleen voor partners." in mail.outbox[0].body
    assert mail.outbox[0].attachments == []


# --- retention -------------------------------------------------------------------------------


def test_the_requesters_details_are_wiped_a_year_after_the_answer(
    coordinator, open_request, municipality, settings
):
    settings.MAP_REQUEST_RETENTION_MONTHS = 12
    services.map_request_decline(request=open_request, by=coordinator, reason="Nee")
    MapRequest.objects.filter(pk=open_request.pk).update(
        answered_at=timezone.now() - timedelta(days=370)
    )
    recent = services.map_request_submit(
        data={
            "full_name": "Recent",
            "email": "recent@example.org",
            "organisation": "Nieuw",
            "municipality": municipality,
            "purpose": "x",
        }
    )
    assert anonymise_answered_map_requests() == 1
    open_request.refresh_from_db()
    assert open_request.anonymised_at and open_request.email == ""
    assert "Anouk" not in open_request.full_name and open_request.purpose == ""
    kinds = list(open_request.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "declined", "anonymised"]
    recent.refresh_from_db()
    assert recent.email == "recent@example.org" and recent.anonymised_at is None
    assert anonymise_answered_map_requests() == 0
