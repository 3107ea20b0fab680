"""Concerns from the eyes and ears, and the coordinator's interpretation in the trend update."""

from datetime import date, datetime, time, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from polrad.accounts.roles import Role
from polrad.periods import parse as parse_period
from signals.eyes import ConcernOrigin, Interpretation, SourceKind
from signals.interpretations import origin_figures
from signals.models import Concern
from signals.trends import trend_aggregates
from tests.factories import UserFactory
from tests.rolemodels.factories import MentorshipFactory, active_mentor
from tests.signals.factories import CategoryFactory, ConcernFactory
from tests.signals.test_views import FORM

WHO = "Imam Yusuf van de moskee aan de Oosterstraat"


@pytest.fixture
def data(municipality):
    """A valid concern form."""
    return {
        "category": CategoryFactory(name="Polarisatie in de wijk").pk,
        "observed": "Jongeren bedreigen een groep bij het buurthuis.",
        "municipality": municipality.pk,
        "setting": Concern.Setting.STREET,
        "people_count": "3",
        "age_bracket": Concern.AgeBracket.TEEN,
        "urgency": Concern.Urgency.NORMAL,
    }


def send(client, payload):
    return client.post(FORM, {**payload, "step": "send"})


# --- heard from ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator", "handler", "professional"])
def test_staff_record_a_concern_heard_from_a_key_figure(
    request, client_for, persona, municipality, data
):
    user = request.getfixturevalue(persona)
    payload = {**data, "heard_from": "key_figure", "heard_from_who": WHO}
    assert send(client_for(user), payload).status_code == 302
    concern = Concern.objects.get()
    assert concern.reporter == user
    assert concern.origin.source_kind == SourceKind.KEY_FIGURE
    assert concern.origin.source_identity == WHO
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT source_identity FROM signals_concernorigin WHERE id = %s", [concern.origin.pk]
        )
        assert "Yusuf" not in cursor.fetchone()[0]


def test_heard_from_without_who_is_refused(client_for, professional, municipality, data):
    payload = {**data, "heard_from": "volunteer", "step": "review"}
    response = client_for(professional).post(FORM, payload)
    assert response.status_code == 200
    assert "Zeg wie het u vertelde" in response.content.decode()
    assert not Concern.objects.exists()


def test_a_role_model_is_not_offered_heard_from(client_for, role_model, municipality, data):
    page = client_for(role_model).get(FORM).content.decode()
    assert 'name="heard_from"' not in page
    payload = {**data, "heard_from": "key_figure", "heard_from_who": WHO}
    send(client_for(role_model), payload)
    assert not ConcernOrigin.objects.exists()


def test_only_the_assigned_handler_sees_who_it_was(client_for, handler, municipality):
    other = UserFactory(roles=[Role.HANDLER], municipalities=[municipality])
    concern = ConcernFactory(municipality=municipality)
    ConcernOrigin.objects.create(
        concern=concern, source_kind=SourceKind.KEY_FIGURE, source_identity=WHO
    )
    url = reverse("signals:detail", args=[concern.pk])
    assert WHO not in client_for(other).get(url).content.decode()
    concern.assigned_to = handler
    concern.save()
    page = client_for(handler).get(url).content.decode()
    assert WHO in page


# --- from a mentorship -----------------------------------------------------------------------


def test_a_mentor_files_a_concern_from_a_mentorship_pre_filled(client_for, municipality, data):
    user = UserFactory(roles=[Role.ROLE_MODEL])
    mentor = active_mentor(
        user=user, email=user.email, municipality=municipality, active_since=date(2025, 1, 1)
    )
    mentorship = MentorshipFactory(mentor=mentor, started_via="school")
    client = client_for(user)
    detail = client.get(mentorship.get_absolute_url()).content.decode()
    link = f"{FORM}?gemeente={municipality.pk}&amp;leeftijd=12_17&amp;omgeving=school"
    assert link in detail
    form = client.get(
        FORM, {"gemeente": municipality.pk, "leeftijd": "12_17", "mentoraat": mentorship.pk}
    ).context["form"]
    assert form.initial["age_bracket"] == "12_17"
    assert str(form.initial["mentorship"]) == str(mentorship.pk)
    send(client, {**data, "mentorship": mentorship.pk})
    concern = Concern.objects.get()
    assert concern.reporter == user
    assert concern.origin.mentorship == mentorship
    assert concern.origin.source_kind == SourceKind.MENTOR


def test_someone_elses_mentorship_is_not_linked(client_for, professional, municipality, data):
    mentorship = MentorshipFactory()
    form = client_for(professional).get(FORM, {"mentoraat": mentorship.pk}).context["form"]
    assert "mentorship" not in form.initial
    send(client_for(professional), {**data, "mentorship": mentorship.pk})
    assert not ConcernOrigin.objects.exists()


# --- figures by origin -----------------------------------------------------------------------


def test_figures_tell_the_origins_apart_month_by_month_and_suppress_small_counts(municipality):
    last_month = timezone.localdate().replace(day=1) - relativedelta(months=1)
    submitted = timezone.make_aware(datetime.combine(last_month.replace(day=15), time(12)))
    for index in range(7):
        concern = ConcernFactory(municipality=municipality, submitted_at=submitted)
        if index < 2:
            ConcernOrigin.objects.create(concern=concern, source_kind=SourceKind.KEY_FIGURE)
    figures = origin_figures(parse_period(f"{last_month:%Y-%m}"))
    assert len(figures["months"]) == 1
    cells = {label: cells[0] for label, cells in figures["rows"]}
    assert cells["Sleutelfiguur"] == "< 5"
    assert cells["Eigen waarneming"] != "5"  # hidden too: the total would tell
    assert cells["Vrijwilliger"] == "0"


