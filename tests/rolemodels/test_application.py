"""The public application form: no login, Dutch, spam-proof, confirmed by email."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rolemodels.models import RoleModel, StageChange
from rolemodels.views.public import RATE_LIMIT
from rolemodels.workflow import Stage
from tests.network.factories import CommunityFactory, LanguageFactory

APPLY = reverse("rolemodels:apply")
THANKS = reverse("rolemodels:apply-thanks")


@pytest.fixture
def valid(municipality):
    return {
        "full_name": "  Youssef   El Amrani ",
        "email": "Youssef@Example.org",
        "phone": "06-12345678",
        "municipality": municipality.pk,
        "communities": [CommunityFactory(name="Marokkaans-Nederlands").pk],
        "languages": [LanguageFactory(name="Arabisch").pk],
        "motivation": "Ik wil jongeren laten zien dat er een andere weg is.",
        "heard_via": "partner",
        "consent": "on",
    }


def post(client, data, ip="192.0.2.1"):
    return client.post(APPLY, data, REMOTE_ADDR=ip)


def test_the_form_is_public_dutch_and_free_of_inline_style_and_script(client, municipality):
    response = client.get(APPLY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Word rolmodel" in html and 'name="consent"' in html
    assert "style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert 'class="hp-field" aria-hidden="true"' in html and 'tabindex="-1"' in html


def test_a_valid_application_is_saved_recorded_and_confirmed(
    client, valid, municipality, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, valid)
    assert response.status_code == 302 and response["Location"] == THANKS
    role_model = RoleModel.objects.get()
    assert role_model.full_name == "Youssef El Amrani"
    assert role_model.email == "youssef@example.org"
    assert role_model.stage == Stage.APPLIED and role_model.municipality == municipality
    assert role_model.consent_date == timezone.localdate()
    assert role_model.communities.count() == 1 and role_model.languages.count() == 1
    change = StageChange.objects.get()
    assert (change.from_stage, change.to_stage, change.actor) == ("", Stage.APPLIED, None)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["youssef@example.org"]
    assert "aanmelding" in mail.outbox[0].subject
    assert "Youssef El Amrani" in mail.outbox[0].body
    assert client.get(THANKS).status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("consent", None, "toestemming"),
        ("email", "geen-adres", "e-mailadres"),
        ("full_name", "", "Dit veld is verplicht"),
        ("motivation", "", "Dit veld is verplicht"),
        ("municipality", "999999", "geldige keuze"),
    ],
)
def test_an_invalid_application_says_why_in_dutch_and_saves_nothing(
    client, valid, field, value, message
):
    data = {**valid}
    if value is None:
        del data[field]
    else:
        data[field] = value
    response = post(client, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RoleModel.objects.exists() and mail.outbox == []


def test_a_robot_filling_the_honeypot_sees_thanks_and_nothing_is_saved(client, valid):
    response = post(client, {**valid, "website": "https://spam.example"})
    assert response.status_code == 302 and response["Location"] == THANKS
    assert not RoleModel.objects.exists() and mail.outbox == []


def test_too_many_submissions_from_one_address_are_refused_in_dutch(client, valid):
    for i in range(RATE_LIMIT):
        post(client, {**valid, "email": f"persoon{i}@example.org"})
    response = post(client, {**valid, "email": "nog-een@example.org"})
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert RoleModel.objects.count() == RATE_LIMIT
    other = post(client, {**valid, "email": "ander@example.org"}, ip="192.0.2.99")
    assert other.status_code == 302


def test_the_limit_resets_after_the_hour(client, valid, settings):
    # The in-process cache follows the travelling clock (Redis keeps its own time).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for i in range(RATE_LIMIT + 1):
            post(client, {**valid, "email": f"persoon{i}@example.org"})
        traveller.shift(timedelta(minutes=61))
        assert post(client, {**valid, "email": "later@example.org"}).status_code == 302


def test_a_double_submit_creates_one_application(client, valid, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, valid)
        response = post(client, {**valid, "email": "YOUSSEF@example.org"})
    assert response.status_code == 302 and response["Location"] == THANKS
    assert RoleModel.objects.count() == 1 and StageChange.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_same_person_may_apply_again_after_the_hour(client, valid):
    post(client, valid)
    RoleModel.objects.update(created_at=timezone.now() - timedelta(hours=2))
    post(client, valid)
    assert RoleModel.objects.count() == 2


def test_the_login_page_and_public_pages_link_to_the_application(client, db):
    login = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{APPLY}"' in login
    statement = client.get(reverse("accessibility")).content.decode()
    assert f'href="{APPLY}"' in statement  # in the footer of every public page


def test_members_do_not_see_the_footer_link(client_for, professional):
    page = client_for(professional).get(reverse("accessibility")).content.decode()
    assert f'href="{APPLY}"' not in page
