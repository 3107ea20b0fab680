import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import TOTP

from polrad.accounts.models import AuditEvent
from tests.conftest import PASSWORD
from tests.factories import TOTPDeviceFactory

LOGIN = reverse("accounts:login")


def post_login(client, email, password=PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


def test_login_page_is_dutch_by_default(client, db):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response.status_code == 200
    assert response["Content-Language"] == "nl"
    assert "Inloggen" in response.content.decode()


def test_role_model_logs_in_with_password_only(client, role_model):
    response = post_login(client, "RoleModel@Example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_login_with_wrong_password_shows_dutch_error_and_logs_nothing_in(client, role_model):
    response = post_login(client, role_model.email, "wrong-password-123")
    assert response.status_code == 200
    assert "komen niet overeen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_gets_a_new_session_key(client, role_model):
    client.get(LOGIN)
    client.cookies["sessionid"] = "anonymous-session-key-planted-by-an-attacker"
    post_login(client, role_model.email)
    assert client.cookies["sessionid"].value != "anonymous-session-key-planted-by-an-attacker"


def test_logins_and_failures_are_audited(client, role_model):
    post_login(client, role_model.email, "wrong-password-123")
    post_login(client, role_model.email)
    client.post(reverse("accounts:logout"))
    events = list(AuditEvent.objects.order_by("created_at", "pk").values_list("kind", "success"))
    assert events == [
        (AuditEvent.Kind.LOGIN_FAILED, False),
        (AuditEvent.Kind.LOGIN, True),
        (AuditEvent.Kind.LOGOUT, True),
    ]
    failed = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_FAILED)
    assert failed.username == role_model.email
    assert failed.ip_address == "127.0.0.1"


class TestLockout:
    def test_locked_out_after_five_failures_with_dutch_429_page(self, client, role_model):
        for _ in range(5):
            post_login(client, role_model.email, "wrong-password-123")
        response = post_login(client, role_model.email)  # even the right password
        assert response.status_code == 429
        assert "Te veel mislukte pogingen" in response.content.decode()
        assert "_auth_user_id" not in client.session
        assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKED_OUT).exists()

    def test_lockout_is_released_after_the_cool_off(self, client, role_model):
        with time_machine.travel("2026-11-22 10:00 +0000", tick=False) as traveller:
            for _ in range(5):
                post_login(client, role_model.email, "wrong-password-123")
            assert post_login(client, role_model.email).status_code == 429
            traveller.shift(16 * 60)
            assert post_login(client, role_model.email).status_code == 302

    def test_lockout_hits_the_attacker_address_not_the_user_elsewhere(self, client, role_model):
        for _ in range(5):
            post_login(client, role_model.email, "wrong-password-123")
        response = client.post(
            LOGIN,
            {"username": role_model.email, "password": PASSWORD},
            REMOTE_ADDR="192.0.2.44",
        )
        assert response.status_code == 302


