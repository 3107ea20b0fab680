import time_machine
from django.test import Client
from django.urls import reverse

from polrad.accounts.models import AuditEvent
from tests.conftest import PASSWORD


def logged_in(client, user):
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    return client


def test_session_expires_after_inactivity(client, role_model, settings):
    with time_machine.travel("2026-11-22 09:00 +0000", tick=False) as traveller:
        logged_in(client, role_model)
        traveller.shift(settings.SESSION_IDLE_TIMEOUT - 60)
        assert client.get("/").status_code == 200  # activity keeps it alive
        traveller.shift(settings.SESSION_IDLE_TIMEOUT - 60)
        assert client.get("/").status_code == 200
        traveller.shift(settings.SESSION_IDLE_TIMEOUT + 1)
        response = client.get("/")
    assert response["Location"].startswith(reverse("accounts:login"))
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SESSION_EXPIRED).exists()


def test_session_expires_absolutely_however_active(client, role_model, settings):
    with time_machine.travel("2026-11-22 09:00 +0000", tick=False) as traveller:
        logged_in(client, role_model)
        elapsed = 0
        while elapsed <= settings.SESSION_ABSOLUTE_TIMEOUT:
            traveller.shift(settings.SESSION_IDLE_TIMEOUT // 2)
            elapsed += settings.SESSION_IDLE_TIMEOUT // 2
            response = client.get("/")
    assert response["Location"].startswith(reverse("accounts:login"))


def test_deactivating_an_account_ends_its_sessions(client_for, administrator, role_model):
    victim = logged_in(Client(), role_model)
    assert victim.get("/").status_code == 200
    admin = client_for(administrator)
    admin.post(reverse("accounts:user-deactivate", args=[role_model.pk]))
    role_model.refresh_from_db()
    assert not role_model.is_active
    assert victim.get("/")["Location"].startswith(reverse("accounts:login"))
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.USER_DEACTIVATED, actor=administrator
    ).exists()


def test_coordinator_cannot_deactivate_accounts(client_for, coordinator, role_model):
    response = client_for(coordinator).post(
        reverse("accounts:user-deactivate", args=[role_model.pk])
    )
    assert response.status_code == 403
    role_model.refresh_from_db()
    assert role_model.is_active


def test_logout_ends_the_session(client, role_model):
    logged_in(client, role_model)
    client.post(reverse("accounts:logout"))
    assert client.get("/").status_code == 302