def test_figures_by_origin_show_no_month_that_has_not_ended(municipality):
    ConcernFactory(municipality=municipality)
    figures = origin_figures(parse_period(f"{timezone.localdate():%Y-%m}"))
    assert (figures["months"], figures["rows"], figures["totals"]) == ([], [], [])


# --- interpretation --------------------------------------------------------------------------

LAST_MONTH = f"{(timezone.localdate().replace(day=1) - timedelta(days=1)):%Y-%m}"


def test_a_coordinator_writes_and_approves_an_interpretation(client_for, coordinator):
    client = client_for(coordinator)
    url = reverse("signals:interpretations")
    client.post(url, {"period": LAST_MONTH, "region": "Noord", "text": "Meer online haat."})
    interpretation = Interpretation.objects.get()
    assert not interpretation.is_approved
    assert trend_aggregates(parse_period(LAST_MONTH))["interpretations"] == []
    client.post(reverse("signals:interpretation-approve", args=[interpretation.pk]))
    rows = trend_aggregates(parse_period(LAST_MONTH))["interpretations"]
    assert rows == [{"place": "Noord", "text": "Meer online haat."}]


def test_an_edited_interpretation_needs_approval_again(client_for, coordinator):
    interpretation = Interpretation.objects.create(
        period=LAST_MONTH, region="Noord", text="Oud", approved_at=timezone.now()
    )
    client_for(coordinator).post(
        reverse("signals:interpretation-update", args=[interpretation.pk]),
        {"period": LAST_MONTH, "region": "Noord", "text": "Nieuw"},
    )
    interpretation.refresh_from_db()
    assert interpretation.text == "Nieuw" and not interpretation.is_approved


def test_bad_input_is_refused_in_dutch(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        reverse("signals:interpretations"),
        {"period": "november", "region": "Noord", "municipality": municipality.pk, "text": ""},
    )
    body = response.content.decode()
    assert "2026-Q4" in body and "een regio of een gemeente" in body
    assert not Interpretation.objects.exists()


@pytest.mark.parametrize("persona", ["handler", "professional", "role_model"])
def test_only_coordinators_write_interpretations(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("signals:interpretations")).status_code == 403


def test_the_trend_update_opens_with_the_approved_interpretation_only(professional):
    from signals.tasks import send_trend_updates

    ConcernFactory(reporter=professional)
    Interpretation.objects.create(
        period=LAST_MONTH, region="Noord", text="Goedgekeurde duiding", approved_at=timezone.now()
    )
    Interpretation.objects.create(period=LAST_MONTH, region="Zuid", text="Nog een concept")
    send_trend_updates.delay(LAST_MONTH)
    body = mail.outbox[0].body
    assert "Goedgekeurde duiding" in body and "Nog een concept" not in body
    assert body.index("Goedgekeurde duiding") < body.index("Uw openstaande meldingen")


def test_without_an_approved_text_the_update_still_goes_out(professional):
    from signals.tasks import send_trend_updates

    ConcernFactory(reporter=professional)
    send_trend_updates.delay(LAST_MONTH)
    assert len(mail.outbox) == 1
    assert "Wat het netwerk ziet" not in mail.outbox[0].body


# --- referral to the mentor pool -------------------------------------------------------------


def test_a_handler_refers_and_a_coordinator_matches_a_mentor(
    client_for, handler, coordinator, municipality, django_capture_on_commit_callbacks
):
    concern = ConcernFactory(municipality=municipality, assigned_to=handler)
    mentor = active_mentor(
        municipality=municipality,
        available_weekdays=True,
        available_evenings=True,
        available_weekends=True,
        active_since=date(2025, 1, 1),
    )
    response = client_for(handler).post(reverse("signals:refer-mentor-pool", args=[concern.pk]))
    assert response.status_code == 302
    referral = concern.mentor_referral
    client = client_for(coordinator)
    page = client.get(reverse("signals:mentor-pool-match", args=[referral.pk]))
    assert mentor in [match.role_model for match in page.context["matches"]]
    assert concern.observed not in page.content.decode()  # no content of the concern
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("signals:mentor-pool-match", args=[referral.pk]),
            {"mentor": mentor.pk, "pseudonym": "Jongere Z"},
        )
    referral.refresh_from_db()
    mentorship = referral.mentorship
    assert (mentorship.mentor, mentorship.started_via) == (mentor, "concern")
    assert mentorship.municipality == municipality
    assert [message.to for message in mail.outbox][-1] == [mentor.email]


@pytest.mark.parametrize("persona", ["handler", "professional", "role_model"])
def test_only_coordinators_match_mentors(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("signals:mentor-pool")).status_code == 403


def test_a_professional_cannot_refer_to_the_mentor_pool(client_for, professional, municipality):
    concern = ConcernFactory(municipality=municipality)
    response = client_for(professional).post(
        reverse("signals:refer-mentor-pool", args=[concern.pk])
    )
    assert response.status_code == 403
