"""Personal links without login expire and can be renewed (issue #13, 8)."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from signals import digests
from trainings.views.sessions import feed_token


def feed(client, token):
    return client.get(reverse("trainings:personal-feed", args=[token]))


def test_renewing_the_calendar_address_stops_the_old_one(client_for, professional, client):
    old = feed_token(professional)
    assert feed(client, old).status_code == 200
    member = client_for(professional)
    response = member.post(reverse("links-renew", args=["calendar-feed"]), follow=True)
    assert "Eerdere kopieën werken niet meer" in response.content.decode()
    new = response.context["feed_url"].rstrip("/").split("/")[-2]
    member.logout()
    assert feed(client, old).status_code == 404
    assert feed(client, new).status_code == 200


def test_the_calendar_address_expires_after_a_year(client, professional):
    token = feed_token(professional)
    with time_machine.travel(timezone.now() + timedelta(days=366)):
        assert feed(client, token).status_code == 404


def test_renewing_the_unsubscribe_link_stops_the_one_in_earlier_emails(
    client_for, professional, client
):
    old = reverse("signals:unsubscribe", args=[digests.unsubscribe_token(professional.pk)])
    assert client.get(old).status_code == 200
    client_for(professional).post(reverse("links-renew", args=["unsubscribe"]))
    client.logout()
    assert client.get(old).status_code == 400
    new = reverse("signals:unsubscribe", args=[digests.unsubscribe_token(professional.pk)])
    assert client.get(new).status_code == 200


def test_the_unsubscribe_link_expires(client, professional):
    url = reverse("signals:unsubscribe", args=[digests.unsubscribe_token(professional.pk)])
    with time_machine.travel(timezone.now() + timedelta(days=366)):
        assert client.get(url).status_code == 400


def test_renewing_needs_login_post_and_a_known_purpose(client_for, professional, client):
    url = reverse("links-renew", args=["calendar-feed"])
    assert client.post(url).status_code == 302  # to the login page
    member = client_for(professional)
    assert member.get(url).status_code == 405
    assert member.post(reverse("links-renew", args=["everything"])).status_code == 404
