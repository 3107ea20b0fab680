"""The client's own address behind the trusted reverse proxies (issue #13, 5).

Behind the documented TLS proxy every request arrives from the proxy's address; the lockout,
the audit log and the rate limits must see the client's address the proxy appended, and
never an address the client wrote into the header itself.
"""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from polrad.accounts.models import AuditEvent
from polrad.clients import client_ip
from tests.conftest import PASSWORD

LOGIN = reverse("accounts:login")
PROXY = "10.0.0.2"
ATTACKER = "198.51.100.7"
VICTIM = "198.51.100.8"


def via_proxy(client, address, data, forged=""):
    """A POST as the proxy passes it on: it appends the address it received it from."""
    header = f"{forged}, {address}" if forged else address
    return client.post(LOGIN, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)


def wrong(user):
    return {"username": user.email, "password": "wrong-password-123"}


def right(user):
    return {"username": user.email, "password": PASSWORD}


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.FORWARDED_FOR_HEADER = "X-Forwarded-For"


def test_behind_the_proxy_a_lockout_hits_the_attacker_not_the_user(client, role_model, one_proxy):
    for _ in range(5):
        via_proxy(client, ATTACKER, wrong(role_model))
    assert via_proxy(client, ATTACKER, right(role_model)).status_code == 429
    assert via_proxy(client, VICTIM, right(role_model)).status_code == 302
    failed = AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_FAILED).first()
    assert failed.ip_address == ATTACKER


def test_a_forged_header_cannot_pose_as_another_client(client, role_model, one_proxy):
    for _ in range(5):
        via_proxy(client, ATTACKER, wrong(role_model), forged=VICTIM)
    assert via_proxy(client, ATTACKER, right(role_model), forged="203.0.113.1").status_code == 429
    assert via_proxy(client, VICTIM, right(role_model)).status_code == 302


def test_without_trusted_proxies_the_header_is_ignored(client, role_model, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(5):
        client.post(
            LOGIN,
            wrong(role_model),
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )
    response = client.post(
        LOGIN, right(role_model), REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="203.0.113.99"
    )
    assert response.status_code == 429


def test_rate_limits_count_per_client_behind_the_proxy(client, one_proxy, db):
    verify = reverse("trainings:verify", args=["ABCD-EFGH-JKLM"])
    for _ in range(31):
        last = client.get(verify, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{VICTIM}, {ATTACKER}")
    assert last.status_code == 429
    other = client.get(verify, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=VICTIM)
    assert other.status_code == 404  # not limited: a different client, an unknown code


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (0, "198.51.100.8", PROXY),
        (1, "198.51.100.8", "198.51.100.8"),
        (1, "203.0.113.1, 198.51.100.8", "198.51.100.8"),
        (2, "203.0.113.1, 198.51.100.8, 10.0.0.9", "198.51.100.8"),
        (2, "198.51.100.8", PROXY),  # fewer entries than proxies: not through them all
        (1, "not-an-address", PROXY),
        (1, "", PROXY),
    ],
)
def test_client_ip_takes_the_entry_the_first_trusted_proxy_wrote(settings, count, header, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)
    assert client_ip(request) == expected


def test_the_header_is_a_setting(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.FORWARDED_FOR_HEADER = "X-Real-IP"
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=VICTIM, HTTP_X_FORWARDED_FOR=ATTACKER
    )
    assert client_ip(request) == VICTIM
