import re

import pytest
from django.core import mail
from django.urls import reverse

from polrad.accounts.models import AuditEvent, User
from polrad.accounts.roles import Role
from tests.conftest import PASSWORD

INVITE = reverse("accounts:invite")


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Post the invitation form; the email task runs after commit, as in production."""

    def post(client, **overrides):
        data = {"email": "nieuw@example.org", "full_name": "Nina Nieuw", "roles": ["professional"]}
        data.update(overrides)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(INVITE, data)

    return post


def link_from(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_invite_set_password_and_log_in(invite, client_for, client, coordinator, settings):
    inviter = client_for(coordinator)
    response = invite(inviter)
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert not user.has_usable_password()
    assert user.roles == {Role.PROFESSIONAL}
    assert user.invited_by == coordinator
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuw@example.org"]
    link = link_from(mail.outbox[0])
    inviter.post(reverse("accounts:logout"))

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    new_password = "een lange zin als wachtwoord"
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("accounts:login"), {"username": "nieuw@example.org", "password": new_password}
    )
    assert response.status_code == 302
    # A professional may read personal data of others: set up two-factor first.
    assert client.get("/")["Location"].startswith(reverse("accounts:two-factor-setup"))
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.PASSWORD_SET, actor=user).exists()


def test_invitation_link_works_only_once(invite, client_for, client, coordinator):
    invite(client_for(coordinator))
    link = link_from(mail.outbox[0])
    client.post(reverse("accounts:logout"))
    page = client.get(link, follow=True)
    url = page.redirect_chain[-1][0]
    client.post(
        url,
        {
            "new_password1": "een lange zin als wachtwoord",
            "new_password2": "een lange zin als wachtwoord",
        },
    )
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False


def test_weak_password_is_refused_in_dutch(invite, client_for, client, coordinator):
    invite(client_for(coordinator))
    link = link_from(mail.outbox[0])
    client.post(reverse("accounts:logout"))
    url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(url, {"new_password1": "welkom123", "new_password2": "welkom123"})
    assert response.status_code == 200
    assert "te kort" in response.content.decode()
    assert not User.objects.get(email="nieuw@example.org").has_usable_password()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "coordinator@example.org"}, "Er bestaat al een account met dit e-mailadres."),
        ({"email": "geen-adres"}, "geldig e-mailadres"),
        ({"roles": ["handler"]}, "Kies minstens één gemeente"),
        ({"roles": ["administrator"]}, "geen beschikbare keuze"),
        ({"full_name": ""}, "Dit veld is verplicht."),
    ],
)
def test_bad_invitation_is_refused_with_a_dutch_message_and_nothing_saved(
    invite, client_for, coordinator, municipality, data, message
):
    before = User.objects.count()
    response = invite(client_for(coordinator), **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == before
    assert mail.outbox == []


def test_coordinator_invites_a_scoped_handler(invite, client_for, coordinator, municipality):
    invite(client_for(coordinator), roles=["handler"], municipalities=[municipality.pk])
    user = User.objects.get(email="nieuw@example.org")
    assert list(user.municipalities.all()) == [municipality]


@pytest.mark.parametrize("persona", ["professional", "handler", "role_model", "municipal_employee"])
def test_only_coordinators_and_administrators_invite(invite, request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(INVITE).status_code == 403
    assert invite(client).status_code == 403
    assert not User.objects.filter(email="nieuw@example.org").exists()


def test_administrator_may_invite_an_administrator(invite, client_for, administrator):
    invite(client_for(administrator), roles=["administrator"])
    user = User.objects.get(email="nieuw@example.org")
    assert user.is_staff and user.roles == {Role.ADMINISTRATOR}


def test_password_reset_by_email(client, role_model):
    client.post(reverse("accounts:password-reset"), {"email": role_model.email})
    assert len(mail.outbox) == 1
    link = link_from(mail.outbox[0])
    url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        url, {"new_password1": "nog een lange zin hier", "new_password2": "nog een lange zin hier"}
    )
    role_model.refresh_from_db()
    assert role_model.check_password("nog een lange zin hier")
    assert not role_model.check_password(PASSWORD)


def test_password_reset_does_not_reveal_unknown_addresses(client, db):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
