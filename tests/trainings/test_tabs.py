"""The tab bar of the trainings pages: each role sees its parts, the current one marked."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TABS = re.compile(
    r'<nav aria-label="[^"]*" class="mb-3">\s*<ul class="nav nav-tabs">(.*?)</ul>', re.S
)


def tab_links(response) -> list[str]:
    """The addresses in the tab bar, the current one marked with a star."""
    tabs = TABS.search(response.content.decode()).group(1)
    return [
        f"{href}*" if current else href
        for current, href in re.findall(
            r'<a class="nav-link[^"]*"( aria-current="page)?[^>]*href="([^"]+)"', tabs
        )
    ]


def test_professional_sees_calendar_and_own_trainings_and_certificates(client_for, professional):
    response = client_for(professional).get(reverse("trainings:my-certificates"))
    assert tab_links(response) == [
        reverse("trainings:index"),
        reverse("trainings:mine"),
        reverse("trainings:my-certificates") + "*",
    ]


def test_coordinator_sees_every_tab(client_for, coordinator):
    response = client_for(coordinator).get(reverse("trainings:dashboard"))
    assert tab_links(response) == [
        reverse("trainings:index"),
        reverse("trainings:mine"),
        reverse("trainings:my-certificates"),
        reverse("trainings:coaching"),
        reverse("trainings:evaluations"),
        reverse("trainings:dashboard") + "*",
    ]


def test_role_model_sees_her_coaching(client_for, role_model):
    response = client_for(role_model).get(reverse("trainings:index"))
    assert tab_links(response) == [
        reverse("trainings:index") + "*",
        reverse("trainings:mine"),
        reverse("trainings:my-certificates"),
        reverse("trainings:coaching"),
    ]


def test_municipal_employee_sees_calendar_and_figures(client_for, municipal_employee):
    response = client_for(municipal_employee).get(reverse("trainings:index"))
    assert tab_links(response) == [
        reverse("trainings:index") + "*",
        reverse("trainings:dashboard"),
    ]


def test_an_account_without_a_role_is_offered_no_calendar(client_for, outsider):
    response = client_for(outsider).get(reverse("trainings:mine"))
    assert tab_links(response) == []
