"""The calendar of sessions, programme and session pages, planning, iCalendar and my trainings."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from PIL import Image

from tests.factories import MunicipalityFactory, UserFactory
from tests.network.factories import LocationFactory
from tests.pages import page_link
from tests.trainings.factories import (
    CertificateFactory,
    EnrolmentFactory,
    ModuleFactory,
    ProgrammeFactory,
    SessionFactory,
    past_session,
)
from trainings.models import Module, Programme, Session
from trainings.views.sessions import feed_token
from trainings.workflow import Audience, EnrolmentState, SessionState

pytestmark = pytest.mark.django_db

INDEX = reverse("trainings:index")
MEMBERS = ["coordinator", "handler", "role_model", "professional", "municipal_employee"]


def amsterdam(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


# The calendar -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", MEMBERS)
def test_every_member_sees_the_upcoming_sessions(client_for, request, persona):
    session = SessionFactory(title="Basistraining Groningen")
    response = client_for(request.getfixturevalue(persona)).get(INDEX)
    assert response.status_code == 200
    assert list(response.context["sessions"]) == [session]


def test_anonymous_is_sent_to_login_from_every_page(client):
    session = SessionFactory()
    for url in [
        INDEX,
        reverse("trainings:mine"),
        reverse("trainings:feed"),
        reverse("trainings:programme", args=[session.programme_id]),
        reverse("trainings:session", args=[session.pk]),
        reverse("trainings:session-ics", args=[session.pk]),
        reverse("trainings:attendance", args=[session.pk]),
        reverse("trainings:check-in", args=[session.pk]),
        reverse("trainings:session-create", args=[session.programme_id]),
        reverse("trainings:programme-create"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login")), url


def test_an_account_without_a_role_sees_nothing_of_trainings(
    client_for, outsider, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    session = SessionFactory()
    module = ModuleFactory(programme=session.programme)
    module.file.save("handleiding.pdf", ContentFile(b"%PDF-1.4 test"))
    client = client_for(outsider)
    for url in [
        INDEX,
        reverse("trainings:feed"),
        reverse("trainings:programme", args=[session.programme_id]),
        reverse("trainings:session", args=[session.pk]),
        reverse("trainings:session-ics", args=[session.pk]),
        reverse("trainings:module-file", args=[module.pk]),
    ]:
        assert client.get(url).status_code == 403, url


def test_list_shows_time_in_amsterdam_venue_and_seats(client_for, professional):
    session = SessionFactory(
        title="Signaleren",
        starts_at=amsterdam(2030, 3, 5, 9, 30),
        ends_at=amsterdam(2030, 3, 5, 12, 0),
        capacity=3,
    )
    EnrolmentFactory(session=session)
    full = SessionFactory(title="Vol", capacity=1, starts_at=amsterdam(2030, 3, 6, 9, 0))
    EnrolmentFactory(session=full)
    EnrolmentFactory(session=full, state=EnrolmentState.WAITLISTED)
    SessionFactory(title="Afgelast", state=SessionState.CANCELLED)
    past_session(title="Voorbij")
    page = client_for(professional).get(INDEX).content.decode()
    assert "09:30–12:00" in page  # 08:30 UTC in March is 09:30 in Amsterdam
    assert "Wijkcentrum De Hoogte" in page
    assert "nog 2 plaatsen vrij" in page
    assert "Vol" in page and "1 op de wachtlijst" in page
    assert "Afgelast" in page and "Voorbij" not in page


def test_list_filters_by_programme_municipality_audience_and_month(client_for, professional):
    groningen, assen = MunicipalityFactory(name="Groningen"), MunicipalityFactory(name="Assen")
    for_pros = ProgrammeFactory(name="Basistraining", audience=Audience.PROFESSIONALS)
    for_models = ProgrammeFactory(name="Training rolmodellen", audience=Audience.ROLE_MODELS)
    now = timezone.localtime()
    next_month = (now.replace(day=1) + timedelta(days=32)).replace(day=10)
    a = SessionFactory(programme=for_pros, municipality=groningen)
    b = SessionFactory(programme=for_models, municipality=assen, starts_at=next_month)
    client = client_for(professional)

    def shown(**params):
        return list(client.get(INDEX, params).context["sessions"])

    assert shown(programme=for_models.pk) == [b]
    assert shown(municipality=groningen.pk) == [a]
    assert shown(audience=Audience.PROFESSIONALS) == [a]
    assert shown(month=f"{next_month:%Y-%m}") == [b]
    assert shown() == [a, b]


def test_list_with_a_bad_filter_shows_the_error(client_for, professional):
    SessionFactory()
    response = client_for(professional).get(INDEX, {"month": "1999-01", "programme": "x"})
    assert response.status_code == 200
    assert set(response.context["filter"].form.errors) == {"month", "programme"}


def test_list_is_paginated(client_for, professional):
    programme = ProgrammeFactory()
    SessionFactory.create_batch(30, programme=programme)
    client = client_for(professional)
    assert len(client.get(INDEX).context["sessions"]) == 25
    second = client.get(INDEX + page_link(client.get(INDEX), "next"))
    assert len(second.context["sessions"]) == 5


@pytest.mark.parametrize("rows", [1, 25])
def test_list_queries_are_bounded(client_for, professional, django_assert_max_num_queries, rows):
    programme = ProgrammeFactory()
    for session in SessionFactory.create_batch(rows, programme=programme):
        EnrolmentFactory.create_batch(2, session=session)
    client = client_for(professional)
    with django_assert_max_num_queries(12):
        assert client.get(INDEX).status_code == 200


# iCalendar ----------------------------------------------------------------------------------


def test_session_ics_has_the_event_in_amsterdam_time(client_for, professional):
    session = SessionFactory(
        title="Signaleren",
        starts_at=amsterdam(2030, 7, 1, 13, 0),
        ends_at=amsterdam(2030, 7, 1, 16),
    )
    response = client_for(professional).get(reverse("trainings:session-ics", args=[session.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert "DTSTART;TZID=Europe/Amsterdam:20300701T130000" in body
    assert "DTEND;TZID=Europe/Amsterdam:20300701T160000" in body
    assert "BEGIN:VTIMEZONE" in body and "TZID:Europe/Amsterdam" in body
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["summary"]) == "Signaleren"


def test_feed_lists_upcoming_sessions_as_filtered(client_for, professional):
    wanted = SessionFactory(title="Gewenst")
    other = SessionFactory(title="Ander programma")
    past_session(title="Voorbij")
    client = client_for(professional)
    events = Calendar.from_ical(client.get(reverse("trainings:feed")).content).walk("VEVENT")
    assert {str(e["summary"]) for e in events} == {"Gewenst", "Ander programma"}
    filtered = client.get(reverse("trainings:feed"), {"programme": wanted.programme_id})
    events = Calendar.from_ical(filtered.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Gewenst"]
    assert other.pk  # the other programme's session was left out


def test_personal_feed_by_token_shows_only_my_sessions(client, professional):
    mine = SessionFactory(title="Mijn sessie")
    EnrolmentFactory(session=mine, user=professional, email=professional.email)
    SessionFactory(title="Niet de mijne")
    url = reverse("trainings:personal-feed", args=[feed_token(professional)])
    events = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Mijn sessie"]


def test_personal_feed_with_a_forged_token_is_not_found(client, professional):
    token = feed_token(professional)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    url = reverse("trainings:personal-feed", args=[forged])
    assert client.get(url).status_code == 404


# Programmes ---------------------------------------------------------------------------------


def test_programme_page_shows_modules_in_order_and_sessions(client_for, professional):
    programme = ProgrammeFactory(name="Basistraining", learning_goals="Signalen herkennen.")
    ModuleFactory(programme=programme, order=2, title="Tweede", materials="Casus Amira")
    ModuleFactory(programme=programme, order=1, title="Eerste")
    SessionFactory(programme=programme, title="Sessie A")
    response = client_for(professional).get(programme.get_absolute_url())
    page = response.content.decode()
    assert [m.title for m in response.context["modules"]] == ["Eerste", "Tweede"]
    assert "Signalen herkennen." in page and "Casus Amira" in page
    assert "Sessie A" in page
    assert reverse("trainings:programme-update", args=[programme.pk]) not in page


def test_coordinator_creates_a_programme(client_for, coordinator):
    client = client_for(coordinator)
    response = client.post(
        reverse("trainings:programme-create"),
        {
            "name": "Training rolmodellen",
            "audience": Audience.ROLE_MODELS,
            "required_sessions": 3,
            "gives_certificate": "on",
            "qualifies_role_models": "on",
            "active": "on",
        },
    )
    programme = Programme.objects.get()
    assert response.url == programme.get_absolute_url()
    assert programme.required_sessions == 3 and programme.qualifies_role_models


def test_a_role_model_training_without_a_certificate_is_refused(client_for, coordinator):
    response = client_for(coordinator).post(
        reverse("trainings:programme-create"),
        {
            "name": "Training rolmodellen",
            "audience": Audience.ROLE_MODELS,
            "required_sessions": 3,
            "qualifies_role_models": "on",
            "active": "on",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["gives_certificate"]
    assert not Programme.objects.exists()


def test_programme_with_bad_input_is_not_saved(client_for, coordinator):
    ProgrammeFactory(name="Bestaat al")
    response = client_for(coordinator).post(
        reverse("trainings:programme-create"),
        {"name": "Bestaat al", "audience": "everyone", "required_sessions": 0},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "audience", "required_sessions"}
    assert Programme.objects.count() == 1


@pytest.mark.parametrize("persona", ["professional", "role_model", "handler", "municipal_employee"])
def test_only_coordinators_plan_programmes_modules_and_sessions(client_for, request, persona):
    programme = ProgrammeFactory()
    module = ModuleFactory(programme=programme)
    session = SessionFactory(programme=programme)
    client = client_for(request.getfixturevalue(persona))
    for url in [
        reverse("trainings:programme-create"),
        reverse("trainings:programme-update", args=[programme.pk]),
        reverse("trainings:module-create", args=[programme.pk]),
        reverse("trainings:module-update", args=[module.pk]),
        reverse("trainings:session-create", args=[programme.pk]),
        reverse("trainings:session-update", args=[session.pk]),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "x", "title": "x"}).status_code == 403, url
    response = client.post(reverse("trainings:session-cancel", args=[session.pk]))
    assert response.status_code == 403
    assert Session.objects.get(pk=session.pk).state == SessionState.PLANNED


def test_module_with_a_file_is_downloaded_by_members_only(
    client_for, coordinator, professional, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    programme = ProgrammeFactory()
    upload = SimpleUploadedFile("handleiding.pdf", b"%PDF-1.4 test", "application/pdf")
    client_for(coordinator).post(
        reverse("trainings:module-create", args=[programme.pk]),
        {"order": 1, "title": "Polarisatie", "materials": "Lees vooraf.", "file": upload},
    )
    module = Module.objects.get()
    url = reverse("trainings:module-file", args=[module.pk])
    client.logout()
    assert client.get(url).status_code == 302
    response = client_for(professional).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "no-store" in response["Cache-Control"]


def test_module_file_of_the_wrong_type_is_refused(client_for, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    programme = ProgrammeFactory()
    upload = SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")
    response = client_for(coordinator).post(
        reverse("trainings:module-create", args=[programme.pk]),
        {"order": 1, "title": "X", "file": upload},
    )
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not Module.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("handleiding.pdf", b"MZ\x90\x00 a program"),
        ("sheets.pptx", b"%PDF-1.4"),
        ("x.png", b"GIF8"),
    ],
)
def test_module_file_whose_content_is_not_its_type_is_refused(
    client_for, coordinator, settings, tmp_path, name, content
):
    settings.MEDIA_ROOT = tmp_path
    programme = ProgrammeFactory()
    upload = SimpleUploadedFile(name, content, "application/octet-stream")
    response = client_for(coordinator).post(
        reverse("trainings:module-create", args=[programme.pk]),
        {"order": 1, "title": "X", "file": upload},
    )
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not Module.objects.exists()


def test_module_files_are_served_with_their_true_type(
    client_for, coordinator, professional, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    programme = ProgrammeFactory()
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "teal").save(buffer, format="JPEG")
    client = client_for(coordinator)
    for name, content in [("plaat.png", buffer.getvalue()), ("h.pdf", b"%PDF-1.4 test")]:
        client.post(
            reverse("trainings:module-create", args=[programme.pk]),
            {"order": 1, "title": name, "file": SimpleUploadedFile(name, content)},
        )
    picture, pdf = Module.objects.order_by("pk")
    assert picture.file.name.endswith(".jpg")
    response = client.get(reverse("trainings:module-file", args=[picture.pk]))
    assert response["Content-Type"] == "image/jpeg"
    response = client.get(reverse("trainings:module-file", args=[pdf.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_module_without_a_file_has_no_download(client_for, professional):
    module = ModuleFactory()
    url = reverse("trainings:module-file", args=[module.pk])
    assert client_for(professional).get(url).status_code == 404


# Planning sessions --------------------------------------------------------------------------


def session_data(**overrides):
    return {
        "title": "",
        "starts_at": "2030-05-12T09:30",
        "ends_at": "2030-05-12T12:30",
        "venue": "Bibliotheek Assen",
        "capacity": 15,
        **overrides,
    }


def test_coordinator_plans_a_session_in_dutch_time(client_for, coordinator, role_model):
    programme = ProgrammeFactory(name="Basistraining")
    module = ModuleFactory(programme=programme)
    response = client_for(coordinator).post(
        reverse("trainings:session-create", args=[programme.pk]),
        session_data(trainers=[role_model.pk], modules=[module.pk]),
    )
    session = Session.objects.get()
    assert response.url == session.get_absolute_url()
    assert session.starts_at == amsterdam(2030, 5, 12, 9, 30)
    assert list(session.trainers.all()) == [role_model]
    assert list(session.modules.all()) == [module]
    assert session.display_title == "Basistraining"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": "2030-05-12T09:00"}, "ends_at"),
        ({"venue": ""}, "__all__"),
        ({"capacity": 0}, "capacity"),
        ({"starts_at": "morgen"}, "starts_at"),
        ({"online_url": "geen link"}, "online_url"),
    ],
)
def test_session_with_bad_input_is_not_saved(client_for, coordinator, overrides, field):
    programme = ProgrammeFactory()
    response = client_for(coordinator).post(
        reverse("trainings:session-create", args=[programme.pk]), session_data(**overrides)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Session.objects.exists()


def test_venues_offered_are_those_in_the_sessions_municipality(
    client_for, coordinator, municipality, other_municipality
):
    here = LocationFactory(municipality=municipality, city="Groningen")
    LocationFactory(municipality=other_municipality, city="Ter Apel")
    session = SessionFactory(municipality=municipality)
    client = client_for(coordinator)
    form = client.get(reverse("trainings:session-update", args=[session.pk])).context["form"]
    assert list(form.fields["location"].queryset) == [here]
    response = client.post(
        reverse("trainings:session-update", args=[session.pk]),
        session_data(municipality=municipality.pk, location=here.pk),
    )
    assert response.status_code == 302
    assert Session.objects.get(pk=session.pk).location == here


def test_a_venue_in_another_municipality_is_refused(
    client_for, coordinator, municipality, other_municipality
):
    there = LocationFactory(municipality=other_municipality, city="Ter Apel")
    session = SessionFactory(municipality=municipality)
    response = client_for(coordinator).post(
        reverse("trainings:session-update", args=[session.pk]),
        session_data(municipality=municipality.pk, location=there.pk),
    )
    assert response.status_code == 200
    assert "ligt in Westerwolde, niet in Groningen" in str(
        response.context["form"].errors["location"]
    )
    assert Session.objects.get(pk=session.pk).location is None


def test_a_session_without_municipality_takes_that_of_its_venue(
    client_for, coordinator, other_municipality
):
    there = LocationFactory(municipality=other_municipality, city="Ter Apel")
    programme = ProgrammeFactory()
    response = client_for(coordinator).post(
        reverse("trainings:session-create", args=[programme.pk]), session_data(location=there.pk)
    )
    assert response.status_code == 302
    assert Session.objects.get().municipality == other_municipality


def test_without_a_municipality_only_the_first_venues_are_offered(
    client_for, coordinator, settings, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("trainings.forms.LOCATIONS_LISTED", 3)
    LocationFactory.create_batch(5)
    programme = ProgrammeFactory()
    client = client_for(coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("trainings:session-create", args=[programme.pk]))
    assert len(response.context["form"].fields["location"].queryset) == 3


def test_capacity_cannot_drop_below_the_seats_taken(client_for, coordinator):
    session = SessionFactory(capacity=3)
    EnrolmentFactory.create_batch(2, session=session)
    response = client_for(coordinator).post(
        reverse("trainings:session-update", args=[session.pk]), session_data(capacity=1)
    )
    assert "capacity" in response.context["form"].errors
    assert Session.objects.get(pk=session.pk).capacity == 3


def test_coordinator_cancels_a_session_and_participants_are_told(
    client_for, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    session = SessionFactory()
    EnrolmentFactory.create_batch(2, session=session)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(reverse("trainings:session-cancel", args=[session.pk]))
    assert Session.objects.get(pk=session.pk).state == SessionState.CANCELLED
    assert len(mailoutbox) == 2


# The session page ---------------------------------------------------------------------------


def test_participant_sees_her_state_and_no_participant_list(client_for, professional):
    session = SessionFactory()
    EnrolmentFactory(session=session, user=professional, email=professional.email)
    EnrolmentFactory(session=session, full_name="Iemand Anders")
    response = client_for(professional).get(session.get_absolute_url())
    page = response.content.decode()
    assert response.context["enrolment"].user == professional
    assert "Mijn inschrijving annuleren" in page
    assert "Iemand Anders" not in page
    assert session.checkin_code not in page


def test_member_without_enrol_permission_sees_no_enrol_button(client_for, municipal_employee):
    session = SessionFactory()
    response = client_for(municipal_employee).get(session.get_absolute_url())
    assert response.status_code == 200
    assert reverse("trainings:enrol", args=[session.pk]) not in response.content.decode()


def test_coordinator_sees_participants_by_state_and_the_code(
    client_for, coordinator, django_assert_max_num_queries
):
    session = SessionFactory(capacity=1)
    EnrolmentFactory(session=session, full_name="Wachtende", state=EnrolmentState.WAITLISTED)
    EnrolmentFactory(session=session, full_name="Zittende")
    client = client_for(coordinator)
    with django_assert_max_num_queries(18):
        response = client.get(session.get_absolute_url())
    names = [p.full_name for p in response.context["participants"]]
    assert names == ["Zittende", "Wachtende"]
    assert session.checkin_code in response.content.decode()


def test_trainer_sees_the_check_in_code_but_not_the_participant_list(client_for, role_model):
    session = SessionFactory()
    session.trainers.add(role_model)
    EnrolmentFactory(session=session, full_name="Deelnemer Een")
    page = client_for(role_model).get(session.get_absolute_url()).content.decode()
    assert session.checkin_code in page
    assert reverse("trainings:attendance", args=[session.pk]) in page


def test_session_page_queries_are_bounded_with_many_participants(
    client_for, coordinator, django_assert_max_num_queries
):
    session = SessionFactory(capacity=100)
    EnrolmentFactory.create_batch(60, session=session)
    client = client_for(coordinator)
    with django_assert_max_num_queries(18):
        assert client.get(session.get_absolute_url()).status_code == 200


def test_unknown_session_is_not_found(client_for, professional):
    assert (
        client_for(professional).get(reverse("trainings:session", args=[9999])).status_code == 404
    )


# My trainings -------------------------------------------------------------------------------


def test_my_trainings_lists_upcoming_and_past_and_those_enrolled_by_email(client_for, professional):
    upcoming = EnrolmentFactory(user=professional, email=professional.email)
    past = EnrolmentFactory(session=past_session(), email=professional.email)
    EnrolmentFactory()  # someone else's
    response = client_for(professional).get(reverse("trainings:mine"))
    assert response.context["upcoming"] == [upcoming]
    assert response.context["past"] == [past]
    assert "/trainingen/agenda/" in response.context["feed_url"]


def test_my_trainings_lists_my_certificates_but_not_withdrawn_ones(client_for, professional):
    kept = CertificateFactory(user=professional, email=professional.email)
    by_email = CertificateFactory(email=professional.email)
    CertificateFactory(user=professional, email=professional.email, revoked_at=timezone.now())
    CertificateFactory()  # someone else's
    response = client_for(professional).get(reverse("trainings:mine"))
    assert set(response.context["certificates"]) == {kept, by_email}


def test_my_trainings_for_someone_without_trainings(client_for):
    user = UserFactory()
    response = client_for(user).get(reverse("trainings:mine"))
    assert response.status_code == 200
    assert response.context["upcoming"] == [] and response.context["past"] == []


def test_a_session_saved_in_year_one_is_repaired_and_its_pages_work(client_for, coordinator):
    """Before dates were checked a session could start on 1 January of year 1 (issue #13, 9)."""
    from importlib import import_module

    from django.apps import apps

    session = SessionFactory()
    year_one = datetime(1, 1, 1, 9, 0, tzinfo=UTC)
    Session.objects.filter(pk=session.pk).update(
        starts_at=year_one, ends_at=year_one + timedelta(hours=2)
    )
    import_module("trainings.migrations.0006_repair_implausible_session_dates").repair(apps, None)
    session.refresh_from_db()
    assert session.starts_at == session.created_at
    assert session.ends_at - session.starts_at == timedelta(hours=2)
    client = client_for(coordinator)
    for url in (
        session.get_absolute_url(),
        reverse("trainings:session-update", args=[session.pk]),
        reverse("trainings:programme", args=[session.programme_id]),
        reverse("trainings:index"),
        reverse("trainings:session-ics", args=[session.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_a_session_in_year_one_is_refused_in_dutch(client_for, coordinator):
    programme = ProgrammeFactory()
    response = client_for(coordinator).post(
        reverse("trainings:session-create", args=[programme.pk]),
        session_data(starts_at="0001-01-01T09:30", ends_at="0001-01-01T12:30"),
    )
    assert response.status_code == 200
    assert "Vul een datum in tussen" in str(response.context["form"].errors["starts_at"])
    assert not Session.objects.exists()