class TestTwoFactor:
    def test_password_only_session_of_coordinator_reaches_no_coordinator_page(
        self, client, coordinator
    ):
        post_login(client, coordinator.email)
        for url in ["/", "/sociale-kaart/", "/rolmodellen/", "/account/gebruikers/", "/admin/"]:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("accounts:two-factor-setup"))

    def test_coordinator_with_device_must_verify_and_then_gets_in(self, client, coordinator):
        device = TOTPDeviceFactory(user=coordinator)
        post_login(client, coordinator.email)
        response = client.get("/rolmodellen/")
        assert (
            response["Location"]
            == reverse("accounts:two-factor-verify") + "?next=%2Frolmodellen%2F"
        )
        code = f"{TOTP(device.bin_key).token():06d}"
        response = client.post(response["Location"], {"otp_token": code})
        assert response["Location"] == "/rolmodellen/"
        assert client.get("/rolmodellen/").status_code == 200
        assert AuditEvent.objects.filter(kind=AuditEvent.Kind.TWO_FACTOR_VERIFIED).exists()

    def test_wrong_code_is_refused_in_dutch_and_audited(self, client, coordinator):
        TOTPDeviceFactory(user=coordinator)
        post_login(client, coordinator.email)
        response = client.post(reverse("accounts:two-factor-verify"), {"otp_token": "000000"})
        assert response.status_code == 200
        assert "Deze code klopt niet" in response.content.decode()
        assert client.get("/").status_code == 302
        assert AuditEvent.objects.filter(kind=AuditEvent.Kind.TWO_FACTOR_FAILED).exists()

    def test_setup_confirms_device_and_shows_recovery_codes_that_work_once(
        self, client, professional
    ):
        post_login(client, professional.email)
        page = client.get(reverse("accounts:two-factor-setup"))
        assert page.status_code == 200
        device = professional.totpdevice_set.get(confirmed=False)
        assert "<svg" in page.content.decode()
        code = f"{TOTP(device.bin_key).token():06d}"
        response = client.post(reverse("accounts:two-factor-setup"), {"otp_token": code})
        codes = response.context["codes"]
        assert len(codes) == 10
        device.refresh_from_db()
        assert device.confirmed
        assert client.get("/").status_code == 200

        client.post(reverse("accounts:logout"))
        post_login(client, professional.email)
        verify = reverse("accounts:two-factor-verify")
        assert client.post(verify, {"otp_token": codes[0]}).status_code == 302
        client.post(reverse("accounts:logout"))
        post_login(client, professional.email)
        assert client.post(verify, {"otp_token": codes[0]}).status_code == 200  # used up

    def test_setup_with_wrong_code_does_not_confirm_the_device(self, client, professional):
        post_login(client, professional.email)
        client.get(reverse("accounts:two-factor-setup"))
        response = client.post(reverse("accounts:two-factor-setup"), {"otp_token": "12345x"})
        assert response.status_code == 200
        assert "Deze code klopt niet" in response.content.decode()
        assert not professional.totpdevice_set.filter(confirmed=True).exists()

    @pytest.mark.parametrize("persona", ["role_model", "municipal_employee"])
    def test_two_factor_is_optional_but_offered_for(self, request, client, persona):
        user = request.getfixturevalue(persona)
        post_login(client, user.email)
        assert client.get("/").status_code == 200
        profile = client.get(reverse("accounts:profile")).content.decode()
        assert reverse("accounts:two-factor-setup") in profile

    def test_two_factor_cannot_be_switched_off_by_a_role_that_requires_it(
        self, client_for, handler
    ):
        client = client_for(handler)
        client.post(reverse("accounts:two-factor-disable"))
        assert handler.totpdevice_set.exists()

    def test_role_model_can_switch_two_factor_off(self, client_for, role_model):
        client = client_for(role_model)
        client.post(reverse("accounts:two-factor-disable"))
        assert not role_model.totpdevice_set.exists()
        assert AuditEvent.objects.filter(kind=AuditEvent.Kind.TWO_FACTOR_DISABLED).exists()


class TestSessionKeyRotation:
    def test_verifying_the_second_factor_gives_a_new_session_key(self, client, coordinator):
        device = TOTPDeviceFactory(user=coordinator)
        post_login(client, coordinator.email)
        after_password = client.cookies["sessionid"].value
        code = f"{TOTP(device.bin_key).token():06d}"
        client.post(reverse("accounts:two-factor-verify"), {"otp_token": code})
        after_code = client.cookies["sessionid"].value
        assert after_code != after_password
        assert client.get("/").status_code == 200
        client.cookies["sessionid"] = after_password  # the password-only key is gone
        assert client.get("/")["Location"].startswith(LOGIN)

    def test_setting_up_the_second_factor_gives_a_new_session_key(self, client, professional):
        post_login(client, professional.email)
        client.get(reverse("accounts:two-factor-setup"))
        after_password = client.cookies["sessionid"].value
        device = professional.totpdevice_set.get(confirmed=False)
        code = f"{TOTP(device.bin_key).token():06d}"
        client.post(reverse("accounts:two-factor-setup"), {"otp_token": code})
        assert client.cookies["sessionid"].value != after_password
        assert client.get("/").status_code == 200
