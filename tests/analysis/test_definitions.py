"""Version 1 of the checklist and of the basis-op-orde preconditions comes with `migrate`: a
new database holds an analysis without the demo data, and the demo adds no second copy."""

import os
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from network.models import Domain
from polrad.accounts.models import User
from polrad.analysis import seed
from polrad.analysis.models import (
    Analysis,
    ChecklistDefinition,
    ChecklistItem,
    Precondition,
    PreconditionList,
)
from tests.network.factories import DomainFactory


def _counts():
    return (
        ChecklistDefinition.objects.count(),
        ChecklistItem.objects.count(),
        PreconditionList.objects.count(),
        Precondition.objects.count(),
    )


@pytest.mark.django_db
def test_version_1_of_both_lists_exists_after_migrate():
    definition = ChecklistDefinition.objects.get(version=1)
    assert definition.is_published and definition.items.count() == len(seed.CHECKLIST_V1)
    assert definition.items.filter(in_short=True).exists()
    preconditions = PreconditionList.objects.get(version=1)
    assert preconditions.is_published
    labels = list(preconditions.items.values_list("label", flat=True))
    assert labels == [label for label, _explanation, _hint in seed.PRECONDITIONS_V1]


@pytest.mark.django_db
def test_staff_create_an_analysis_in_a_new_database_without_demo_data(
    client_for, municipal_employee, municipality
):
    today = timezone.localdate()
    response = client_for(municipal_employee).post(
        reverse("analysis:create"),
        {
            "municipality": municipality.pk,
            "title": "Spanning bij het plein",
            "kind": "short",
            "date": today.isoformat(),
            "facilitator": "Wijkregisseur",
            "follow_up_date": (today + timedelta(days=90)).isoformat(),
        },
    )
    analysis = Analysis.objects.get()
    assert response.status_code == 302 and analysis.definition.version == 1
    page = client_for(municipal_employee).get(reverse("analysis:short", args=[analysis.pk]))
    assert "Botsende leefstijlen" in page.content.decode()


@pytest.mark.django_db
def test_the_demo_seed_makes_nothing_twice_and_links_the_table_domains():
    before = _counts()
    for name in seed.TABLE_DOMAINS:
        DomainFactory(name=name)
    seed.definitions_ensure()
    seed.definitions_ensure()
    assert _counts() == before == (1, len(seed.CHECKLIST_V1), 1, len(seed.PRECONDITIONS_V1))
    required = ChecklistDefinition.objects.get(version=1).required_domains.all()
    assert set(required) == set(Domain.objects.filter(name__in=seed.TABLE_DOMAINS))


@pytest.mark.django_db
def test_the_demo_seed_restores_the_lists_an_emptied_database_lost():
    ChecklistDefinition.objects.all().delete()
    PreconditionList.objects.all().delete()
    definition, preconditions = seed.definitions_ensure()
    assert (definition.version, preconditions.version) == (1, 1)
    assert _counts() == (1, len(seed.CHECKLIST_V1), 1, len(seed.PRECONDITIONS_V1))


# Outside a test transaction, as `make demo-reset` runs (it empties every table).
@pytest.mark.django_db(transaction=True)
def test_the_analysis_pages_work_after_demo_reset(client_for):
    with override_settings(DEBUG=True, SIMPLE_HISTORY_ENABLED=False):
        call_command("seed_demo", reset=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert _counts() == (1, len(seed.CHECKLIST_V1), 1, len(seed.PRECONDITIONS_V1))
    client = client_for(User.objects.get(email="municipality@example.org"))
    analysis = Analysis.objects.filter(municipality__cbs_code="GM0014").first()
    assert analysis is not None
    for url in (
        reverse("analysis:list"),
        analysis.get_absolute_url(),
        reverse("analysis:short", args=[analysis.pk]),
        reverse("analysis:create"),
        reverse("analysis:basis"),
        reverse("analysis:actions"),
    ):
        assert client.get(url, follow=True).status_code == 200, url
    basis = client.get(reverse("analysis:basis"), follow=True).content.decode()
    assert seed.PRECONDITIONS_V1[0][0] in basis
