"""What every logged-in page costs before its view: the session and one query for the user
with their roles, permissions, municipalities and second-factor devices. The second factor is
not read again, yet a removed device or a deactivated account ends the verified state at once.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from polrad.accounts.roles import Role
from tests.factories import MunicipalityFactory, UserFactory

TRIVIAL_PAGE = "/toegankelijkheid/"
# The user with all it needs, and the session row where sessions live in the database only
# (with Redis, as in production and CI, the session is read from the cache).
BASELINE = 1 + (settings.SESSION_ENGINE == "django.contrib.sessions.backends.db")
VERIFY = reverse("accounts:two-factor-verify")


def test_a_trivial_page_costs_the_session_and_one_query_for_the_user(
    client_for, handler, django_assert_num_queries
):
    client = client_for(handler)
    client.get(TRIVIAL_PAGE)  # the session's first write is behind us
    with django_assert_num_queries(BASELINE):
        response = client.get(TRIVIAL_PAGE)
    assert response.status_code == 200
    assert response.wsgi_request.user.is_verified()


def test_the_baseline_does_not_grow_with_roles_municipalities_or_devices(
    db, client_for, django_assert_num_queries
):
    user = UserFactory(
        roles=[Role.COORDINATOR, Role.HANDLER, Role.MUNICIPAL],
        municipalities=MunicipalityFactory.create_batch(25),
    )
    StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    client = client_for(user)
    client.get(TRIVIAL_PAGE)
    with django_assert_num_queries(BASELINE):
        response = client.get(TRIVIAL_PAGE)
    request_user = response.wsgi_request.user
    assert request_user.roles == {Role.COORDINATOR, Role.HANDLER, Role.MUNICIPAL}
    assert len(request_user.municipality_ids) == 25
    assert request_user.is_verified()


def test_roles_permissions_and_municipalities_read_with_the_user_are_djangos(client_for, handler):
    response = client_for(handler).get(TRIVIAL_PAGE)
    request_user = response.wsgi_request.user
    fresh = get_user_model().objects.get(pk=handler.pk)
    assert request_user.roles == {group.name for group in fresh.groups.all()}
    assert request_user.get_all_permissions() == fresh.get_all_permissions()
    assert request_user.has_perm("accounts.handle_concerns")
    assert not request_user.has_perm("accounts.invite_users")
    assert request_user.municipality_ids == set(fresh.municipalities.values_list("pk", flat=True))


def test_a_deleted_device_ends_the_verified_state_at_once(client_for, handler):
    client = client_for(handler)
    assert client.get(TRIVIAL_PAGE).status_code == 200
    handler.totpdevice_set.all().delete()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert not response.wsgi_request.user.is_verified()
    assert DEVICE_ID_SESSION_KEY not in client.session  # not verified again by a new device


def test_an_unconfirmed_device_ends_the_verified_state_at_once(client_for, handler):
    client = client_for(handler)
    assert client.get(reverse("dashboard")).status_code == 200
    handler.totpdevice_set.update(confirmed=False)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert not response.wsgi_request.user.is_verified()


def test_another_users_device_does_not_verify_the_session(client_for, handler, coordinator):
    client = client_for(handler)
    other_device = coordinator.totpdevice_set.create(name="authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = other_device.persistent_id
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_a_deactivated_user_loses_the_session_at_once(client_for, handler):
    client = client_for(handler)
    assert client.get(reverse("dashboard")).status_code == 200
    handler.is_active = False
    handler.save(update_fields=["is_active"])
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert not response.wsgi_request.user.is_authenticated


def test_a_withdrawn_role_is_gone_on_the_next_request(client_for, handler):
    client = client_for(handler)
    assert client.get(reverse("signals:queue")).status_code == 200
    handler.groups.clear()
    response = client.get(reverse("signals:queue"))
    assert response.status_code == 403
    assert not response.wsgi_request.user.has_perm("accounts.handle_concerns")


def test_the_verified_device_is_read_only_when_used(client_for, handler, django_assert_num_queries):
    response = client_for(handler).get(TRIVIAL_PAGE)
    request_user = response.wsgi_request.user
    device = handler.totpdevice_set.get()
    with django_assert_num_queries(1):
        assert request_user.otp_device.name == device.name
    assert request_user.otp_device.persistent_id == device.persistent_id


def test_a_user_without_second_factor_costs_no_device_queries(db, client):
    """A role model without 2FA (not required for the role) is not asked for devices."""
    role_model = UserFactory(roles=[Role.ROLE_MODEL])
    client.force_login(role_model)
    client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_verified()
    assert not [query for query in queries if query["sql"].startswith('SELECT "otp_')]


def test_a_password_only_session_of_a_user_with_a_device_is_sent_to_verify(db, client):
    role_model = UserFactory(roles=[Role.ROLE_MODEL])
    StaticDevice.objects.create(user=role_model, name="recovery", confirmed=True)
    client.force_login(role_model)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    # An unconfirmed device does not count: the page opens.
    role_model.staticdevice_set.update(confirmed=False)
    assert client.get(TRIVIAL_PAGE).status_code == 200
